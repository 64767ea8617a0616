package io.hostpulse.agent;

import io.hostpulse.testing.Influxd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code check-config} is read-only (issue 13): run beside a running agent that shares its data dir, and again
 * after that agent stopped with a backlog in its spool while InfluxDB is back, it neither takes the spool nor
 * replays it: the spool's files stay byte for byte as the agent left them and InfluxDB receives nothing.
 */
class CheckConfigBesideAgentIT {

    @Test
    void checkConfigNeverTouchesTheAgentsSpool(@TempDir Path dir) throws Exception {
        try (Influxd influx = Influxd.started()) {
            influx.createDatabase("hostpulse");
            influx.stop(); // the agent builds a backlog in its spool
            Path data = dir.resolve("data");
            Path cfg = dir.resolve("hp.yaml");
            Files.writeString(cfg, """
                    agent:
                      interval: 1s
                      hostname: it-agent
                      data_dir: %s
                      http: {enabled: false}
                    collectors:
                      host: {parts: [system, mem]}
                      docker: {enabled: false}
                      smart: {enabled: false}
                    outputs:
                      - type: influxdb
                        api: v1
                        url: %s
                        database: hostpulse
                        create: true
                        flush_interval: 1s
                        flush_jitter: 0s
                        retry_initial: 200ms
                        retry_max: 1s
                        drain_timeout: 1s
                    """.formatted(data, influx.url()));
            Path spool = data.resolve("spool").resolve("influxdb");
            try (AgentProcess agent = AgentProcess.start(Files.createDirectory(dir.resolve("agent")), "run", "--config", cfg.toString())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> segmentBytes(spool) > 2000);

                // 1. beside the running agent
                try (AgentProcess check = AgentProcess.start(Files.createDirectory(dir.resolve("check1")), "check-config",
                        "--config", cfg.toString())) {
                    assertThat(check.waitFor(60)).as(check.stderrText()).isZero();
                    assertThat(check.stdoutText()).contains("is valid").contains("type: \"influxdb\"");
                    assertThat(check.stderrText()).doesNotContainIgnoringCase("spool");
                }
                assertThat(agent.isAlive()).isTrue();

                // 2. the agent stops with its backlog spooled; InfluxDB comes back; check-config must not deliver it
                agent.terminate();
                assertThat(agent.waitFor(30)).as(agent.stderrText()).isZero();
            }
            Map<String, String> before = snapshot(data);
            assertThat(before.keySet()).anyMatch(p -> p.endsWith(".seg"));
            influx.start();
            try (AgentProcess check = AgentProcess.start(Files.createDirectory(dir.resolve("check2")), "check-config",
                    "--config", cfg.toString())) {
                assertThat(check.waitFor(60)).as(check.stderrText()).isZero();
                assertThat(check.stderrText()).doesNotContainIgnoringCase("spool");
            }
            // check-config has exited: whatever it would have written is written by now
            assertThat(snapshot(data)).as("the spool as the agent left it").isEqualTo(before);
            assertThat(influx.select("hostpulse", "SELECT count(load1) FROM system").values())
                    .as("points delivered by check-config").isEmpty();
        }
    }

    private static long segmentBytes(Path spool) throws Exception {
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(spool)) {
            return s.filter(p -> p.toString().endsWith(".seg")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Every file under {@code root}: relative path to size, modification time and content hash. */
    private static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(p);
                m.put(root.relativize(p).toString(), b.length + " " + Files.getLastModifiedTime(p) + " "
                        + java.util.Arrays.hashCode(b));
            }
        }
        return m;
    }
}
