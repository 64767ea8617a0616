package io.hostpulse.exporters.loki;

import io.hostpulse.exporters.pipeline.BufferedOutput;
import io.hostpulse.collectors.docker.DockerCollector;
import io.hostpulse.collectors.docker.DockerCollectorPlugin;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.Event;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.testing.DockerDaemon;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events from a real dockerd (Debian's docker.io, started privately by the Docker module's test support) through the
 * Docker collector and the loki output into the test server: a container started and killed, and one that exits 3.
 */
class LokiDockerIT {

    @Test
    void startAndKillAContainerAndSeeItsEventsInLoki() throws Exception {
        try (LokiTestServer loki = LokiTestServer.start(); DockerDaemon engine = DockerDaemon.start()) {
            Map<String, Object> s = new HashMap<>();
            s.put("url", loki.url());
            s.put("flush_interval", "200ms");
            s.put("flush_jitter", "0s");
            s.put("agent_logs", false);
            BufferedOutput<Event> out = Outputs.create(s, null, "docker-it");
            Collector docker = new DockerCollectorPlugin().create(ConfigNode.of(Map.of("endpoint", engine.host())),
                    new CollectorContext(HostPaths.defaults(), Clock.systemUTC(), "docker-it", null, Map.of())
                            .withEvents(e -> out.accept(List.of(e))));
            AtomicBoolean running = new AtomicBoolean(true);
            Accumulator acc = new Accumulator() {
                @Override
                public void add(Point point) {
                }

                @Override
                public void addEvent(Event event) {
                    out.accept(List.of(event));
                }

                @Override
                public void addError(String part, Throwable error) {
                }
            };
            Thread collecting = new Thread(() -> {
                while (running.get()) {
                    try {
                        docker.collect(Instant.now(), acc);
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // engine busy: next round
                    }
                }
            }, "collect");
            collecting.start();
            try {
                Outputs.await("docker /events stream open", Duration.ofSeconds(20), () -> ((DockerCollector) docker).eventStreamConnects() >= 1);
                engine.docker("run", "-d", "--name", "victim", "--network", "none",
                        "--label", "com.docker.compose.project=itproj", "--label", "com.docker.compose.service=worker",
                        DockerDaemon.IMAGE, "sleep", "1000");
                engine.docker("kill", "victim");
                try {
                    engine.docker("run", "--name", "quitter", "--network", "none", DockerDaemon.IMAGE, "sh", "-c", "exit 3");
                } catch (IOException expected) {
                    assertThat(expected).hasMessageContaining("(3)");
                }
                Outputs.await("both die events in Loki", Duration.ofSeconds(30), () -> loki.entries().stream()
                        .filter(e -> "die".equals(e.metadata().get("action"))).count() >= 2);
            } finally {
                running.set(false);
                collecting.interrupt();
                collecting.join(10_000);
                docker.close();
                out.close();
            }

            List<LokiTestServer.Entry> victim = loki.entries().stream()
                    .filter(e -> "victim".equals(e.labels().get("container_name"))).toList();
            assertThat(victim).extracting(e -> e.metadata().get("action")).containsSubsequence("start", "kill", "die");
            LokiTestServer.Entry die = victim.stream().filter(e -> "die".equals(e.metadata().get("action"))).findFirst().orElseThrow();
            assertThat(die.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("host", "docker-it", "source", "docker",
                    "level", "warning", "container_name", "victim", "compose_project", "itproj", "compose_service", "worker"));
            assertThat(die.metadata()).containsEntry("exit_code", "137").containsEntry("image", DockerDaemon.IMAGE)
                    .containsKey("container_id");
            assertThat(die.line()).isEqualTo("container victim died (exit code 137)");
            LokiTestServer.Entry kill = victim.stream().filter(e -> "kill".equals(e.metadata().get("action"))).findFirst().orElseThrow();
            assertThat(kill.metadata()).containsEntry("signal", "9");
            // dockerd's timeNano, to the nanosecond, within the test's run
            assertThat(die.tsNanos() % 1_000_000L).isNotNegative();
            assertThat(die.time()).isBetween(Instant.now().minusSeconds(120), Instant.now());

            LokiTestServer.Entry quit = loki.entries().stream().filter(e -> "quitter".equals(e.labels().get("container_name"))
                    && "die".equals(e.metadata().get("action"))).findFirst().orElseThrow();
            assertThat(quit.metadata()).containsEntry("exit_code", "3");
            assertThat(quit.labels()).doesNotContainKeys("compose_project", "compose_service");
            assertThat(loki.duplicates()).isZero();
            // entries of one stream arrive in time order
            Map<Map<String, String>, Long> last = new HashMap<>();
            for (LokiTestServer.Entry e : loki.entries()) {
                Long prev = last.put(e.labels(), e.tsNanos());
                assertThat(prev == null || prev <= e.tsNanos()).as("order in %s", e.labels()).isTrue();
            }
        }
    }
}
