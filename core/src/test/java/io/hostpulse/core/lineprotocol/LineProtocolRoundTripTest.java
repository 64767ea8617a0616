package io.hostpulse.core.lineprotocol;

import io.hostpulse.core.Point;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated round trips through {@link LineProtocol} and {@link LineProtocolParser} with hostile names and values.
 * The expected read-back is modelled independently: names and string values come back unchanged except for the
 * documented lossy mapping (newline, carriage return and tab become backslash + n, r, t; a measurement starting
 * with {@code #} comes back with a leading backslash); a name ending in a backslash cannot be written (tag left
 * out, field or point dropped and counted), nor one with an odd run of backslashes before a character the encoder
 * escapes (InfluxDB pairs backslashes in some passes and not in others); timestamps come back floored.
 * (Run as tests: jqwik 1.10.1 runs on the JUnit Platform 6.1.3 of the parent pom.)
 */
class LineProtocolRoundTripTest {

    private static final String[] PIECES = {" ", ",", "=", "\"", "\\", "\\\\", "\n", "\r", "\t", "#", "'", "a", "Z",
            "i", "u", "0", "-", ".", "é", "日本", "😀", "\u00a0", "\u2028", "{", "}"};

    /** The documented lossy mapping for names and string values. */
    static String lossy(String s) {
        return s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    static String lossyMeasurement(String s) {
        String m = lossy(s);
        return m.startsWith("#") ? "\\" + m : m;
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.of(PIECES).list().ofMaxSize(10).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<Object> value() {
        return Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L),
                Arbitraries.doubles().filter(Double::isFinite),
                Arbitraries.of(-0.0, 0.0, 1e-300, 1e20, 5.0, -7.0, Double.MAX_VALUE, Double.MIN_VALUE, 1e15, 1e16),
                Arbitraries.of(true, false),
                hostile());
    }

    @Provide
    Arbitrary<Point> points() {
        Arbitrary<String> measurement = hostile().filter(s -> !s.isEmpty());
        Arbitrary<Map<String, String>> tags = Arbitraries.maps(hostile(), hostile()).ofMaxSize(4)
                .map(LineProtocolRoundTripTest::distinctTags);
        Arbitrary<Map<String, Object>> fields = Arbitraries.maps(hostile().filter(s -> !s.isEmpty()), value())
                .ofMinSize(1).ofMaxSize(4).map(LineProtocolRoundTripTest::distinctFields);
        Arbitrary<Instant> time = Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE + 2, Long.MAX_VALUE, Long.MAX_VALUE - 1, -1L, 0L))
                .map(n -> Instant.ofEpochSecond(0, n));
        return Combinators.combine(measurement, tags, fields, time)
                .as((m, t, f, ti) -> new Point(m, new TreeMap<>(t), f, ti));
    }

    /** Keeps tags whose names stay distinct after the lossy mapping (otherwise they would collide on read-back). */
    private static Map<String, String> distinctTags(Map<String, String> in) {
        Map<String, String> out = new TreeMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (!k.isEmpty() && seen.putIfAbsent(lossy(k), k) == null) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Map<String, Object> distinctFields(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (seen.putIfAbsent(lossy(k), k) == null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** A name the encoder cannot write: ends in a backslash, or an odd backslash run before an escaped character. */
    static boolean unwritable(String name, String escaped) {
        return name.endsWith("\\") || name.matches("(?s).*(?<!\\\\)(\\\\\\\\)*\\\\[" + escaped + "].*");
    }

    /** What reading the encoded point back gives; null when the point cannot be written at all. */
    static Point expected(Point p, Precision precision) {
        if (p.measurement().endsWith("\\") || p.measurement().matches("(?s).*\\\\[, =\"].*")) {
            return null;
        }
        long nanos = p.time().getEpochSecond() * 1_000_000_000L + p.time().getNano(); // wraps, but exact: the true value fits
        if (nanos == Long.MIN_VALUE || nanos == Long.MIN_VALUE + 1 || nanos == Long.MAX_VALUE) {
            return null; // InfluxDB's range excludes these
        }
        Map<String, String> tags = new TreeMap<>();
        p.tags().forEach((k, v) -> {
            if (!unwritable(k, ", =") && !unwritable(v, ", =") && !k.equals("time")) {
                tags.put(lossy(k), lossy(v));
            }
        });
        Map<String, Object> fields = new LinkedHashMap<>();
        p.fields().forEach((k, v) -> {
            if (!unwritable(k, ", =") && !k.equals("time") && !(v instanceof Double d && !Double.isFinite(d))) {
                fields.put(lossy(k), v instanceof String s ? lossy(s) : v);
            }
        });
        if (fields.isEmpty()) {
            return null;
        }
        ChronoUnit unit = switch (precision) {
            case SECONDS -> ChronoUnit.SECONDS;
            case MILLISECONDS -> ChronoUnit.MILLIS;
            case MICROSECONDS -> ChronoUnit.MICROS;
            case NANOSECONDS -> ChronoUnit.NANOS;
        };
        return new Point(lossyMeasurement(p.measurement()), new TreeMap<>(tags), fields, p.time().truncatedTo(unit));
    }

    /** The fields of a point the encoder leaves out (all of them when the point is dropped). */
    static int droppedFields(Point p, Precision precision) {
        Point want = expected(p, precision);
        return want == null ? p.fields().size() : p.fields().size() - want.fields().size();
    }

    /** The tags of a written point the encoder leaves out and counts (empty values are not counted). */
    static int droppedTags(Point p, Precision precision) {
        if (expected(p, precision) == null) {
            return 0;
        }
        int n = 0;
        for (Map.Entry<String, String> t : p.tags().entrySet()) {
            boolean empty = t.getKey().isEmpty() || t.getValue() == null || t.getValue().isEmpty();
            if (!empty && (unwritable(t.getKey(), ", =") || unwritable(t.getValue(), ", =") || t.getKey().equals("time"))) {
                n++;
            }
        }
        return n;
    }

    @Property(tries = 1500)
    void everyPointReadsBackAsModelled(@ForAll("points") Point p, @ForAll Precision precision) {
        String line = LineProtocol.encode(p, precision);
        Point want = expected(p, precision);
        if (want == null) {
            assertThat(line).isEmpty();
            return;
        }
        assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotStartWith("#");
        Point back = new LineProtocolParser(precision).parseLine(line, 1);
        assertThat(back.measurement()).as(line).isEqualTo(want.measurement());
        assertThat(back.tags()).as(line).isEqualTo(want.tags());
        assertThat(back.fields()).as(line).isEqualTo(want.fields());
        for (Map.Entry<String, Object> e : want.fields().entrySet()) {
            // same Java type (a whole double must not come back as an integer), same bits for -0.0
            Object got = back.field(e.getKey());
            assertThat(got).as(line).isInstanceOf(e.getValue().getClass());
            if (got instanceof Double d) {
                assertThat(Double.doubleToRawLongBits(d)).as(line).isEqualTo(Double.doubleToRawLongBits((Double) e.getValue()));
            }
        }
        assertThat(back.time()).as(line).isEqualTo(want.time());
    }

    @Property(tries = 200)
    void batchesReadBackPointForPoint(@ForAll("batch") List<Point> batch) {
        StringBuilder sb = new StringBuilder();
        LineProtocol.Result r = LineProtocol.encode(batch, Precision.NANOSECONDS, sb);
        List<Point> want = new ArrayList<>();
        int droppedFields = 0;
        int droppedTags = 0;
        for (Point p : batch) {
            Point w = expected(p, Precision.NANOSECONDS);
            if (w != null) {
                want.add(w);
            }
            droppedFields += droppedFields(p, Precision.NANOSECONDS);
            droppedTags += droppedTags(p, Precision.NANOSECONDS);
        }
        assertThat(r).isEqualTo(new LineProtocol.Result(want.size(), droppedFields, batch.size() - want.size(),
                droppedTags));
        List<Point> back = new LineProtocolParser(Precision.NANOSECONDS).parse(sb.toString());
        assertThat(back).isEqualTo(want);
    }

    @Provide
    Arbitrary<List<Point>> batch() {
        return points().list().ofMaxSize(20);
    }

    @Property(tries = 300)
    void nonFiniteDoublesAreDroppedAndCounted(@ForAll("points") Point p,
                                              @ForAll("nonFinite") List<Double> bad) {
        Map<String, Object> fields = new LinkedHashMap<>(p.fields());
        for (int i = 0; i < bad.size(); i++) {
            fields.put("\u0000bad" + i, bad.get(i)); // keys no generated point uses
        }
        Point withBad = new Point(p.measurement(), p.tags(), fields, p.time());
        StringBuilder sb = new StringBuilder();
        LineProtocol.Result r = LineProtocol.encode(List.of(withBad), Precision.SECONDS, sb);
        Point want = expected(p, Precision.SECONDS);
        if (want == null) {
            assertThat(r).isEqualTo(new LineProtocol.Result(0, withBad.fields().size(), 1));
            assertThat(sb).isEmpty();
            return;
        }
        assertThat(r).isEqualTo(new LineProtocol.Result(1, bad.size() + droppedFields(p, Precision.SECONDS), 0,
                droppedTags(p, Precision.SECONDS)));
        assertThat(new LineProtocolParser(Precision.SECONDS).parse(sb.toString()).get(0).fields())
                .isEqualTo(want.fields());
    }

    @Provide
    Arbitrary<List<Double>> nonFinite() {
        return Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY).list().ofMaxSize(3);
    }
}
