package io.hostpulse.agent.alerts;

import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.hostpulse.agent.alerts.Rules.T0;
import static io.hostpulse.agent.alerts.Rules.point;
import static io.hostpulse.agent.alerts.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;

/** CPU, memory and I/O alerts name the busiest processes (with their container) and containers. */
class CulpritsTest {
    static final String PLEX_ID = "a".repeat(64);

    @Test
    void theWebhookPayloadCarriesThem() throws Exception {
        java.util.concurrent.BlockingQueue<String> bodies = new java.util.concurrent.LinkedBlockingQueue<>();
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        try {
            AlertsConfig cfg = AlertsConfig.from(io.hostpulse.core.config.ConfigNode.of(Map.of("webhooks", List.of(
                    Map.of("name", "rec", "url", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook")))));
            Rule r = rule("name", "load_high", "measurement", "system", "field", "load1", "critical", 4,
                    "message", "load {value} ({threshold})");
            try (Alerts a = new Alerts(List.of(r), cfg, "h1", new SimpleMeterRegistry(), Clock.systemUTC(), e -> { }, x -> 1L)) {
                a.useCulprits(new Culprits(() -> procs));
                a.start();
                a.onBatch("docker", docker());
                a.onBatch("host", List.of(point("system", 0, Map.of(), "load1", 9.5)));
                String body = bodies.poll(20, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(body).as("webhook request within 20 s").isNotNull();
                var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
                assertThat(json.at("/labels/culprits").asText()).isEqualTo("ffmpeg 180% (plex), java 5%, immich_machine_learning 60%");
                assertThat(json.path("message").asText()).endsWith(": ffmpeg 180% (plex), java 5%, immich_machine_learning 60%");
            }
        } finally {
            hook.stop(0);
        }
    }

    static Point proc(String name, long pid, double cpu, long rss, double io, String containerId) {
        return Point.builder("procstat").tag("process_name", name).tag("pid", Long.toString(pid)).field("pid", pid)
                .field("cpu_usage", cpu).field("memory_rss", rss).field("read_bytes_per_second", io)
                .field("write_bytes_per_second", 0.0).field("container_id", containerId).time(T0).build();
    }

    static List<Point> docker() {
        return List.of(
                Point.builder("docker_container_status").tag("container_name", "plex").field("container_id", PLEX_ID).time(T0).build(),
                Point.builder("docker_container_cpu").tag("container_name", "plex").tag("cpu", "cpu-total").field("usage_percent", 185.0).time(T0).build(),
                Point.builder("docker_container_cpu").tag("container_name", "immich_machine_learning").tag("cpu", "cpu-total")
                        .field("usage_percent", 60.0).time(T0).build(),
                Point.builder("docker_container_cpu").tag("container_name", "idle").tag("cpu", "cpu-total").field("usage_percent", 0.0).time(T0).build(),
                Point.builder("docker_container_mem").tag("container_name", "plex").field("usage", 2L << 30).time(T0).build());
    }

    final List<Point> procs = List.of(
            proc("ffmpeg", 10, 180.0, 500L << 20, 0, PLEX_ID),
            proc("java", 11, 5.0, 3L << 30, 4096, null),
            proc("sshd", 12, 0.0, 1L << 20, 0, null));

    @Test
    void cpuNamesProcessesThenContainersNotNamedYet() {
        Culprits c = new Culprits(() -> procs);
        c.observe(docker());
        assertThat(c.describe("cpu")).isEqualTo("ffmpeg 180% (plex), java 5%, immich_machine_learning 60%");
        assertThat(c.describe("system")).isEqualTo(c.describe("cpu"));
        assertThat(c.describe("mem")).isEqualTo("java 3.0 GiB, ffmpeg 500.0 MiB (plex), sshd 1.0 MiB");
        assertThat(c.describe("diskio")).isEqualTo("java 4.0 KiB/s");
        assertThat(c.describe("disk")).isNull();
        assertThat(c.describe("smart_device")).isNull();
    }

    @Test
    void withoutDataThereIsNoCulprit() {
        Culprits c = new Culprits(List::of);
        assertThat(c.describe("cpu")).isNull();
    }

    @Test
    void theAlertEventAndWebhookNotificationCarryTheCulprits() {
        List<Event> events = new ArrayList<>();
        Rule r = rule("name", "cpu_high", "measurement", "cpu", "field", "usage_active", "critical", 90,
                "tags", Map.of("cpu", "cpu-total"), "message", "CPU {value}% ({threshold})");
        try (Alerts a = new Alerts(List.of(r), AlertsConfig.off(), "h1", new SimpleMeterRegistry(), Clock.systemUTC(),
                events::add, x -> 1L)) {
            a.useCulprits(new Culprits(() -> procs));
            a.onBatch("docker", docker());
            a.onBatch("host", List.of(point("cpu", 0, Map.of("cpu", "cpu-total"), "usage_active", 97.0)));
            // what Uptime Kuma shows for the worst alert
            assertThat(a.kumaFiring().get(0).message())
                    .isEqualTo("CPU 97% (> 90): ffmpeg 180% (plex), java 5%, immich_machine_learning 60%");
        }
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.message()).isEqualTo("critical: CPU 97% (> 90): ffmpeg 180% (plex), java 5%, immich_machine_learning 60%");
        assertThat(e.metadata()).containsEntry("culprits", "ffmpeg 180% (plex), java 5%, immich_machine_learning 60%")
                .containsEntry("measurement", "cpu").containsEntry("field", "usage_active");
    }
}
