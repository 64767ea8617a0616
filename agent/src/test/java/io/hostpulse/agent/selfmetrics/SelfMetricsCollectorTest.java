package io.hostpulse.agent.selfmetrics;

import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import io.hostpulse.core.lineprotocol.LineProtocol;
import io.hostpulse.core.lineprotocol.LineProtocolParser;
import io.hostpulse.core.lineprotocol.Precision;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SelfMetricsCollectorTest {

    @Test
    void writesCollectorMetricsAsPointsPerCollector() throws Exception {
        try (SelfMetrics m = new SelfMetrics()) {
            m.collected("host", Duration.ofMillis(30), true, 42);
            m.collected("host", Duration.ofMillis(10), true, 40);
            m.collectError("docker");
            List<Point> points = new ArrayList<>();
            new SelfMetricsCollector(m.registry()).collect(Instant.EPOCH, new Accumulator() {
                public void add(Point p) {
                    points.add(p);
                }

                public void addEvent(Event e) {
                }

                public void addError(String part, Throwable e) {
                    throw new AssertionError(e);
                }
            });
            Point host = points.stream().filter(p -> "host".equals(p.tag("collector"))).findFirst().orElseThrow();
            assertThat(host.measurement()).isEqualTo("hostpulse_agent");
            assertThat(host.fields()).containsEntry("collector_duration_count", 2L)
                    .containsEntry("collector_points", 82.0).containsEntry("collector_success", 1.0)
                    .containsEntry("collector_errors", 0.0);
            assertThat((Double) host.field("collector_duration_sum_seconds")).isCloseTo(0.04, org.assertj.core.data.Offset.offset(1e-9));
            Point docker = points.stream().filter(p -> "docker".equals(p.tag("collector"))).findFirst().orElseThrow();
            assertThat(docker.fields()).containsEntry("collector_errors", 1.0).containsEntry("collector_success", 0.0);

            // the process's resident memory agrees with the kernel's own figure within a few MiB
            Point untagged = points.stream().filter(p -> p.fields().containsKey("process_resident_memory")).findFirst().orElseThrow();
            long rssKb = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
            assertThat((Double) untagged.field("process_resident_memory")).isBetween(rssKb * 1024.0 - 64e6, rssKb * 1024.0 + 64e6);

            // everything it writes is valid line protocol
            StringBuilder sb = new StringBuilder();
            LineProtocol.encode(points, Precision.SECONDS, sb);
            assertThat(new LineProtocolParser(Precision.SECONDS).parse(sb.toString())).hasSizeGreaterThanOrEqualTo(points.size() - 1);
        }
    }

    private static List<Point> collect(SelfMetrics m) {
        List<Point> points = new ArrayList<>();
        new SelfMetricsCollector(m.registry()).collect(Instant.EPOCH, new Accumulator() {
            public void add(Point p) {
                points.add(p);
            }

            public void addEvent(Event e) {
            }

            public void addError(String part, Throwable e) {
                throw new AssertionError(e);
            }
        });
        return points;
    }

    /** Issue 13: the agent's own points were 107 of the first 188 stdout lines; the JVM detail is opt-in now. */
    @Test
    void theDefaultIsSmallAndKeepsWhatTheAgentDashboardShowsJvmDetailIsOptIn() {
        try (SelfMetrics small = new SelfMetrics(); SelfMetrics full = new SelfMetrics(true)) {
            for (SelfMetrics m : List.of(small, full)) {
                m.collected("host", Duration.ofMillis(3), true, 40);
                m.collected("smart", Duration.ofMillis(300), true, 4);
            }
            System.gc(); // the gauges must outlive a collection (Micrometer holds their objects weakly)
            List<Point> def = collect(small);
            List<Point> jvm = collect(full);
            // per collector one point, the untagged one, heap and non-heap, and one per GC cause: a handful
            assertThat(def.size()).isLessThanOrEqualTo(2 + 1 + 2 + 4);
            assertThat(jvm.size()).isGreaterThanOrEqualTo(def.size() + 8);
            assertThat(def).noneMatch(p -> p.tags().containsKey("state"))
                    .filteredOn(p -> p.tags().containsKey("id")).extracting(p -> p.tag("id")).containsOnly("all");
            assertThat(jvm).anyMatch(p -> "G1 Eden Space".equals(p.tag("id")) || "eden space".equals(p.tag("id"))
                    || (p.tag("id") != null && !"all".equals(p.tag("id")))).anyMatch(p -> p.fields().containsKey("jvm_threads_states"));
            // the fields the Agent dashboard (grafana-dashboards/dashboards/hostpulse-agent.json) queries; its GC
            // panel reads jvm_gc_pause_*, which the GC binder (bound in both modes, as jvm_gc_memory_allocated shows)
            // writes once the first collection's notification came
            List<String> fields = def.stream().flatMap(p -> p.fields().keySet().stream()).toList();
            assertThat(fields).contains("process_uptime_seconds", "process_resident_memory", "process_cpu_usage",
                    "jvm_memory_used", "jvm_memory_max", "jvm_gc_memory_allocated", "collector_success",
                    "collector_duration_sum_seconds", "collector_duration_max_seconds", "collector_points");
            Point heap = def.stream().filter(p -> "heap".equals(p.tag("area")) && p.fields().containsKey("jvm_memory_used"))
                    .findFirst().orElseThrow();
            assertThat((Double) heap.field("jvm_memory_used")).isPositive();
            assertThat((Double) heap.field("jvm_memory_max")).isGreaterThanOrEqualTo((Double) heap.field("jvm_memory_used"));
        }
    }
}
