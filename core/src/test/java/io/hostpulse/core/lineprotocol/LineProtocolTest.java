package io.hostpulse.core.lineprotocol;

import io.hostpulse.core.Point;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encoder expectations written from the InfluxDB line protocol reference ("Special characters", "Data types
 * and format", "Comments"), not from the encoder's output:
 * measurement escapes comma and space; tag keys, tag values and field keys escape comma, equals and space;
 * string field values escape double quote and backslash; integers carry {@code i}; floats carry no suffix;
 * a line starting with {@code #} is a comment; tag values cannot be empty.
 */
class LineProtocolTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_704_164_645L, 123_456_789); // 2024-01-02T03:04:05.123456789Z

    private static Point point(String measurement, Map<String, String> tags, Map<String, Object> fields) {
        return new Point(measurement, new TreeMap<>(tags), fields, Instant.EPOCH);
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String enc(Point p) {
        return LineProtocol.encode(p, Precision.NANOSECONDS);
    }

    @Test
    void plainPointMatchesTheReferenceExampleShape() {
        Point p = Point.builder("myMeasurement").tag("tag1", "value1").tag("tag2", "value2")
                .field("fieldKey", "fieldValue").time(Instant.ofEpochSecond(1556813561L, 98000000)).build();
        assertThat(enc(p)).isEqualTo("myMeasurement,tag1=value1,tag2=value2 fieldKey=\"fieldValue\" 1556813561098000000");
    }

    @Test
    void tagsAreWrittenSortedByKey() {
        Point p = point("m", Map.of("zone", "z", "app", "a", "Host", "h"), fields("v", 1L));
        // bytes.Compare order: upper case before lower case
        assertThat(enc(p)).isEqualTo("m,Host=h,app=a,zone=z v=1i 0");
    }

    @Test
    void measurementEscapesCommaAndSpaceButNotEquals() {
        assertThat(enc(point("my measure,ment=x", Map.of(), fields("v", 1L))))
                .isEqualTo("my\\ measure\\,ment=x v=1i 0");
    }

    @Test
    void tagKeysTagValuesAndFieldKeysEscapeCommaEqualsAndSpace() {
        Point p = point("m", Map.of("tag key,=", "tag value,=x"), fields("field key,=", 1L));
        assertThat(enc(p)).isEqualTo("m,tag\\ key\\,\\==tag\\ value\\,\\=x field\\ key\\,\\==1i 0");
    }

    @Test
    void quotesInNamesAreLiteralAndNotEscaped() {
        // reference: quotes in measurement, tag keys/values and field keys are valid and part of the name
        Point p = point("\"m'", Map.of("\"k\"", "\"v\""), fields("\"f\"", 1L));
        String line = enc(p);
        assertThat(line).isEqualTo("\"m',\"k\"=\"v\" \"f\"=1i 0");
        Point back = new LineProtocolParser(Precision.NANOSECONDS).parseLine(line, 1);
        assertThat(back).isEqualTo(p);
    }

    @Test
    void stringFieldEscapesQuoteAndBackslashOnly() {
        Point p = point("m", Map.of(), fields("s", "say \"hi\", a=b c\\d"));
        assertThat(enc(p)).isEqualTo("m s=\"say \\\"hi\\\", a=b c\\\\d\" 0");
    }

    @Test
    void nameEndingInABackslashCannotBeWrittenAsInTelegraf() {
        // InfluxDB reads "\," and "\ " as an escaped separator, so a trailing backslash would swallow it
        Point p = point("m", Map.of("path", "C:\\", "k\\", "v", "ok", "x"), fields("f\\", 1L, "g", 2L, "s", "x\\"));
        Point badName = point("m\\", Map.of(), fields("v", 1L, "w", 2L));
        StringBuilder sb = new StringBuilder();
        LineProtocol.Result r = LineProtocol.encode(List.of(p, badName), Precision.NANOSECONDS, sb);
        assertThat(sb).hasToString("m,ok=x g=2i,s=\"x\\\\\" 0\n");
        // the two tags left out are counted like the field (they were dropped silently before)
        assertThat(r).isEqualTo(new LineProtocol.Result(1, 1 + 2, 1, 2));
    }

    @Test
    void backslashBeforeAnOrdinaryCharacterIsWrittenAsItIs() {
        // systemd unit names escape '-' as \x2d; InfluxDB keeps a backslash that escapes nothing
        Point p = point("systemd\\units", Map.of("unit", "dev-disk-by\\x2duuid.swap"), fields("a\\b", "c\\d"));
        assertThat(enc(p)).isEqualTo("systemd\\units,unit=dev-disk-by\\x2duuid.swap a\\b=\"c\\\\d\" 0");
    }

    @Test
    void evenBackslashRunBeforeAnEscapedCharacterStaysAsItIs() {
        Point p = point("m", Map.of("k\\\\=", "v\\\n", "a\\\\ b", "c\\\\,d"), fields("f\\\\=", 1L));
        String line = enc(p);
        assertThat(line).isEqualTo("m,a\\\\\\ b=c\\\\\\,d,k\\\\\\==v\\\\n f\\\\\\==1i 0");
        Point back = new LineProtocolParser(Precision.NANOSECONDS).parseLine(line, 1);
        assertThat(back.tags()).containsExactly(Map.entry("a\\\\ b", "c\\\\,d"), Map.entry("k\\\\=", "v\\\\n"));
        assertThat(back.fields()).containsOnlyKeys("f\\\\=");
    }

    @Test
    void measurementWithABackslashBeforeAnEscapableCharacterIsDropped() {
        // InfluxDB 1.6 lists such a measurement but cannot select it (see LineProtocolInfluxDbIT)
        for (String m : List.of("a\\ b", "a\\\\ b", "a\\,b", "a\\\\,b", "a\\=b", "a\\\\=b", "a\\\"b", "a\\")) {
            StringBuilder sb = new StringBuilder();
            assertThat(LineProtocol.append(sb, point(m, Map.of(), fields("v", 1L)), Precision.SECONDS)).as(m).isEqualTo(-1);
            assertThat(sb).isEmpty();
        }
        assertThat(enc(point("a\\b\\\\c=\"", Map.of(), fields("v", 1L)))).isEqualTo("a\\b\\\\c=\" v=1i 0");
    }

    @Test
    void oddBackslashRunBeforeAnEscapedCharacterCannotBeWritten() {
        // InfluxDB splits names treating "\\ " as one backslash and an escaped space, but splits lines pairing
        // backslashes; the readings differ, and a quote later on the line can then swallow the next lines
        Point tags = point("m", Map.of("a\\ b", "x", "k", "v\\,w", "c\\\\\\=", "y", "ok", "z"), fields("v", 1L));
        assertThat(enc(tags)).isEqualTo("m,ok=z v=1i 0");
        StringBuilder sb = new StringBuilder();
        LineProtocol.Result r = LineProtocol.encode(List.of(point("m\\ x", Map.of(), fields("v", 1L)),
                point("m\\,x", Map.of(), fields("v", 1L)), point("m\\=x", Map.of(), fields("v", 1L))), Precision.SECONDS, sb);
        assertThat(sb).isEmpty();
        assertThat(r).isEqualTo(new LineProtocol.Result(0, 3, 3));
    }

    @Test
    void fieldKeyWithAnOddBackslashRunBeforeASeparatorIsDroppedAndCounted() {
        // measured on InfluxDB 1.6: "f\\=1i" and "f\\\=..." with one literal backslash are rejected
        Point p = point("m", Map.of(), fields("a\\=", 1L, "b\\,", 2L, "c\\ ", 3L, "d\\\\=", 4L, "e\\\\\\,", 5L, "ok", 6L));
        StringBuilder sb = new StringBuilder();
        LineProtocol.Result r = LineProtocol.encode(List.of(p), Precision.NANOSECONDS, sb);
        assertThat(sb).hasToString("m d\\\\\\==4i,ok=6i 0\n");
        assertThat(r).isEqualTo(new LineProtocol.Result(1, 4, 0));
        assertThat(new LineProtocolParser(Precision.NANOSECONDS).parse(sb.toString()).get(0).fields())
                .containsExactly(Map.entry("d\\\\=", 4L), Map.entry("ok", 6L));
    }

    @Test
    void backslashBeforeAQuoteInAFieldKeyIsDoubled() {
        // InfluxDB unescapes \" in field keys (only there), so the backslash needs its own escape
        Point p = point("m", Map.of("t\\\"", "v\\\""), fields("f\\\"", 1L));
        String line = enc(p);
        assertThat(line).isEqualTo("m,t\\\"=v\\\" f\\\\\"=1i 0");
        assertThat(new LineProtocolParser(Precision.NANOSECONDS).parseLine(line, 1)).isEqualTo(p);
    }

    @Test
    void runsOfBackslashesRoundTrip() {
        for (int n = 1; n <= 6; n++) {
            String run = "\\".repeat(n);
            String even = "\\".repeat(2 * n);
            Point p = point("a" + run + "b" + run + "c=\"", Map.of(run + "k" + even + "=", "v" + run + "x" + even + ","),
                    fields(run + "f", run + "s" + run, "k" + run + "\"" + run + "q", "v" + run));
            String line = enc(p);
            assertThat(new LineProtocolParser(Precision.NANOSECONDS).parseLine(line, 1)).as(line).isEqualTo(p);
        }
    }

    @Test
    void newlineCarriageReturnAndTabBecomeTwoCharacterSequencesEverywhere() {
        Point p = point("m\n\r\t", Map.of("k\n", "v\r\t"), fields("f\t", "a\nb\rc\td"));
        String line = enc(p);
        assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\t");
        assertThat(line).isEqualTo("m\\n\\r\\t,k\\n=v\\r\\t f\\t=\"a\\nb\\rc\\td\" 0");
        Point back = new LineProtocolParser(Precision.NANOSECONDS).parseLine(line, 1);
        // documented lossy mapping: the control character becomes backslash + letter
        assertThat(back.measurement()).isEqualTo("m\\n\\r\\t");
        assertThat(back.tags()).containsExactly(Map.entry("k\\n", "v\\r\\t"));
        assertThat(back.fields()).containsExactly(Map.entry("f\\t", "a\\nb\\rc\\td"));
    }

    @Test
    void measurementStartingWithHashIsNotWrittenAsACommentLine() {
        Point p = point("#cpu", Map.of("#t", "#v"), fields("#f", 1L));
        String line = enc(p);
        assertThat(line).doesNotStartWith("#");
        assertThat(line).isEqualTo("\\#cpu,#t=#v #f=1i 0");
        List<Point> back = new LineProtocolParser(Precision.NANOSECONDS).parse(line + "\n");
        assertThat(back).hasSize(1);
        // InfluxDB keeps a backslash that escapes nothing it knows: the stored name is "\#cpu"
        assertThat(back.get(0).measurement()).isEqualTo("\\#cpu");
        assertThat(back.get(0).tags()).containsEntry("#t", "#v");
    }

    @Test
    void hashInsideTheMeasurementIsLeftAlone() {
        assertThat(enc(point("c#pu", Map.of(), fields("v", 1L)))).isEqualTo("c#pu v=1i 0");
    }

    @Test
    void emptyAndNullTagValuesAreLeftOut() {
        Map<String, String> tags = new TreeMap<>();
        tags.put("empty", "");
        tags.put("nulled", null);
        tags.put("kept", "x");
        Point p = new Point("m", new TreeMap<>(tags), fields("v", 1L), Instant.EPOCH);
        assertThat(enc(p)).isEqualTo("m,kept=x v=1i 0");
        Point b = Point.builder("m").tag("empty", "").tag("nulled", null).tag("kept", "x").field("v", 1L)
                .time(Instant.EPOCH).build();
        assertThat(enc(b)).isEqualTo("m,kept=x v=1i 0");
    }

    @Test
    void emptyTagKeyAndEmptyFieldKeyAreLeftOut() {
        Point p = point("m", Map.of("", "x", "k", "v"), fields("", 1L, "f", 2L));
        StringBuilder sb = new StringBuilder();
        LineProtocol.Result r = LineProtocol.encode(List.of(p), Precision.NANOSECONDS, sb);
        assertThat(sb).hasToString("m,k=v f=2i 0\n");
        assertThat(r).isEqualTo(new LineProtocol.Result(1, 1, 0));
    }

    @Test
    void nanAndInfinityAreDroppedAndCounted() {
        Point p = point("m", Map.of(), fields("a", Double.NaN, "b", 1.5, "c", Double.POSITIVE_INFINITY,
                "d", Double.NEGATIVE_INFINITY, "e", Float.NaN));
        StringBuilder sb = new StringBuilder();
        LineProtocol.Result r = LineProtocol.encode(List.of(p), Precision.NANOSECONDS, sb);
        assertThat(sb).hasToString("m b=1.5 0\n");
        assertThat(r).isEqualTo(new LineProtocol.Result(1, 4, 0));
    }

    @Test
    void pointWithNoWritableFieldIsDroppedAndCountedAndWritesNothing() {
        Point bad = point("bad", Map.of("t", "v"), fields("a", Double.NaN, "b", Double.POSITIVE_INFINITY));
        Point good = point("good", Map.of(), fields("v", 1L));
        StringBuilder sb = new StringBuilder("prefix\n");
        LineProtocol.Result r = LineProtocol.encode(List.of(good, bad, good), Precision.NANOSECONDS, sb);
        assertThat(sb).hasToString("prefix\ngood v=1i 0\ngood v=1i 0\n");
        assertThat(r).isEqualTo(new LineProtocol.Result(2, 2, 1));
        StringBuilder one = new StringBuilder("x");
        assertThat(LineProtocol.append(one, bad, Precision.NANOSECONDS)).isEqualTo(-1);
        assertThat(one).hasToString("x");
        assertThat(r.plus(new LineProtocol.Result(1, 2, 3))).isEqualTo(new LineProtocol.Result(3, 4, 4));
    }

    @Test
    void integersCarryTheISuffixIncludingTheExtremes() {
        Point p = point("m", Map.of(), fields("min", Long.MIN_VALUE, "max", Long.MAX_VALUE, "zero", 0L, "int", 7));
        String line = enc(p);
        assertThat(line).isEqualTo("m min=-9223372036854775808i,max=9223372036854775807i,zero=0i,int=7i 0");
        assertThat(new LineProtocolParser(Precision.NANOSECONDS).parseLine(line, 1)).isEqualTo(p);
    }

    @Test
    void wholeDoublesStayFloats() {
        for (double d : new double[]{0.0, 5.0, -5.0, 1e14, 1e15, 1e20, -1e20, 9.007199254740993e15}) {
            Point p = point("m", Map.of(), fields("v", d));
            String line = enc(p);
            String value = line.substring(line.indexOf('=') + 1, line.lastIndexOf(' '));
            assertThat(value).as("float written for %s", d).doesNotEndWith("i").doesNotEndWith("u");
            Object back = new LineProtocolParser(Precision.NANOSECONDS).parseLine(line, 1).field("v");
            assertThat(back).as(line).isInstanceOf(Double.class).isEqualTo(d);
        }
    }

    @Test
    void extremeDoublesRoundTripExactly() {
        for (double d : new double[]{1e-300, -1e-300, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                0.1, 1.0 / 3, 123456.789e-10, Math.PI, -0.0}) {
            Point p = point("m", Map.of(), fields("v", d));
            String line = enc(p);
            Object back = new LineProtocolParser(Precision.NANOSECONDS).parseLine(line, 1).field("v");
            assertThat(back).as(line).isInstanceOf(Double.class);
            assertThat(Double.doubleToRawLongBits((Double) back)).as(line).isEqualTo(Double.doubleToRawLongBits(d));
        }
    }

    @Test
    void negativeZeroKeepsItsSign() {
        String line = enc(point("m", Map.of(), fields("v", -0.0)));
        assertThat(line).isEqualTo("m v=-0.0 0");
    }

    @Test
    void booleansAreWrittenAsTrueAndFalse() {
        assertThat(enc(point("m", Map.of(), fields("a", true, "b", false)))).isEqualTo("m a=true,b=false 0");
    }

    @Test
    void bigUnsignedCounterIsWrittenAsFloat() {
        BigInteger big = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        String line = enc(point("m", Map.of(), fields("v", big)));
        assertThat(line).isEqualTo("m v=1.8446744073709552E19 0");
    }

    @Test
    void timestampsAtEveryPrecision() {
        Point p = Point.builder("m").field("v", 1L).time(T0).build();
        assertThat(LineProtocol.encode(p, Precision.SECONDS)).isEqualTo("m v=1i 1704164645");
        assertThat(LineProtocol.encode(p, Precision.MILLISECONDS)).isEqualTo("m v=1i 1704164645123");
        assertThat(LineProtocol.encode(p, Precision.MICROSECONDS)).isEqualTo("m v=1i 1704164645123456");
        assertThat(LineProtocol.encode(p, Precision.NANOSECONDS)).isEqualTo("m v=1i 1704164645123456789");
    }

    @Test
    void negativeEpochTimestampsRoundDownToThePrecision() {
        Point p = Point.builder("m").field("v", 1L).time(Instant.parse("1969-12-31T23:59:59.500000001Z")).build();
        assertThat(LineProtocol.encode(p, Precision.SECONDS)).isEqualTo("m v=1i -1");
        assertThat(LineProtocol.encode(p, Precision.MILLISECONDS)).isEqualTo("m v=1i -500");
        assertThat(LineProtocol.encode(p, Precision.MICROSECONDS)).isEqualTo("m v=1i -500000");
        assertThat(LineProtocol.encode(p, Precision.NANOSECONDS)).isEqualTo("m v=1i -499999999");
    }

    @Test
    void nanosecondRangeLimitsAsInfluxDbChecksThem() {
        // InfluxDB: "time outside range -9223372036854775806 - 9223372036854775806"
        Instant max = Instant.parse("2262-04-11T23:47:16.854775806Z");
        Instant min = Instant.parse("1677-09-21T00:12:43.145224194Z");
        assertThat(LineProtocol.encode(Point.builder("m").field("v", 1L).time(max).build(), Precision.NANOSECONDS))
                .isEqualTo("m v=1i 9223372036854775806");
        assertThat(LineProtocol.encode(Point.builder("m").field("v", 1L).time(min).build(), Precision.NANOSECONDS))
                .isEqualTo("m v=1i -9223372036854775806");
        assertThat(LineProtocol.encode(Point.builder("m").field("v", 1L).time(max.plusNanos(1)).build(), Precision.NANOSECONDS))
                .isEmpty();
        assertThat(LineProtocol.encode(Point.builder("m").field("v", 1L).time(min.minusNanos(1)).build(), Precision.NANOSECONDS))
                .isEmpty();
        assertThat(LineProtocol.encode(Point.builder("m").field("v", 1L).time(min).build(), Precision.SECONDS))
                .isEqualTo("m v=1i -9223372037");
    }

    @Test
    void tagOrFieldNamedTimeIsLeftOut() {
        Point p = point("m", Map.of("time", "x", "host", "a"), fields("time", 1L, "v", 2L));
        StringBuilder sb = new StringBuilder();
        LineProtocol.Result r = LineProtocol.encode(List.of(p), Precision.SECONDS, sb);
        assertThat(sb).hasToString("m,host=a v=2i 0\n");
        assertThat(r).isEqualTo(new LineProtocol.Result(1, 1, 0, 1));
    }

    @Test
    void tagWhoseKeyOrValueEndsInABackslashIsLeftOutAndCounted() {
        // a trailing backslash would escape the ',' or ' ' after it; Windows paths and labels such as "C:\" do this
        Point p = point("m", Map.of("path", "C:\\", "dir\\", "x", "ok", "y", "empty", ""), fields("v", 1L));
        StringBuilder sb = new StringBuilder();
        LineProtocol.Result r = LineProtocol.encode(List.of(p), Precision.SECONDS, sb);
        assertThat(sb).hasToString("m,ok=y v=1i 0\n");
        assertThat(r).isEqualTo(new LineProtocol.Result(1, 0, 0, 2)); // the empty value is not a loss
        assertThat(r.plus(r).droppedTags()).isEqualTo(4);
    }

    @Test
    void pointOutsideThePrecisionRangeIsDroppedAndCountedInsteadOfFailingTheBatch() {
        Point far = Point.builder("far").field("a", 1L).field("b", 2L).time(Instant.parse("2300-01-01T00:00:00Z")).build();
        Point ok = Point.builder("ok").field("v", 1L).time(Instant.EPOCH).build();
        StringBuilder sb = new StringBuilder();
        LineProtocol.Result r = LineProtocol.encode(List.of(far, ok), Precision.NANOSECONDS, sb);
        assertThat(sb).hasToString("ok v=1i 0\n");
        assertThat(r).isEqualTo(new LineProtocol.Result(1, 2, 1));
        // InfluxDB keeps nanoseconds whatever the precision: a coarser one does not help
        assertThat(LineProtocol.encode(far, Precision.SECONDS)).isEmpty();
    }

    @Test
    void unicodeIsWrittenAsIs() {
        Point p = point("température", Map.of("hôte", "日本 😀"), fields("ключ", "значение 😀"));
        String line = enc(p);
        assertThat(line).isEqualTo("température,hôte=日本\\ 😀 ключ=\"значение 😀\" 0");
        assertThat(new LineProtocolParser(Precision.NANOSECONDS).parseLine(line, 1)).isEqualTo(p);
    }

    @Test
    void batchEndsEveryLineWithNewline() {
        StringBuilder sb = new StringBuilder();
        LineProtocol.Result r = LineProtocol.encode(List.of(
                point("a", Map.of(), fields("v", 1L)), point("b", Map.of(), fields("v", 2L))), Precision.SECONDS, sb);
        assertThat(sb).hasToString("a v=1i 0\nb v=2i 0\n");
        assertThat(r).isEqualTo(new LineProtocol.Result(2, 0, 0));
    }
}
