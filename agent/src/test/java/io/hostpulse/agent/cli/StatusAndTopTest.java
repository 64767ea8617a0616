package io.hostpulse.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostpulse.agent.alerts.Alerts;
import io.hostpulse.agent.alerts.AlertsConfig;
import io.hostpulse.agent.alerts.Rule;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.liveview.LiveView;
import io.hostpulse.exporters.liveview.LiveViewConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status} exit codes from a rule that really fires (the agent's Alerts, its events into a live view, the
 * snapshot document), and {@code top}'s screen fitting 80×24 and using a larger window.
 */
class StatusAndTopTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    static JsonNode snapshotAfter(double memAvailable, double diskUsed) throws Exception {
        LiveView view = new LiveView(LiveViewConfig.defaults(), Clock.fixed(T0, ZoneOffset.UTC));
        List<Rule> rules = AlertsConfig.from(ConfigNode.of(Map.of())).active(Map.of("mem", java.util.Set.of("available_percent"),
                "disk", java.util.Set.of("used_percent")), ConfigNode.of(Map.of()));
        try (Alerts a = new Alerts(rules, AlertsConfig.off(), "nas", new SimpleMeterRegistry(), Clock.systemUTC(), view::accept,
                c -> 1L)) {
            for (int i = 0; i <= 20; i++) {
                List<Point> batch = List.of(
                        Point.builder("mem").tag("host", "nas").field("available_percent", memAvailable).field("used_percent", 100 - memAvailable)
                                .time(T0.plusSeconds(i * 10L)).build(),
                        Point.builder("disk").tag("host", "nas").tag("path", "/").field("used_percent", diskUsed)
                                .time(T0.plusSeconds(i * 10L)).build());
                view.accept(batch);
                a.onBatch("host", batch);
            }
        }
        return JSON.readTree(view.snapshotJson());
    }

    @Test
    void exitCodesFollowTheFiringRules() throws Exception {
        StatusReport ok = StatusReport.of(snapshotAfter(50, 10));
        assertThat(ok.exitCode()).isEqualTo(0);
        assertThat(ok.text()).startsWith("HOSTPULSE OK - nas: nothing firing");
        StatusReport warn = StatusReport.of(snapshotAfter(50, 90)); // disk_used: warning 85, critical 95
        assertThat(warn.exitCode()).isEqualTo(1);
        assertThat(warn.text()).startsWith("HOSTPULSE WARNING").contains("file system / is 90% full");
        StatusReport crit = StatusReport.of(snapshotAfter(3, 90)); // mem_available < 5: critical after 2m
        assertThat(crit.exitCode()).isEqualTo(2);
        assertThat(crit.text()).startsWith("HOSTPULSE CRITICAL").contains("2 alerts firing").contains("mem=97.0%");
        assertThat(JSON.readTree(crit.json()).path("status").asText()).isEqualTo("critical");
        assertThat(JSON.readTree(crit.json()).path("alerts")).hasSize(2);
        StatusReport unknown = StatusReport.unknown("no hostpulse agent answering at http://127.0.0.1:1");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.text()).startsWith("HOSTPULSE UNKNOWN");
    }

    @Test
    void statusWithoutAnAgentIsUnknown() {
        StatusCommand c = new StatusCommand();
        c.agent.url = "http://127.0.0.1:1";
        c.timeout = java.time.Duration.ofSeconds(2);
        assertThat(new picocli.CommandLine(c).execute("--url", "http://127.0.0.1:1")).isEqualTo(3);
    }

    static JsonNode busySnapshot() throws Exception {
        LiveView view = new LiveView(LiveViewConfig.defaults(), Clock.fixed(T0, ZoneOffset.UTC));
        List<Point> procs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            procs.add(Point.builder("procstat").tag("process_name", "worker-" + i).tag("user", "root").tag("pid", "" + (100 + i))
                    .field("pid", 100L + i).field("cpu_usage", (double) i).field("memory_rss", (60L - i) << 20)
                    .field("num_threads", 1L).field("state", "S").field("cmdline", "/usr/bin/worker --id " + i + " " + "x".repeat(200))
                    .time(T0).build());
        }
        view.processSource(() -> procs);
        view.accept(List.of(Point.builder("system").tag("host", "nas").field("load1", 1.5).field("uptime", 90061L).time(T0).build(),
                Point.builder("cpu").tag("cpu", "cpu-total").field("usage_active", 42.0).time(T0).build()));
        view.accept(List.of(Point.builder("docker_container_status").tag("container_name", "plex").tag("container_status", "running")
                .field("container_id", "c").time(T0).build()));
        return JSON.readTree(view.snapshotJson());
    }

    @Test
    void topFits80x24AndUsesALargerWindow() throws Exception {
        JsonNode s = busySnapshot();
        List<String> small = TopScreen.render(s, 80, 24, TopScreen.Sort.CPU, "agent");
        assertThat(small).hasSize(24).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        assertThat(small.get(0)).contains("nas").contains("up 1d 1h 1m");
        assertThat(small.get(1)).contains("CPU  42.0%");
        assertThat(small).anySatisfy(l -> assertThat(l).contains("worker-59"));
        assertThat(small).anySatisfy(l -> assertThat(l).startsWith("plex"));
        assertThat(small.get(23)).contains("q quit");
        List<String> large = TopScreen.render(s, 160, 50, TopScreen.Sort.CPU, "agent");
        assertThat(large).hasSize(50).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(160));
        long rowsSmall = small.stream().filter(l -> l.contains("worker-")).count();
        long rowsLarge = large.stream().filter(l -> l.contains("worker-")).count();
        assertThat(rowsLarge).isGreaterThan(rowsSmall);
        assertThat(large.stream().filter(l -> l.contains("worker-")).mapToInt(String::length).max().orElse(0)).isGreaterThan(80);
        // sorted by CPU: worker-59 first; by memory: worker-0 first
        assertThat(small.stream().filter(l -> l.contains("worker-")).findFirst().orElseThrow()).contains("worker-59");
        List<String> byMem = TopScreen.render(s, 80, 24, TopScreen.Sort.MEM, "agent");
        assertThat(byMem.stream().filter(l -> l.contains("worker-")).findFirst().orElseThrow()).contains("worker-0 ");
    }
}
