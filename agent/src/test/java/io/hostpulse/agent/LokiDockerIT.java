package io.hostpulse.agent;

import io.hostpulse.collectors.docker.DockerCollector;
import io.hostpulse.collectors.docker.DockerCollectorPlugin;
import io.hostpulse.collectors.docker.DockerConfig;
import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.Event;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.config.ConfigProblems;
import io.hostpulse.exporters.loki.LokiConfig;
import io.hostpulse.exporters.loki.LokiOutputPlugin;
import io.hostpulse.exporters.pipeline.Output;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.testing.DockerDaemon;
import io.hostpulse.testing.LokiTestServer;
import io.hostpulse.testing.RecordingAccumulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events from a real dockerd (Debian's docker.io, test-fixtures' private {@link DockerDaemon}) through the Docker
 * collector's event sink and the loki output into the Loki test server: a container started and killed, and one
 * that exits 3. Both plugins are configured and created as the agent does (configure, then create with a context);
 * here, because it is the one module that depends on a collector and an exporter.
 */
class LokiDockerIT {
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void startAndKillAContainerAndSeeItsEventsInLoki() throws Exception {
        try (LokiTestServer loki = LokiTestServer.start(); DockerDaemon engine = DockerDaemon.start()) {
            Output<Event> out = loki(Map.of("url", loki.url(), "flush_interval", "200ms", "flush_jitter", "0s",
                    "agent_logs", false));
            DockerCollectorPlugin plugin = new DockerCollectorPlugin();
            CollectorContext ctx = new CollectorContext(HostPaths.defaults(), CLOCK, "docker-it", null, Map.of())
                    .withEvents(e -> out.accept(List.of(e)));
            ConfigProblems problems = new ConfigProblems("it.yaml");
            ConfigNode section = ConfigNode.root(problems, new HashMap<>(Map.of("endpoint", engine.host())));
            DockerConfig cfg = plugin.configure(section, ctx);
            section.finish();
            problems.throwIfAny();
            Collector docker = plugin.create(cfg, ctx);
            RecordingAccumulator acc = new RecordingAccumulator();
            try {
                // the first collection opens the events stream; from then on events reach the sink as they happen
                docker.collect(Instant.now(), acc);
                await("docker /events stream open", Duration.ofSeconds(20), () -> ((DockerCollector) docker).eventStreamConnects() >= 1);
                engine.docker("run", "-d", "--name", "victim", "--network", "none",
                        "--label", "com.docker.compose.project=itproj", "--label", "com.docker.compose.service=worker",
                        DockerDaemon.IMAGE, "sleep", "1000");
                engine.docker("kill", "victim");
                try {
                    engine.docker("run", "--name", "quitter", "--network", "none", DockerDaemon.IMAGE, "sh", "-c", "exit 3");
                } catch (IOException expected) {
                    assertThat(expected).hasMessageContaining("(3)");
                }
                await("both die events in Loki", Duration.ofSeconds(30), () -> loki.entries().stream()
                        .filter(e -> "die".equals(e.metadata().get("action"))).count() >= 2);
            } finally {
                docker.close();
                out.close();
            }
            assertThat(acc.events).as("events go to the sink, not to the collection's accumulator").isEmpty();

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

    /** The loki output as the agent creates it, from its config section. */
    private static Output<Event> loki(Map<String, Object> section) throws Exception {
        ConfigProblems problems = new ConfigProblems("it.yaml");
        ConfigNode node = ConfigNode.root(problems, new HashMap<>(section));
        LokiOutputPlugin plugin = new LokiOutputPlugin();
        LokiConfig cfg = plugin.configure(node, false);
        node.finish();
        problems.throwIfAny();
        return plugin.create(cfg, new OutputContext(null, new SimpleMeterRegistry(), CLOCK, "docker-it"));
    }

    private static void await(String what, Duration max, BooleanSupplier ok) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (!ok.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for: %s", what).isLessThan(until);
            Thread.sleep(50);
        }
    }
}
