package io.hostpulse.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostpulse.agent.AgentProcess;
import io.hostpulse.core.Point;
import io.hostpulse.core.lineprotocol.LineProtocolParser;
import io.hostpulse.core.lineprotocol.Precision;
import io.hostpulse.testing.RecordedSysfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live view's Sensors panel in headless Chromium, fed by the real sensors and nvidia_smi collectors of the built
 * agent: {@code agent.host_sys} points at the recorded node_exporter sysfs tree (symlinks recreated) and a fake
 * {@code nvidia-smi} first on PATH prints a recorded Tesla T4 reply. Both recordings are the sensors collector's own
 * test resources (attribution in collectors/sensors/src/test/resources/SOURCES.md). Screenshot:
 * target/liveview-sensors-screenshot.png.
 */
class LiveViewSensorsBrowserIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path RECORDINGS = Path.of("..", "collectors", "sensors", "src", "test", "resources");
    static Path dir;
    static AgentProcess agent;
    static int port;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("liveview-sensors-it");
        Path sys = RecordedSysfs.copy(RECORDINGS.resolve("sysfs/node-exporter-sample"), dir.resolve("tree")).resolve("sys");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path xml = RECORDINGS.resolve("nvidia-smi/tesla-t4-xml-v11.xml").toAbsolutePath();
        assertThat(xml).isRegularFile();
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\n[ \"$*\" = '-q -x' ] || { echo \"unexpected arguments: $*\" >&2; exit 2; }\ncat '" + xml + "'\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // only the two collectors under test: the host collector would read the recorded tree as the host's /sys
        Files.writeString(dir.resolve("hostpulse.yaml"), """
                agent:
                  hostname: it-sensors
                  interval: 2s
                  data_dir: %s
                  host_sys: %s
                  http:
                    listen: 127.0.0.1:%d
                collectors:
                  host:
                    enabled: false
                  docker:
                    enabled: false
                  smart:
                    enabled: false
                outputs:
                  - type: liveview
                  - type: stdout
                    precision: ns
                """.formatted(dir.resolve("data"), sys, port));
        agent = AgentProcess.start(dir, Map.of("PATH", bin + ":" + System.getenv("PATH")),
                "run", "--config", dir.resolve("hostpulse.yaml").toString());
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                JsonNode s = sensors();
                if (s.at("/sensors/temperatures").size() > 0 && s.at("/sensors/gpus").size() > 0) {
                    break;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            assertThat(agent.isAlive()).as("agent running; stderr: %s", agent.stderrText()).isTrue();
            assertThat(System.nanoTime()).as("sensors and the GPU in /api/v1/sensors within 60 s; stderr: %s",
                    agent.stderrText()).isLessThan(until);
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    static JsonNode sensors() throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sensors")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    static JsonNode row(JsonNode rows, String chip, String feature) {
        for (JsonNode r : rows) {
            if (chip.equals(r.path("chip").asText()) && feature.equals(r.path("feature").asText())) {
                return r;
            }
        }
        throw new AssertionError("no " + chip + "/" + feature + " in " + rows);
    }

    @Test
    void thePanelShowsTheChipsLabelsAndTheGpu() throws Exception {
        JsonNode api = sensors();
        JsonNode core = row(api.at("/sensors/temperatures"), "coretemp-isa-0000", "physical_id_0");
        try (Cdp b = Cdp.launch(dir.resolve("chromium-" + System.nanoTime()), 1400, 1000)) {
            String base = "http://127.0.0.1:" + port + "/";
            b.navigate(base);
            b.await("document.querySelectorAll('#s-temps tbody tr[data-chip]').length > 0", Duration.ofSeconds(30));
            assertThat(b.eval("document.querySelector('#sensors').hidden").asBoolean()).isFalse();
            // a real chip name and a feature named from its *_label file ("Physical id 0")
            String sel = "#s-temps tr[data-chip=\"coretemp-isa-0000\"][data-feature=\"physical_id_0\"]";
            assertThat(b.eval("document.querySelector('" + sel + "').textContent").asText())
                    .contains("coretemp-isa-0000").contains("physical_id_0");
            assertThat(b.eval("document.querySelector('" + sel + " .temp').textContent").asText())
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f °C", core.path("temp_input").asDouble()));
            assertThat(b.eval("document.querySelector('" + sel + " .temp').className").asText())
                    .contains("lvl-" + core.path("level").asText());
            // the temp measurement repeats these readings under Telegraf's names: no second row for any of them
            assertThat(api.at("/sensors/temp").size()).isGreaterThan(0);
            assertThat(b.eval("document.querySelectorAll('#s-temps tbody tr').length").asInt())
                    .isEqualTo(api.at("/sensors/temperatures").size());
            // fans and voltages of the recorded chips
            assertThat(b.eval("document.querySelectorAll('#s-fans tbody tr').length").asInt())
                    .isEqualTo(api.at("/sensors/fans").size()).isGreaterThan(0);
            assertThat(b.eval("document.querySelectorAll('#s-volts tbody tr').length").asInt())
                    .isEqualTo(api.at("/sensors/voltages").size()).isGreaterThan(0);
            // the GPU from the recorded nvidia-smi reply, with its top process
            assertThat(b.eval("document.querySelector('#s-gpus tr[data-gpu=\"nvidia:0\"] .gpu-name').textContent").asText())
                    .isEqualTo("Tesla T4");
            assertThat(b.eval("document.querySelector('#s-gpus tr[data-gpu=\"nvidia:0\"]').textContent").asText())
                    .contains(api.at("/sensors/gpus/0/top_process").asText());
            b.eval("document.querySelector('#sensors').scrollIntoView()");
            b.screenshot(Path.of("target", "liveview-sensors-screenshot.png"));
            assertThat(b.consoleErrors).as("console errors").isEmpty();
            assertThat(b.requests).isNotEmpty().allSatisfy(u -> assertThat(u).startsWith(base));
        }
    }

    @Test
    void theApiNumbersAreThePointsOfTheSameCycle() throws Exception {
        JsonNode s = sensors();
        Instant sensorsTime = Instant.parse(s.at("/collected/sensors").asText());
        Instant gpuTime = Instant.parse(s.at("/collected/nvidia_smi").asText());
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Point> written;
        while (true) {
            written = new LineProtocolParser(Precision.NANOSECONDS).parse(agent.stdoutText());
            if (written.stream().anyMatch(p -> p.time().equals(sensorsTime)) && written.stream().anyMatch(p -> p.time().equals(gpuTime))) {
                break;
            }
            assertThat(System.nanoTime()).as("the stdout output wrote the snapshot's cycles").isLessThan(until);
            Thread.sleep(200);
        }
        Point core = written.stream().filter(p -> p.measurement().equals("sensors") && p.time().equals(sensorsTime)
                && "coretemp-isa-0001".equals(p.tag("chip")) && "core_1".equals(p.tag("feature"))).findFirst().orElseThrow();
        JsonNode row = row(s.at("/sensors/temperatures"), "coretemp-isa-0001", "core_1");
        for (String f : List.of("temp_input", "temp_max", "temp_crit")) {
            assertThat(row.path(f).asDouble()).as(f).isEqualTo(((Number) core.field(f)).doubleValue());
        }
        Point fan = written.stream().filter(p -> p.measurement().equals("sensors") && p.time().equals(sensorsTime)
                && "nct6779-isa-0290".equals(p.tag("chip")) && "fan2".equals(p.tag("feature"))).findFirst().orElseThrow();
        assertThat(row(s.at("/sensors/fans"), "nct6779-isa-0290", "fan2").path("fan_input").asDouble())
                .isEqualTo(((Number) fan.field("fan_input")).doubleValue());
        Point gpu = written.stream().filter(p -> p.measurement().equals("nvidia_smi") && p.time().equals(gpuTime)).findFirst().orElseThrow();
        JsonNode g = s.at("/sensors/gpus/0");
        assertThat(g.path("name").asText()).isEqualTo(gpu.tag("name"));
        for (String f : List.of("temperature_gpu", "utilization_gpu", "memory_used", "memory_total", "power_draw")) {
            assertThat(g.path(f).asDouble()).as(f).isEqualTo(((Number) gpu.field(f)).doubleValue());
        }
    }
}
