package io.hostpulse.agent;

import io.hostpulse.core.Point;
import io.hostpulse.core.lineprotocol.LineProtocolParser;
import io.hostpulse.core.lineprotocol.Precision;
import io.hostpulse.testing.Influxd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built agent writing to a real InfluxDB 1.6 through an outage and a kill -9. The agent also writes every point
 * to stdout (synchronously, after the InfluxDB output has spooled it), so stdout is the record of what was collected
 * and InfluxDB must end up holding exactly that.
 */
class AgentInfluxIT {

    @Test
    void everyCollectedPointArrivesAcrossAnOutageAndAKill9(@TempDir Path dir) throws Exception {
        try (Influxd influx = Influxd.started()) {
            influx.createDatabase("hostpulse");
            int port;
            try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
                port = ss.getLocalPort();
            }
            Path cfg = dir.resolve("hp.yaml");
            Files.writeString(cfg, """
                    agent:
                      interval: 1s
                      hostname: it-agent
                      data_dir: %s
                      http: {listen: "127.0.0.1:%d"}
                    collectors:
                      host: {parts: [system, mem]}
                      docker: {enabled: false}
                      smart: {enabled: false}
                    outputs:
                      - type: influxdb
                        api: v1
                        url: %s
                        database: hostpulse
                        flush_interval: 1s
                        flush_jitter: 0s
                        retry_initial: 200ms
                        retry_max: 1s
                      - type: stdout
                    """.formatted(dir.resolve("data"), port, influx.url()));
            Path run1 = Files.createDirectory(dir.resolve("run1"));
            Path run2 = Files.createDirectory(dir.resolve("run2"));
            AgentProcess first = AgentProcess.start(run1, "run", "--config", cfg.toString());
            AgentProcess second = null;
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> systemSeconds(influx).size() >= 3);

                // round trip: values and tags as collected
                long memTotal = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                        .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElseThrow();
                Influxd.Rows mem = influx.select("hostpulse", "SELECT total, host FROM mem ORDER BY time DESC LIMIT 1");
                assertThat(mem.values().get(0).get(mem.column("total")).asLong()).isEqualTo(memTotal);
                assertThat(mem.values().get(0).get(mem.column("host")).asText()).isEqualTo("it-agent");

                influx.stop();
                Thread.sleep(6000);
                // /health shows the backlog and why
                com.fasterxml.jackson.databind.JsonNode health = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + port + "/health")).build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
                com.fasterxml.jackson.databind.JsonNode out = health.path("outputs").path("influxdb");
                assertThat(out.path("type").asText()).isEqualTo("influxdb");
                assertThat(out.path("queued").asLong()).isGreaterThan(0);
                assertThat(out.path("last_error").asText()).isNotEmpty();
                assertThat(out.path("spool").asText()).as("spool state").isEqualTo("on");
                first.kill(); // kill -9 with points in the spool
                first.waitFor(30);
                second = AgentProcess.start(run2, "run", "--config", cfg.toString());
                Thread.sleep(6000);
                influx.start();
                AgentProcess s = second;
                Set<Long> collected = new TreeSet<>(stdoutSeconds(first.stdoutText()));
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    Set<Long> all = new TreeSet<>(collected);
                    all.addAll(stdoutSeconds(s.stdoutText()));
                    return systemSeconds(influx).containsAll(all) && stdoutSeconds(s.stdoutText()).size() >= 8;
                });
                second.terminate();
                assertThat(second.waitFor(30)).isZero();
                collected.addAll(stdoutSeconds(second.stdoutText()));
                Set<Long> stored = systemSeconds(influx);
                assertThat(stored).as("points in InfluxDB").containsExactlyElementsOf(collected);
                // the kill -9 happened mid-outage: the first process collected points it never sent
                assertThat(stdoutSeconds(first.stdoutText())).hasSizeGreaterThan(8);
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    private static Set<Long> systemSeconds(Influxd influx) {
        Set<Long> s = new TreeSet<>();
        try {
            for (List<com.fasterxml.jackson.databind.JsonNode> row : influx.select("hostpulse", "SELECT load1 FROM system").values()) {
                s.add(row.get(0).asLong() / 1_000_000_000L);
            }
        } catch (RuntimeException | AssertionError e) {
            return Set.of(); // server down or restarting
        }
        return s;
    }

    private static Set<Long> stdoutSeconds(String stdout) {
        Set<Long> s = new TreeSet<>();
        // the last line may be cut off by kill -9
        String complete = stdout.substring(0, stdout.lastIndexOf('\n') + 1);
        for (Point p : new LineProtocolParser(Precision.SECONDS).parse(complete)) {
            if (p.measurement().equals("system")) {
                s.add(p.time().getEpochSecond());
            }
        }
        return s;
    }
}
