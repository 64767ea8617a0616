package io.hostpulse.agent.run;

import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.ConfigLoader;
import io.hostpulse.agent.selfmetrics.SelfMetrics;
import io.hostpulse.agent.wiring.Wiring;
import io.hostpulse.collectors.docker.DockerCollectorPlugin;
import io.hostpulse.collectors.docker.DockerCollector;
import io.hostpulse.testing.DockerDaemon;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A container's events reach the events outputs when they happen, not at the docker collector's next collection:
 * with a 10-minute interval, the {@code die} of a container that exits, and the restart loop of one that crashes
 * under {@code --restart always}, arrive within seconds (a private dockerd from Debian's docker.io).
 */
class DockerEventsLaneIT {

    @Test
    void containerEventsArriveWithinSecondsWhileTheIntervalIsTenMinutes(@TempDir Path dir) throws Exception {
        List<Event> received = new CopyOnWriteArrayList<>();
        List<Point> points = new CopyOnWriteArrayList<>();
        Plugins plugins = new Plugins(List.of(new DockerCollectorPlugin()),
                List.of(AgentEventRoutingTest.plugin("pts", points)), List.of(AgentEventRoutingTest.plugin("rec", received)));
        try (DockerDaemon engine = DockerDaemon.start()) {
            AgentConfig cfg = new ConfigLoader(plugins, Map.of(), Clock.systemUTC()).parse("it.yaml", """
                    agent:
                      hostname: it-agent
                      interval: 10m
                      data_dir: %s
                      http: {enabled: false}
                    collectors:
                      docker:
                        endpoint: %s
                        interval: 10m
                        restart_loop: {restarts: 3, within: 5m}
                    outputs:
                      - type: pts
                      - type: rec
                    """.formatted(dir, engine.host()));
            SelfMetrics metrics = new SelfMetrics();
            Running parts = Wiring.forRun(cfg, metrics, Clock.systemUTC(), e -> { });
            try (Agent agent = new Agent(cfg, parts, metrics, Clock.systemUTC())) {
                agent.start(); // the one collection at start opens the events stream
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (((DockerCollector) parts.collectors().get(0).collector()).eventStreamConnects() < 1) {
                    assertThat(System.nanoTime()).as("events stream open within 30 s").isLessThan(until);
                    Thread.sleep(50);
                }
                // the start-up collection opens the stream first and its points come when it ends (after the network
                // map): count only once they are there
                org.awaitility.Awaitility.await("the start-up collection's points").atMost(Duration.ofSeconds(30))
                        .until(() -> points.stream().anyMatch(p -> p.measurement().equals("docker")));
                int collectionsBefore = (int) points.stream().filter(p -> p.measurement().equals("docker")).count();

                long started = System.nanoTime();
                try {
                    engine.docker("run", "--name", "quitter", "--network", "none", DockerDaemon.IMAGE, "sh", "-c", "exit 7");
                } catch (java.io.IOException expected) {
                    assertThat(expected).hasMessageContaining("(7)");
                }
                Event die = await(received, "quitter", "die", Duration.ofSeconds(20));
                long dieMs = (System.nanoTime() - started) / 1_000_000;
                assertThat(die.metadata()).containsEntry("exit_code", "7");

                started = System.nanoTime();
                engine.docker("run", "-d", "--name", "crashy", "--network", "none", "--restart", "always",
                        DockerDaemon.IMAGE, "sh", "-c", "exit 4");
                Event loop = await(received, "crashy", "restart_loop", Duration.ofSeconds(60));
                long loopMs = (System.nanoTime() - started) / 1_000_000;
                engine.docker("rm", "-f", "crashy");
                assertThat(loop.level()).isEqualTo("error");
                assertThat(loop.metadata()).containsEntry("restarts", "3").containsEntry("exit_code", "4");

                // no collection happened meanwhile: the events came on their own
                assertThat(points.stream().filter(p -> p.measurement().equals("docker")).count()).isEqualTo(collectionsBefore);
                System.out.printf("docker events lane: die event %d ms after docker run started; restart loop %d ms after the crashing container started (interval 10 min)%n",
                        dieMs, loopMs);
                assertThat(dieMs).as("die event delay in ms").isLessThan(10_000);
            }
            metrics.close();
        }
    }

    private static Event await(List<Event> received, String container, String action, Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (true) {
            for (Event e : received) {
                if (container.equals(e.labels().get("container_name")) && action.equals(e.labels().get("action"))) {
                    return e;
                }
            }
            assertThat(System.nanoTime()).as("a %s event of %s within %s; got %s", action, container, max, received).isLessThan(until);
            Thread.sleep(20);
        }
    }
}
