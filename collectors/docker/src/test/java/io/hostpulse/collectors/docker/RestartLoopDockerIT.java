package io.hostpulse.collectors.docker;

import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.Event;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.testing.DockerDaemon;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A container that crashes under Docker's restart policy (a private dockerd from Debian's docker.io): the events
 * dockerd sends for policy restarts (die, start, with no "restart" action) make the collector report a restart loop
 * (key {@code restart_loop} of its section), handed to the event sink as it happens, with no collection in between.
 */
class RestartLoopDockerIT {

    @Test
    void aCrashingContainerWithRestartAlwaysIsReportedAsARestartLoop() throws Exception {
        List<Event> out = new CopyOnWriteArrayList<>();
        try (DockerDaemon engine = DockerDaemon.start()) {
            Collector docker = new DockerCollectorPlugin().create(ConfigNode.of(Map.of("endpoint", engine.host(),
                            "restart_loop", Map.of("restarts", 3, "within", "5m"))),
                    new CollectorContext(HostPaths.defaults(), Clock.systemUTC(), "it", null, Map.of()).withEvents(out::add));
            try {
                // one collection starts the events stream; from then on no collection is needed for events
                docker.collect(Instant.now(), new ListAccumulator());
                long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (((DockerCollector) docker).eventStreamConnects() < 1) {
                    assertThat(System.nanoTime()).as("events stream open within 20 s").isLessThan(until);
                    Thread.sleep(100);
                }
                engine.docker("run", "-d", "--name", "crashy", "--network", "none", "--restart", "always",
                        DockerDaemon.IMAGE, "sh", "-c", "exit 4");
                until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (out.stream().noneMatch(e -> "restart_loop".equals(e.labels().get("action")))) {
                    assertThat(System.nanoTime()).as("a restart loop within 60 s; events: %s", out).isLessThan(until);
                    Thread.sleep(300);
                }
                engine.docker("rm", "-f", "crashy");
            } finally {
                docker.close();
            }
        }
        Event loop = out.stream().filter(e -> "restart_loop".equals(e.labels().get("action"))).findFirst().orElseThrow();
        assertThat(loop.source()).isEqualTo("docker");
        assertThat(loop.level()).isEqualTo("error");
        assertThat(loop.labels()).containsEntry("container_name", "crashy");
        assertThat(loop.metadata()).containsEntry("restarts", "3").containsEntry("exit_code", "4").containsKey("container_id");
        assertThat(loop.message()).startsWith("container crashy is in a restart loop: 3 restarts in 5 minutes (last exit code 4)");
        // before it: the container's own die and start events, passed through unchanged
        List<String> actions = out.stream().filter(e -> "crashy".equals(e.labels().get("container_name")))
                .map(e -> e.labels().get("action")).toList();
        assertThat(actions).containsSubsequence("start", "die", "start", "die", "start", "die", "start", "restart_loop");
    }
}
