package io.hostpulse.exporters.influx;

import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.lineprotocol.Precision;
import io.hostpulse.exporters.pipeline.BufferedOutput;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.testing.VictoriaMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host points written through /api/v2/write (the InfluxDB Java client) of a real VictoriaMetrics and read back
 * with /api/v1/export. VictoriaMetrics keeps numeric and boolean fields (as 1/0) with millisecond timestamps; string fields
 * are not comparable there, so numbers and booleans are what is compared.
 */
class InfluxV2RoundTripIT {
    static VictoriaMetrics vm;

    @TempDir
    Path data;

    @BeforeAll
    static void start() {
        vm = VictoriaMetrics.started();
    }

    @AfterAll
    static void stop() {
        vm.close();
    }

    @ParameterizedTest
    @CsvSource({"s,true", "ms,false"})
    void valuesTagsAndTimestampsComeBackEqual(String precision, boolean gzip) {
        String host = "v2-" + precision;
        ConfigNode node = ConfigNode.of(Map.of("url", vm.url(), "org", "my-org", "bucket", "hostpulse", "token", "secret-token",
                "precision", precision, "gzip", gzip, "flush_interval", "100ms"));
        OutputContext ctx = new OutputContext(data, new SimpleMeterRegistry(), Clock.systemUTC());
        Instant t = Instant.parse("2026-11-25T11:00:00.987654321Z");
        List<Point> points = HostPoints.at(t, host);
        try (BufferedOutput<Point> out = (BufferedOutput<Point>) new InfluxOutputPlugin().create(node, ctx)) {
            node.finish();
            assertThat(node.problems().all()).isEmpty();
            out.accept(points);
            out.flush(Duration.ofSeconds(20));
            assertThat(out.stats().written()).isEqualTo(points.size());
        }
        Precision p = Precision.fromApiName(precision);
        long expectedMs = p.fromEpoch(p.toEpoch(t)).toEpochMilli();

        List<VictoriaMetrics.Series> series = vm.export("{host=\"" + host + "\"}");
        Map<String, VictoriaMetrics.Series> byKey = new HashMap<>();
        for (VictoriaMetrics.Series s : series) {
            StringBuilder k = new StringBuilder();
            Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = s.metric().fields();
            java.util.TreeMap<String, String> labels = new java.util.TreeMap<>();
            it.forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            labels.forEach((a, b) -> k.append(a).append('=').append(b).append(';'));
            byKey.put(k.toString(), s);
        }
        int compared = 0;
        for (Point pt : points) {
            for (Map.Entry<String, Object> f : pt.fields().entrySet()) {
                if (f.getValue() instanceof String) {
                    continue;
                }
                java.util.TreeMap<String, String> labels = new java.util.TreeMap<>(pt.tags());
                labels.put("__name__", pt.measurement() + "_" + f.getKey());
                StringBuilder k = new StringBuilder();
                labels.forEach((a, b) -> k.append(a).append('=').append(b).append(';'));
                VictoriaMetrics.Series s = byKey.get(k.toString());
                assertThat(s).as("series %s among %s", k, byKey.keySet()).isNotNull();
                double expected = f.getValue() instanceof Boolean b ? (b ? 1 : 0) : ((Number) f.getValue()).doubleValue();
                assertThat(s.values()).containsExactly(expected);
                assertThat(s.timestamps()).containsExactly(expectedMs);
                compared++;
            }
        }
        long nonString = points.stream().flatMap(x -> x.fields().values().stream()).filter(v -> !(v instanceof String)).count();
        assertThat(compared).isEqualTo(nonString);
        assertThat(byKey.size()).isGreaterThanOrEqualTo(compared);
    }
}
