package io.hostpulse.exporters.influx;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.lineprotocol.Precision;
import io.hostpulse.exporters.pipeline.BufferedOutput;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.testing.Influxd;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The host points written through /write of a real influxd 1.6 and read back with InfluxQL. */
class InfluxV1RoundTripIT {
    static Influxd influxd;

    @TempDir
    Path data;

    @BeforeAll
    static void start() {
        influxd = Influxd.started();
    }

    @AfterAll
    static void stop() {
        influxd.close();
    }

    @ParameterizedTest
    @CsvSource({"s,false", "ms,true", "us,false", "ns,true"})
    void valuesTagsAndTimestampsComeBackEqual(String precision, boolean gzip) {
        String db = "rt_" + precision;
        ConfigNode node = ConfigNode.of(Map.of("api", "v1", "url", influxd.url(), "database", db,
                "precision", precision, "create", true, "flush_interval", "100ms", "gzip", gzip));
        OutputContext ctx = new OutputContext(data, new SimpleMeterRegistry(), Clock.systemUTC());
        Instant t = Instant.parse("2026-11-25T10:00:00.123456789Z");
        List<Point> points = HostPoints.at(t, "rt-host");
        try (BufferedOutput<Point> out = (BufferedOutput<Point>) new InfluxOutputPlugin().create(node, ctx)) {
            node.finish();
            assertThat(node.problems().all()).isEmpty();
            out.accept(points);
            out.flush(Duration.ofSeconds(20));
            assertThat(out.stats().written()).isEqualTo(points.size());
        }
        Precision p = Precision.fromApiName(precision);
        long expectedNs = Precision.NANOSECONDS.toEpoch(p.fromEpoch(p.toEpoch(t)));
        for (Point pt : points) {
            assertRowMatches(db, pt, expectedNs);
        }
    }

    static void assertRowMatches(String db, Point pt, long expectedNs) {
        StringBuilder where = new StringBuilder("time = " + expectedNs);
        pt.tags().forEach((k, v) -> where.append(" AND \"").append(k).append("\" = '")
                .append(v.replace("\\", "\\\\").replace("'", "\\'")).append("'"));
        Influxd.Rows rows = influxd.select(db, "SELECT * FROM \"" + pt.measurement() + "\" WHERE " + where);
        assertThat(rows.values()).as("rows for %s", pt).hasSize(1);
        List<JsonNode> row = rows.values().get(0);
        assertThat(row.get(rows.column("time")).asLong()).isEqualTo(expectedNs);
        pt.tags().forEach((k, v) -> assertThat(row.get(rows.column(k)).asText()).isEqualTo(v));
        pt.fields().forEach((k, v) -> {
            JsonNode got = row.get(rows.column(k));
            if (v instanceof Long l) {
                assertThat(got.isIntegralNumber()).as("%s.%s is an integer", pt.measurement(), k).isTrue();
                assertThat(got.asLong()).isEqualTo(l);
            } else if (v instanceof Double d) {
                assertThat(got.asDouble()).isEqualTo(d);
            } else if (v instanceof Boolean b) {
                assertThat(got.isBoolean()).isTrue();
                assertThat(got.asBoolean()).isEqualTo(b);
            } else {
                assertThat(got.asText()).isEqualTo(v);
            }
        });
    }
}
