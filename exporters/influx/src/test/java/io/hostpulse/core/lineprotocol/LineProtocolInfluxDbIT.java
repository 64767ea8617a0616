package io.hostpulse.core.lineprotocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostpulse.core.Point;
import io.hostpulse.testing.Influxd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the encoder writes, sent to a real InfluxDB 1.6 (Debian package influxdb) and read back with InfluxQL:
 * every line is accepted, and names, tags, field types and values are stored as the points say (with the
 * documented lossy mapping for control characters and a leading '#', and InfluxDB 1.x's handling of backslash
 * pairs). It lives with the InfluxDB exporter's tests because the server launcher is in the test-fixtures module,
 * which the core module cannot use.
 */
class LineProtocolInfluxDbIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Influxd influx;

    private static final String[] PIECES = {" ", ",", "=", "\"", "\\", "\\\\", "\n", "\r", "\t", "#", "'", "a", "Z",
            "i", "0", "-", ".", "é", "日本", "😀", "{", "}", "*", "/"};

    @BeforeAll
    static void start() throws Exception {
        influx = Influxd.started();
        for (String db : List.of("gen", "fixed")) {
            assertThat(influx.queryRaw(db, "CREATE DATABASE " + db).statusCode()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        if (influx != null) {
            influx.close();
        }
    }

    private static String hostile(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static Object value(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> r.nextLong();
            case 1 -> new long[]{Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L}[r.nextInt(4)];
            case 2 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20) * (r.nextBoolean() ? 1 : -1);
            case 3 -> new double[]{5.0, -7.0, 0.0, 1e20, 1e-300, 1e15, Double.MAX_VALUE, Double.MIN_VALUE}[r.nextInt(8)];
            case 4 -> r.nextBoolean();
            default -> hostile(r, 12);
        };
    }

    private static Point generated(Random r, int index) {
        // unique measurements: one series and one row each, no field type conflicts between points
        String measurement = hostile(r, 6) + "_" + index;
        Map<String, String> tags = new TreeMap<>();
        Set<String> taken = new HashSet<>(Set.of("time"));
        for (int i = r.nextInt(4); i > 0; i--) {
            String k = hostile(r, 6);
            if (!k.isEmpty() && taken.add(LineProtocolRoundTripTest.lossy(k))) {
                tags.put(k, hostile(r, 8));
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            String k = hostile(r, 6);
            if (!k.isEmpty() && taken.add(LineProtocolRoundTripTest.lossy(k))) {
                fields.put(k, value(r));
            }
        }
        if (fields.isEmpty()) {
            fields.put("value", value(r));
        }
        Instant t = Instant.ofEpochSecond(0, (r.nextLong() % 3_000_000_000_000_000_000L));
        return new Point(measurement, new TreeMap<>(tags), fields, t);
    }

    /** The one row of each measurement, asked one measurement at a time (a multi-measurement SELECT * mixes columns). */
    private static Map<String, Row> read(String db, List<String> measurements) throws Exception {
        StringBuilder q = new StringBuilder();
        for (String m : measurements) {
            q.append("SELECT * FROM ").append(Influxd.identifier(m)).append(" GROUP BY *;");
        }
        HttpResponse<String> r = influx.queryRaw(db, q.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode results = JSON.readTree(r.body()).path("results");
        assertThat(results.size()).isEqualTo(measurements.size());
        Map<String, Row> out = new HashMap<>();
        for (JsonNode result : results) {
            assertThat(result.has("error")).as(result.toString()).isFalse();
            JsonNode series = result.path("series");
            if (series.isMissingNode()) {
                continue;
            }
            assertThat(series.size()).as("one series per measurement: %s", series).isEqualTo(1);
            JsonNode s = series.path(0);
            Map<String, String> tags = new TreeMap<>();
            s.path("tags").properties().forEach(e -> {
                if (!e.getValue().asText().isEmpty()) {
                    tags.put(e.getKey(), e.getValue().asText());
                }
            });
            JsonNode cols = s.path("columns");
            JsonNode values = s.path("values");
            assertThat(values.size()).as(s.toString()).isEqualTo(1);
            JsonNode row = values.path(0);
            Map<String, JsonNode> fields = new HashMap<>();
            for (int i = 1; i < cols.size(); i++) {
                if (!row.path(i).isNull()) {
                    fields.put(cols.path(i).asText(), row.path(i));
                }
            }
            out.put(s.path("name").asText(), new Row(tags, row.path(0).asLong(), fields));
        }
        return out;
    }

    /** Field types as InfluxDB stored them: measurement -> field key -> float, integer, string or boolean. */
    private static Map<String, Map<String, String>> fieldTypes(String db) throws Exception {
        HttpResponse<String> r = influx.queryRaw(db, "SHOW FIELD KEYS");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, Map<String, String>> out = new HashMap<>();
        for (JsonNode s : JSON.readTree(r.body()).path("results").path(0).path("series")) {
            Map<String, String> types = new HashMap<>();
            for (JsonNode v : s.path("values")) {
                types.put(v.path(0).asText(), v.path(1).asText());
            }
            out.put(s.path("name").asText(), types);
        }
        return out;
    }

    record Row(Map<String, String> tags, long time, Map<String, JsonNode> fields) {
    }

    private static String typeOf(Object v) {
        return v instanceof Long ? "integer" : v instanceof Double ? "float" : v instanceof Boolean ? "boolean" : "string";
    }

    private static void assertValue(String where, Object want, JsonNode got) {
        if (want instanceof Long l) {
            assertThat(got.isIntegralNumber()).as(where).isTrue();
            assertThat(got.asLong()).as(where).isEqualTo(l);
        } else if (want instanceof Double d) {
            assertThat(got.isNumber()).as(where).isTrue();
            assertThat(got.asDouble()).as(where).isEqualTo(d);
        } else if (want instanceof Boolean b) {
            assertThat(got.isBoolean()).as(where).isTrue();
            assertThat(got.asBoolean()).as(where).isEqualTo(b);
        } else {
            assertThat(got.isTextual()).as(where).isTrue();
            assertThat(got.asText()).as(where).isEqualTo(want);
        }
    }

    @Test
    void generatedHostilePointsAreAcceptedAndStoredAsModelled() throws Exception {
        Random r = new Random(20261125L);
        List<Point> points = new ArrayList<>();
        List<Point> wanted = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Point p = generated(r, i);
            points.add(p);
            Point want = LineProtocolRoundTripTest.expected(p, Precision.NANOSECONDS);
            if (want != null) {
                wanted.add(want);
            }
        }
        StringBuilder body = new StringBuilder();
        LineProtocol.Result res = LineProtocol.encode(points, Precision.NANOSECONDS, body);
        assertThat(res.lines()).isEqualTo(wanted.size());
        assertThat(wanted.size()).as("most generated points are writable").isGreaterThan(300);
        HttpResponse<String> w = influx.write("gen", Precision.NANOSECONDS, body.toString());
        assertThat(w.statusCode()).as(w.body()).isEqualTo(204);

        Map<String, Row> stored = read("gen", wanted.stream().map(Point::measurement).toList());
        Map<String, Map<String, String>> types = fieldTypes("gen");
        for (Point want : wanted) {
            String m = want.measurement();
            Row row = stored.get(m);
            assertThat(row).as("measurement %s", m).isNotNull();
            assertThat(row.tags()).as(m).isEqualTo(want.tags());
            assertThat(row.time()).as(m).isEqualTo(Precision.NANOSECONDS.toEpoch(want.time()));
            assertThat(row.fields()).as(m).hasSize(want.fields().size());
            want.fields().forEach((key, v) -> {
                assertThat(types.get(m)).as(m).containsEntry(key, typeOf(v));
                assertValue(m + " " + key, v, row.fields().get(key));
            });
        }
        assertThat(stored).hasSize(wanted.size());
    }

    @Test
    void fixedCasesAsInfluxDb1StoresThem() throws Exception {
        Instant t = Instant.parse("2024-01-02T03:04:05.123456789Z");
        List<Point> points = List.of(
                // a backslash before an ordinary character is kept by InfluxDB as one
                Point.builder("systemd\\units").tag("unit", "dev-disk-by\\x2duuid.swap").field("v", 1).time(t).build(),
                // a tag ending in a backslash cannot be written: left out
                Point.builder("trailing").tag("path", "C:\\").tag("ok", "x").field("v", 1).time(t).build(),
                // an even run of backslashes before an escaped character is kept; an odd one cannot be written
                Point.builder("runs").tag("k\\\\=", "a\\\\,b\\\\ c").tag("odd\\ key", "x").field("f\\\\=", 1)
                        .field("g\\=", 2).time(t).build(),
                Point.builder("m\\=dropped").field("v", 1).time(t).build(),
                // '=' and '"' in a measurement need no escape
                Point.builder("eq=and\"quote").field("v", 1).time(t).build(),
                // a backslash before a quote in a field key is doubled; InfluxDB unescapes the pair there
                Point.builder("fieldkey").field("a\\\"b", 1).time(t).build(),
                // string fields: quote and backslash escaped, read back exactly
                Point.builder("strings").field("s", "x\\y\"z\\").field("empty", "").time(t).build(),
                Point.builder("#comment").tag("#t", "#v").field("#f", 1).time(t).build(),
                Point.builder("types").field("whole", 5.0).field("int", 5L).field("big", 1e20).field("tiny", 1e-300)
                        .field("negzero", -0.0).field("min", Long.MIN_VALUE).field("max", Long.MAX_VALUE)
                        .field("t", true).field("f", false).time(t).build(),
                Point.builder("negative_time").field("v", 1).time(Instant.parse("1969-12-31T23:59:59.5Z")).build(),
                // InfluxDB rejects a point with a tag named time and drops a field named time: both left out
                Point.builder("timetag").tag("time", "x").tag("host", "a").field("time", 1).field("v", 2).time(t).build(),
                // the last nanoseconds InfluxDB accepts; one more is dropped by the encoder
                Point.builder("edge_max").field("v", 1).time(Instant.parse("2262-04-11T23:47:16.854775806Z")).build(),
                Point.builder("edge_min").field("v", 1).time(Instant.parse("1677-09-21T00:12:43.145224194Z")).build(),
                Point.builder("past_max_dropped").field("v", 1).time(Instant.parse("2262-04-11T23:47:16.854775807Z")).build());
        StringBuilder body = new StringBuilder();
        assertThat(LineProtocol.encode(points, Precision.NANOSECONDS, body)).isEqualTo(new LineProtocol.Result(12, 4, 2, 3)); // tags left out: path, odd\\ key, time
        HttpResponse<String> w = influx.write("fixed", Precision.NANOSECONDS, body.toString());
        assertThat(w.statusCode()).as(w.body()).isEqualTo(204);

        Map<String, Row> stored = read("fixed", points.stream().map(Point::measurement)
                .map(n -> n.startsWith("#") ? "\\" + n : n).filter(n -> !n.contains("dropped")).toList());
        assertThat(stored.get("timetag").tags()).containsExactly(Map.entry("host", "a"));
        assertThat(stored.get("timetag").fields()).containsOnlyKeys("v");
        assertThat(stored.get("edge_max").time()).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(stored.get("edge_min").time()).isEqualTo(Long.MIN_VALUE + 2);
        Map<String, Map<String, String>> types = fieldTypes("fixed");
        assertThat(stored.keySet()).containsExactlyInAnyOrder("systemd\\units", "trailing", "runs", "eq=and\"quote",
                "fieldkey", "strings", "\\#comment", "types", "negative_time", "timetag", "edge_max", "edge_min");
        assertThat(stored.get("runs").tags()).containsExactly(Map.entry("k\\\\=", "a\\\\,b\\\\ c"));
        assertThat(stored.get("runs").fields()).containsOnlyKeys("f\\\\=");
        assertThat(stored.get("systemd\\units").tags()).containsExactly(Map.entry("unit", "dev-disk-by\\x2duuid.swap"));
        assertThat(stored.get("trailing").tags()).containsExactly(Map.entry("ok", "x"));
        assertThat(stored.get("fieldkey").fields()).containsOnlyKeys("a\\\"b");
        assertThat(stored.get("strings").fields().get("s").asText()).isEqualTo("x\\y\"z\\");
        assertThat(stored.get("strings").fields().get("empty").asText()).isEmpty();
        assertThat(stored.get("\\#comment").tags()).containsExactly(Map.entry("#t", "#v"));
        assertThat(stored.get("\\#comment").fields()).containsOnlyKeys("#f");
        assertThat(types.get("types")).containsEntry("whole", "float").containsEntry("int", "integer")
                .containsEntry("big", "float").containsEntry("tiny", "float").containsEntry("negzero", "float")
                .containsEntry("min", "integer").containsEntry("max", "integer")
                .containsEntry("t", "boolean").containsEntry("f", "boolean");
        Map<String, JsonNode> f = stored.get("types").fields();
        assertThat(f.get("whole").asDouble()).isEqualTo(5.0);
        assertThat(f.get("big").asDouble()).isEqualTo(1e20);
        assertThat(f.get("tiny").asDouble()).isEqualTo(1e-300);
        assertThat(f.get("min").asLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(f.get("max").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(stored.get("types").time()).isEqualTo(1_704_164_645_123_456_789L);
        assertThat(stored.get("negative_time").time()).isEqualTo(-500_000_000L);
    }

    @Test
    void theParserAcceptsWhatInfluxDbAccepts() throws Exception {
        LineProtocolParser parser = new LineProtocolParser(Precision.NANOSECONDS);
        for (String good : List.of("ok1 v=1", "ok2 v=-1.5e-3", "ok3 v=1.E+78", "ok4 v=.5", "ok5 v=1.", "ok6 v=t,w=FALSE",
                "ok7,t=a v=\"x\" 1", "ok8 v=-9223372036854775808i", "ok9 \"f\"=1i", "ok10,\"t\"=\"v\" v=1i",
                "ok11 v=1i -1", "ok12 v=\"\"", "  ok13 v=1i", "\tok14 v=1i")) {
            HttpResponse<String> w = influx.write("fixed", Precision.NANOSECONDS, good);
            assertThat(w.statusCode()).as("InfluxDB on %s: %s", good, w.body()).isEqualTo(204);
            assertThat(parser.parse(good)).as(good).hasSize(1);
        }
    }

    @Test
    void theParserRejectsWhatInfluxDbRejects() throws Exception {
        LineProtocolParser parser = new LineProtocolParser(Precision.NANOSECONDS);
        for (String bad : List.of("m f\\\\==1i", "m v=1d", "m v=0x10", "m v=\"open", "m", "m,t= v=1i", "m v=1i x", "m v=1.5i",
                "m v=9223372036854775808i", "m v=1 1.5", "m1\\ v=1i 1", "m3,k=a\\ v=1i 1", "m4 f\\=1i 1",
                "m9,k=a\\\\ v=1i 1", "m v=+1", "m v=1e400", "m v=NaN", "m v=1i 2 3")) {
            HttpResponse<String> w = influx.write("fixed", Precision.NANOSECONDS, bad);
            assertThat(w.statusCode()).as("InfluxDB on %s: %s", bad, w.body()).isEqualTo(400);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.parse(bad)).as(bad)
                    .isInstanceOf(LineProtocolParser.ParseException.class);
        }
    }
}
