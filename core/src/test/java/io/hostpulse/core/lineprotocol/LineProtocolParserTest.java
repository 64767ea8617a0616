package io.hostpulse.core.lineprotocol;

import io.hostpulse.core.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parser expectations from the InfluxDB line protocol reference: what it accepts and what it rejects. */
class LineProtocolParserTest {

    private final LineProtocolParser ns = new LineProtocolParser(Precision.NANOSECONDS);

    private Point one(String line) {
        return ns.parseLine(line, 1);
    }

    @Test
    void readsTheReferenceExample() {
        Point p = one("myMeasurement,tag1=value1,tag2=value2 fieldKey=\"fieldValue\" 1556813561098000000");
        assertThat(p.measurement()).isEqualTo("myMeasurement");
        assertThat(p.tags()).containsExactly(Map.entry("tag1", "value1"), Map.entry("tag2", "value2"));
        assertThat(p.fields()).containsExactly(Map.entry("fieldKey", "fieldValue"));
        assertThat(p.time()).isEqualTo(Instant.parse("2019-05-02T16:12:41.098Z"));
    }

    @Test
    void missingTimestampMeansEpoch() {
        assertThat(one("m v=1i").time()).isEqualTo(Instant.EPOCH);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|1.0", "1.0|1.0", "1.|1.0", "-1.5|-1.5", "1.e+78|1.0e78", "1.E+78|1.0e78", "1e-300|1e-300",
            "-0.0|-0.0", ".5|0.5", "0|0.0"})
    void floatSyntaxFromTheReference(String raw, double expected) {
        Object v = one("m v=" + raw).field("v");
        assertThat(v).isInstanceOf(Double.class).isEqualTo(expected);
    }

    @Test
    void integersAndUnsigned() {
        assertThat(one("m v=-9223372036854775808i").field("v")).isEqualTo(Long.MIN_VALUE);
        assertThat(one("m v=9223372036854775807i").field("v")).isEqualTo(Long.MAX_VALUE);
        assertThat(one("m v=12u").field("v")).isEqualTo(12L);
        assertThat(one("m v=9223372036854775807u").field("v")).isEqualTo(Long.MAX_VALUE);
        // past Long.MAX_VALUE an unsigned value must not wrap to a negative number
        assertThat(one("m v=18446744073709551615u").field("v")).isEqualTo(1.8446744073709552E19);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t", "T", "true", "True", "TRUE"})
    void trueSpellings(String raw) {
        assertThat(one("m v=" + raw).field("v")).isEqualTo(Boolean.TRUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"f", "F", "false", "False", "FALSE"})
    void falseSpellings(String raw) {
        assertThat(one("m v=" + raw).field("v")).isEqualTo(Boolean.FALSE);
    }

    @Test
    void backslashesAreKeptExceptBeforeACharacterTheyEscape() {
        // as a real InfluxDB 1.6 stores them (see LineProtocolInfluxDbIT), not as the 2.x reference's table says
        assertThat(one("my\\Measurement v=1i").measurement()).isEqualTo("my\\Measurement");
        assertThat(one("my\\\\Measurement v=1i").measurement()).isEqualTo("my\\\\Measurement");
        assertThat(one("my\\\\\\Measurement v=1i").measurement()).isEqualTo("my\\\\\\Measurement");
        assertThat(one("m\\,x\\ y v=1i").measurement()).isEqualTo("m,x y");
        // InfluxDB 1.6 also unescapes = and " in measurements (not in tags)
        assertThat(one("m\\=x v=1i").measurement()).isEqualTo("m=x");
        assertThat(one("m\\\"x v=1i").measurement()).isEqualTo("m\"x");
        assertThat(one("m,k=x\\\"y v=1i").tag("k")).isEqualTo("x\\\"y");
        assertThat(one("m,k=a\\\\b v=1i").tag("k")).isEqualTo("a\\\\b");
        assertThat(one("m,k=a\\\\ b v=1i").tag("k")).isEqualTo("a\\ b");
        assertThat(one("m,k=a\\\\\\,b v=1i").tag("k")).isEqualTo("a\\\\,b");
        assertThat(one("m,k=a\\\\\\ b v=1i").tag("k")).isEqualTo("a\\\\ b");
        assertThat(one("m,k=a\\\" v=1i").tag("k")).isEqualTo("a\\\"");
        assertThat(one("m f\\\"=1i").fields()).containsOnlyKeys("f\"");
        assertThat(one("m f\\\\\"=1i").fields()).containsOnlyKeys("f\\\"");
        assertThat(one("m f\\\\\\\"=1i").fields()).containsOnlyKeys("f\\\\\"");
    }

    @Test
    void trailingBackslashEscapesTheSeparatorSoTheLineIsRejected() {
        for (String line : List.of("m1\\\\ v=1i 1", "m3,k=a\\\\ v=1i 1", "m4 f\\\\=1i 1", "m9,k=a\\\\\\\\ v=1i 1",
                "m f\\\\==1i 1", "m f\\=1i")) {
            assertThatThrownBy(() -> one(line)).as(line).isInstanceOf(LineProtocolParser.ParseException.class);
        }
    }

    @Test
    void escapesInNames() {
        Point p = one("my\\ m\\,x=y,t\\ k\\,\\==t\\ v\\,\\= f\\ k\\,\\==\"s\" 0");
        assertThat(p.measurement()).isEqualTo("my m,x=y");
        assertThat(p.tags()).containsExactly(Map.entry("t k,=", "t v,="));
        assertThat(p.fields()).containsExactly(Map.entry("f k,=", "s"));
    }

    @Test
    void stringFieldsUnescapeQuoteAndBackslashAndKeepOtherCharacters() {
        Point p = one("m s=\"a \\\"q\\\" b\\\\c, d=e \\n\" 0");
        assertThat(p.field("s")).isEqualTo("a \"q\" b\\c, d=e \\n");
    }

    @Test
    void quotesAreLiteralInKeysAndTagValues() {
        Point p = one("\"m\",\"k\"=\"v\" \"f\"=1i");
        assertThat(p.measurement()).isEqualTo("\"m\"");
        assertThat(p.tags()).containsExactly(Map.entry("\"k\"", "\"v\""));
        assertThat(p.fields()).containsExactly(Map.entry("\"f\"", 1L));
    }

    @Test
    void skipsEmptyAndCommentLines() {
        List<Point> points = ns.parse("# a comment\n\na v=1i 1\n#b v=2i 2\nc v=3i 3\n  \n\t# indented comment\n");
        assertThat(points).extracting(Point::measurement).containsExactly("a", "c");
    }

    @Test
    void leadingSpacesAndTabsAreSkippedAsInfluxDbDoes() {
        assertThat(ns.parse("  a v=1i 1\n\tb v=2i 2")).extracting(Point::measurement).containsExactly("a", "b");
    }

    @Test
    void negativeTimestampsAtEveryPrecision() {
        assertThat(new LineProtocolParser(Precision.SECONDS).parseLine("m v=1i -1", 1).time())
                .isEqualTo(Instant.parse("1969-12-31T23:59:59Z"));
        assertThat(new LineProtocolParser(Precision.MILLISECONDS).parseLine("m v=1i -1", 1).time())
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999Z"));
        assertThat(new LineProtocolParser(Precision.MICROSECONDS).parseLine("m v=1i -1", 1).time())
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThat(ns.parseLine("m v=1i -1", 1).time()).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999999Z"));
    }

    @Test
    void errorsNameTheLineNumber() {
        String text = "ok v=1i 1\n# comment\nbad v=\"unterminated 3\nok v=2i\n";
        assertThatThrownBy(() -> ns.parse(text))
                .isInstanceOf(LineProtocolParser.ParseException.class)
                .hasMessage("line 3: unterminated string");
    }

    @Test
    void missingFields() {
        assertThatThrownBy(() -> one("cpu")).hasMessage("line 1: missing fields");
        assertThatThrownBy(() -> one("cpu,host=a")).hasMessage("line 1: missing fields");
        assertThatThrownBy(() -> one("cpu,host=a ")).hasMessage("line 1: empty field key");
        assertThatThrownBy(() -> one("cpu v")).hasMessageStartingWith("line 1: expected '='");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1d", "1f", "1D", "0x10", "0x1p3", "+1", "+1i", "1.5i", "1e", "--1", "1-", "NaN", "nan",
            "Infinity", "-Inf", "inf", "1e400", "9223372036854775808i", "-9223372036854775809i", "18446744073709551616u",
            "-1u", "1 2", "", "abc", "tru", "yes", "1_000", "1,5"})
    void badNumbersAreRejected(String raw) {
        assertThatThrownBy(() -> ns.parseLine("m v=" + raw + " 0", 7))
                .isInstanceOf(LineProtocolParser.ParseException.class)
                .hasMessageStartingWith("line 7: ");
    }

    @Test
    void badNumberMessageNamesTheValue() {
        assertThatThrownBy(() -> one("m v=1d")).hasMessage("line 1: bad field value '1d'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"m v=1i 12x", "m v=1i 1 2", "m v=1i +5", "m v=1i 1.5", "m v=1i ", "m v=1i 99999999999999999999"})
    void badTimestampsAreRejected(String line) {
        assertThatThrownBy(() -> one(line)).isInstanceOf(LineProtocolParser.ParseException.class)
                .hasMessageStartingWith("line 1: bad timestamp");
    }

    @Test
    void timestampBeyondInstantRangeIsAParseErrorNotACrash() {
        LineProtocolParser s = new LineProtocolParser(Precision.SECONDS);
        assertThatThrownBy(() -> s.parseLine("m v=1i 9223372036854775807", 4))
                .isInstanceOf(LineProtocolParser.ParseException.class).hasMessageStartingWith("line 4: bad timestamp");
    }

    @Test
    void trailingGarbageAfterStringIsRejected() {
        assertThatThrownBy(() -> one("m s=\"a\"b 0")).isInstanceOf(LineProtocolParser.ParseException.class)
                .hasMessageStartingWith("line 1: ");
    }

    @Test
    void emptyTagValueOrKeyIsRejected() {
        assertThatThrownBy(() -> one("m,host= v=1i")).hasMessage("line 1: empty tag key or value");
        assertThatThrownBy(() -> one("m,=a v=1i")).hasMessage("line 1: empty tag key or value");
        assertThatThrownBy(() -> one("m,host v=1i")).hasMessageStartingWith("line 1: expected '='");
    }

    @Test
    void otherMalformedLines() {
        assertThatThrownBy(() -> one(" m v=1i")).hasMessage("line 1: missing measurement");
        assertThatThrownBy(() -> one(",t=a v=1i")).hasMessage("line 1: missing measurement");
        assertThatThrownBy(() -> one("m,t=a,t=b v=1i")).hasMessage("line 1: duplicate tag t");
        assertThatThrownBy(() -> one("m v=1i,")).hasMessage("line 1: empty field key");
        assertThatThrownBy(() -> one("m =1i")).hasMessage("line 1: empty field key");
        assertThatThrownBy(() -> one("m v=")).hasMessage("line 1: bad field value ''");
        assertThatThrownBy(() -> one("m  v=1i")).hasMessage("line 1: empty field key");
    }
}
