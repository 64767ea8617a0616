package io.hostpulse.agent;

import io.hostpulse.core.Point;
import io.hostpulse.core.lineprotocol.LineProtocolParser;
import io.hostpulse.core.lineprotocol.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The built jar, run as a user runs it. */
class MainIT {

    @Test
    void testCommandPrintsValidLineProtocolWithTheHostMeasurements(@TempDir Path dir) throws Exception {
        try (AgentProcess p = AgentProcess.start(dir, "test")) {
            assertThat(p.waitFor(120)).as(p.stderrText()).isZero();
            List<Point> points = new LineProtocolParser(Precision.SECONDS).parse(p.stdoutText());
            Set<String> measurements = points.stream().map(Point::measurement).collect(Collectors.toSet());
            assertThat(measurements).contains("cpu", "mem", "disk", "diskio", "net", "system");
            assertThat(points).allSatisfy(pt -> {
                assertThat(pt.tags()).containsKey("host");
                assertThat(pt.time()).isBetween(Instant.now().minusSeconds(300), Instant.now().plusSeconds(5));
            });
            // the second sample is printed, so CPU percentages are there
            assertThat(points).anySatisfy(pt -> {
                assertThat(pt.measurement()).isEqualTo("cpu");
                assertThat(pt.tag("cpu")).isEqualTo("cpu-total");
                assertThat(pt.fields()).containsKey("usage_idle");
            });
        }
    }

    @Test
    void runWritesOnScheduleServesHealthAndExitsZeroOnSigterm(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path cfg = dir.resolve("hp.yaml");
        Files.writeString(cfg, """
                agent:
                  interval: 1s
                  hostname: it-host
                  data_dir: %s
                  http: {listen: "127.0.0.1:%d"}
                collectors:
                  host: {enabled: true}
                outputs:
                  - type: stdout
                """.formatted(dir.resolve("data"), port));
        try (AgentProcess p = AgentProcess.start(dir, "run", "--config", cfg.toString())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> p.stdoutText().contains("cpu,cpu=cpu-total"));
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"up\"").contains("\"host\":{\"ok\":true")
                    .contains("\"outputs\":{\"stdout\":{\"type\":\"stdout\"}}");
            p.terminate();
            assertThat(p.waitFor(30)).isZero();
            assertThat(p.stderrText()).contains("stopped");
            List<Point> points = new LineProtocolParser(Precision.SECONDS).parse(p.stdoutText());
            assertThat(points).allSatisfy(pt -> assertThat(pt.tag("host")).isEqualTo("it-host"));
            assertThat(points.stream().map(Point::measurement)).contains("hostpulse_agent", "mem");
        }
    }

    @Test
    void badConfigExitsThreeWithEveryProblem(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "agent:\n  host_proc: /nonexistent/proc\n  interval: fast\ncollectors:\n  hots: {}\n");
        try (AgentProcess p = AgentProcess.start(dir, "check-config", "--config", cfg.toString())) {
            assertThat(p.waitFor(60)).isEqualTo(3);
            assertThat(p.stderrText())
                    .contains(cfg + ": agent.interval: \"fast\" is not a duration")
                    .contains(cfg + ": agent.host_proc: /nonexistent/proc is not a readable directory")
                    .contains(cfg + ": collectors.hots: unknown collector (did you mean 'host'?)");
        }
        try (AgentProcess p = AgentProcess.start(dir, "run", "--config", dir.resolve("missing.yaml").toString())) {
            assertThat(p.waitFor(60)).isEqualTo(3);
            assertThat(p.stderrText()).contains("missing.yaml: no such file");
        }
        Files.writeString(cfg, "agent:\n  interval: [1s\n");
        try (AgentProcess p = AgentProcess.start(dir, "run", "--config", cfg.toString())) {
            assertThat(p.waitFor(60)).isEqualTo(3);
            assertThat(p.stderrText()).contains(cfg + ": line ").contains("not valid YAML");
        }
    }

    @Test
    void versionAndUsage(@TempDir Path dir) throws Exception {
        try (AgentProcess p = AgentProcess.start(dir, "--version")) {
            assertThat(p.waitFor(60)).isZero();
            assertThat(p.stdoutText()).startsWith("hostpulse 0.1.0");
        }
        try (AgentProcess p = AgentProcess.start(dir, "--no-such-flag")) {
            assertThat(p.waitFor(60)).isEqualTo(2);
        }
    }
}
