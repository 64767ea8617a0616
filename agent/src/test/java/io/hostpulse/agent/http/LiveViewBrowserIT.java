package io.hostpulse.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostpulse.agent.AgentProcess;
import io.hostpulse.testing.DockerDaemon;
import io.hostpulse.core.Point;
import io.hostpulse.core.lineprotocol.LineProtocolParser;
import io.hostpulse.core.lineprotocol.Precision;
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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live view of a running agent (the built jar) in headless Chromium: a private dockerd with a running, an exited
 * and an unhealthy container on a user network, a fake smartctl printing a recorded Seagate reply, and the page's
 * DOM, requests, console and sorting checked over the DevTools protocol. The API's numbers are compared with the
 * line protocol the same agent's stdout output wrote for the same cycle. The sensors collectors are off (whatever
 * this machine has): the Sensors panel stays hidden; {@link LiveViewSensorsBrowserIT} shows it. Screenshot: target/liveview-screenshot.png.
 */
class LiveViewBrowserIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static Path dir;
    static DockerDaemon docker;
    static AgentProcess agent;
    static int port;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("liveview-it");
        docker = DockerDaemon.start();
        String img = DockerDaemon.IMAGE;
        docker.docker("network", "create", "media");
        docker.docker("run", "-d", "--name", "jellyfin", "--network", "media", img, "sh", "-c", "while :; do sleep 1; done");
        docker.docker("run", "-d", "--name", "sickly", "--network", "media", "--health-cmd", "false", "--health-interval", "1s",
                "--health-retries", "1", img, "sleep", "3600");
        docker.docker("run", "-d", "--name", "crashed", "--network", "none", img, "sh", "-c", "exit 3");
        docker.docker("wait", "crashed");
        Path reply = dir.resolve("sda.json");
        Files.copy(Path.of("src/test/resources/liveview/sata-hdd-seagate-st3500418as-reallocated-304.json"), reply);
        Path smartctl = dir.resolve("smartctl");
        Files.writeString(smartctl, "#!/bin/sh\ncase \"$*\" in\n  *--xall*/dev/sda*|*--all*/dev/sda*) cat '" + reply
                + "'; exit 0;;\n  *) echo '{\"smartctl\": {\"exit_status\": 1}}'; exit 1;;\nesac\n");
        Files.setPosixFilePermissions(smartctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("hostpulse.yaml"), """
                agent:
                  hostname: it-liveview
                  interval: 2s
                  data_dir: %s
                  http:
                    listen: 127.0.0.1:%d
                collectors:
                  docker:
                    endpoint: %s
                  smart:
                    smartctl_path: %s
                    scan: false
                    devices:
                      - device: /dev/sda
                        type: sat
                  sensors:
                    enabled: false
                  nvidia_smi:
                    enabled: false
                outputs:
                  - type: liveview
                  - type: stdout
                    precision: ns
                """.formatted(dir.resolve("data"), port, docker.host(), smartctl));
        agent = AgentProcess.start(dir, "run", "--config", dir.resolve("hostpulse.yaml").toString());
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                JsonNode s = snapshot();
                if (s.path("containers").size() >= 3 && s.path("disks").size() >= 1 && s.path("processes").size() > 0
                        && "unhealthy".equals(container(s, "sickly").at("/health/health_status").asText())) {
                    break;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            assertThat(agent.isAlive()).as("agent running; stderr: %s", agent.stderrText()).isTrue();
            assertThat(System.nanoTime()).as("containers, disks and processes in the snapshot within 60 s").isLessThan(until);
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (docker != null) {
            docker.close();
        }
    }

    static JsonNode get(String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    static JsonNode snapshot() throws Exception {
        return get("/api/v1/snapshot");
    }

    static JsonNode container(JsonNode s, String name) {
        for (JsonNode c : s.path("containers")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        return JSON.missingNode();
    }

    @Test
    void thePageShowsTheHostsContainersAndDisksAndUpdates() throws Exception {
        JsonNode api = snapshot();
        try (Cdp b = Cdp.launch(dir.resolve("chromium-" + System.nanoTime()), 1400, 1000)) {
            String base = "http://127.0.0.1:" + port + "/";
            b.navigate(base);
            b.await("document.querySelectorAll('#containers tbody tr[data-name]').length >= 3", Duration.ofSeconds(30));
            // real container names from the test dockerd, exited and unhealthy highlighted
            JsonNode names = b.eval("[...document.querySelectorAll('#containers tbody tr[data-name]')].map(r => r.dataset.name)");
            assertThat(names.toString()).contains("jellyfin", "sickly", "crashed");
            assertThat(b.eval("document.querySelector('#containers tr[data-name=crashed]').className").asText()).contains("exited");
            assertThat(b.eval("document.querySelector('#containers tr[data-name=sickly]').className").asText()).contains("unhealthy");
            // the Docker network with its members
            assertThat(b.eval("document.querySelector('#networks tr[data-network=media]').textContent").asText())
                    .contains("jellyfin").contains("sickly");
            // the disk: verdict and reason as the smart collector decided them, and its attribute table on a click
            JsonNode disk = api.at("/disks/0");
            assertThat(disk.path("health_reason").asText()).containsIgnoringCase("realloc");
            assertThat(b.eval("document.querySelector('#disks tr[data-device=\"/dev/sda\"] .verdict').textContent").asText())
                    .isEqualTo(disk.path("health_status").asText());
            assertThat(b.eval("document.querySelector('#disks tr[data-device=\"/dev/sda\"] .reason').textContent").asText())
                    .isEqualTo(disk.path("health_reason").asText());
            b.eval("document.querySelector('#disks tr[data-device=\"/dev/sda\"]').click()");
            b.await("document.querySelectorAll('#attrs tbody tr').length > 5", Duration.ofSeconds(5));
            assertThat(b.eval("document.querySelector('#attrs').textContent").asText()).contains("Reallocated_Sector_Ct");
            // no sensors collector here (a host without sensors gives no points): no Sensors panel
            assertThat(b.eval("document.querySelector('#sensors').hidden").asBoolean()).isTrue();
            // the header
            assertThat(b.eval("document.querySelector('#host').textContent").asText()).isEqualTo("it-liveview");
            assertThat(b.eval("document.querySelector('#auth').textContent").asText()).contains("loopback");
            // a value that changes after one interval (2 s): the snapshot sequence and the collection time
            String seq = b.eval("document.body.dataset.sequence").asText();
            b.await("document.body.dataset.sequence !== '" + seq + "'", Duration.ofSeconds(10));
            // sparklines drawn by uPlot
            b.await("document.querySelectorAll('#spark-cpu canvas').length > 0", Duration.ofSeconds(10));
            // sorting: by name ascending, then a click on the header reverses it
            List<String> asc = texts(b.eval("[...document.querySelectorAll('#containers tbody tr')].map(r => r.dataset.name)"));
            assertThat(asc).isSorted();
            b.eval("document.querySelector('#containers th[data-k=name]').click()");
            List<String> desc = texts(b.eval("[...document.querySelectorAll('#containers tbody tr')].map(r => r.dataset.name)"));
            assertThat(desc).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            // processes: key m sorts by resident memory, largest first
            b.key("m");
            JsonNode pids = b.eval("[...document.querySelectorAll('#procs tbody tr')].map(r => +r.dataset.pid)");
            JsonNode procs = get("/api/v1/processes").path("processes");
            assertThat(pids.size()).isGreaterThan(1).isLessThanOrEqualTo(25);
            assertThat(b.eval("document.querySelector('#procs th.sorted').dataset.k").asText()).isEqualTo("memory_rss");
            List<Long> rss = new ArrayList<>();
            for (JsonNode pid : pids) {
                for (JsonNode p : procs) {
                    if (p.path("pid").asLong() == pid.asLong()) {
                        rss.add(p.path("memory_rss").asLong());
                    }
                }
            }
            assertThat(rss.subList(0, Math.min(5, rss.size()))).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            b.screenshot(Path.of("target", "liveview-screenshot.png"));
            assertThat(b.consoleErrors).as("console errors").isEmpty();
            assertThat(b.requests).isNotEmpty().allSatisfy(u -> assertThat(u).startsWith(base));
        }
    }

    static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theApiNumbersAreThePointsOfTheSameCycle() throws Exception {
        JsonNode s = snapshot();
        long wait = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (s.at("/host_metrics/cpu/total").isMissingNode()) { // the first host collection has no cpu points
            assertThat(System.nanoTime()).as("a second host collection within 10 s").isLessThan(wait);
            Thread.sleep(200);
            s = snapshot();
        }
        Instant dockerTime = Instant.parse(s.at("/collected/docker").asText());
        Instant hostTime = Instant.parse(s.at("/collected/host").asText());
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Point> written;
        while (true) {
            written = new LineProtocolParser(Precision.NANOSECONDS).parse(agent.stdoutText());
            if (written.stream().anyMatch(p -> p.time().equals(dockerTime)) && written.stream().anyMatch(p -> p.time().equals(hostTime))) {
                break;
            }
            assertThat(System.nanoTime()).as("the stdout output wrote the snapshot's cycles").isLessThan(until);
            Thread.sleep(200);
        }
        Point mem = written.stream().filter(p -> p.measurement().equals("docker_container_mem") && p.time().equals(dockerTime)
                && "jellyfin".equals(p.tag("container_name"))).findFirst().orElseThrow();
        assertThat(container(s, "jellyfin").at("/mem/usage").asLong()).isEqualTo(((Number) mem.field("usage")).longValue());
        Point status = written.stream().filter(p -> p.measurement().equals("docker_container_status") && p.time().equals(dockerTime)
                && "crashed".equals(p.tag("container_name"))).findFirst().orElseThrow();
        assertThat(container(s, "crashed").at("/status/exitcode").asLong()).isEqualTo(3).isEqualTo(((Number) status.field("exitcode")).longValue());
        Point memHost = written.stream().filter(p -> p.measurement().equals("mem") && p.time().equals(hostTime)).findFirst().orElseThrow();
        assertThat(s.at("/host_metrics/mem/used").asLong()).isEqualTo(((Number) memHost.field("used")).longValue());
        Point total = written.stream().filter(p -> p.measurement().equals("cpu") && p.time().equals(hostTime)
                && "cpu-total".equals(p.tag("cpu"))).findFirst().orElseThrow();
        assertThat(s.at("/host_metrics/cpu/total/usage_active").asDouble())
                .isEqualTo(((Number) total.field("usage_active")).doubleValue());
    }
}
