package io.hostpulse.core;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PointTest {

    private static final Instant T = Instant.parse("2024-05-06T07:08:09Z");

    @Test
    void smallIntegerTypesBecomeLongAndFloatBecomesDouble() {
        Point p = Point.builder("m").field("i", 7).field("s", (short) -3).field("b", (byte) 5)
                .field("f", 1.5f).field("l", 9L).field("d", 2.25).field("bool", true).field("str", "x").time(T).build();
        assertThat(p.fields()).containsExactly(Map.entry("i", 7L), Map.entry("s", -3L), Map.entry("b", 5L),
                Map.entry("f", 1.5), Map.entry("l", 9L), Map.entry("d", 2.25), Map.entry("bool", true), Map.entry("str", "x"));
        assertThat(p.field("i")).isInstanceOf(Long.class);
        assertThat(p.field("f")).isInstanceOf(Double.class);
    }

    @Test
    void bigIntegerWithinSignedRangeIsLongBeyondIsDouble() {
        BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
        BigInteger min = BigInteger.valueOf(Long.MIN_VALUE);
        BigInteger over = max.add(BigInteger.ONE);
        BigInteger u64max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        BigInteger under = min.subtract(BigInteger.ONE);
        Point p = Point.builder("m").field("max", max).field("min", min).field("over", over).field("u", u64max)
                .field("under", under).field("small", BigInteger.TEN).time(T).build();
        assertThat(p.field("max")).isEqualTo(Long.MAX_VALUE);
        assertThat(p.field("min")).isEqualTo(Long.MIN_VALUE);
        assertThat(p.field("small")).isEqualTo(10L);
        assertThat(p.field("over")).isEqualTo(9.223372036854775808E18);
        assertThat(p.field("u")).isEqualTo(1.8446744073709551615E19);
        assertThat(p.field("under")).isEqualTo(-9.223372036854775809E18);
    }

    @Test
    void unsupportedFieldTypesAreRejectedNamingTheField() {
        assertThatThrownBy(() -> Point.builder("m").field("x", new AtomicLong(1)).time(T).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("field x has unsupported type AtomicLong");
        Map<String, Object> f = new HashMap<>();
        f.put("n", null);
        assertThatThrownBy(() -> new Point("m", new TreeMap<>(), f, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("field n has unsupported type null");
    }

    @Test
    void builderSkipsNullFieldsAndNullOrEmptyTags() {
        Point.Builder b = Point.builder("m").tag("a", null).tag("b", "").tag("c", "x").field("n", null);
        assertThat(b.hasFields()).isFalse();
        b.field("v", 1);
        assertThat(b.hasFields()).isTrue();
        Point p = b.tags(Map.of("d", "y", "e", "")).time(T).build();
        assertThat(p.tags()).containsExactly(Map.entry("c", "x"), Map.entry("d", "y"));
        assertThat(p.tag("c")).isEqualTo("x");
        assertThat(p.tag("a")).isNull();
    }

    @Test
    void requiredParts() {
        assertThatThrownBy(() -> new Point("", new TreeMap<>(), Map.of("v", 1L), T))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("empty measurement name");
        assertThatThrownBy(() -> new Point(null, new TreeMap<>(), Map.of("v", 1L), T)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Point.builder("m").field("v", 1).build()).isInstanceOf(NullPointerException.class)
                .hasMessage("time");
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1L);
        assertThatThrownBy(() -> new Point("m", new TreeMap<>(), nullKey, T)).isInstanceOf(NullPointerException.class)
                .hasMessage("field key");
    }

    @Test
    void isImmutableAndCopiesItsInput() {
        TreeMap<String, String> tags = new TreeMap<>(Map.of("host", "a"));
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("v", 1L));
        Point p = new Point("m", tags, fields, T);
        tags.put("host", "changed");
        tags.put("new", "x");
        fields.put("w", 2L);
        assertThat(p.tags()).containsExactly(Map.entry("host", "a"));
        assertThat(p.fields()).containsExactly(Map.entry("v", 1L));
        assertThatThrownBy(() -> p.tags().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.fields().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.tags().headMap("z").clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void fieldOrderIsKeptTagsAreSorted() {
        Point p = Point.builder("m").tag("z", "1").tag("a", "2").field("z", 1).field("a", 2).time(T).build();
        assertThat(p.tags().keySet()).containsExactly("a", "z");
        assertThat(p.fields().keySet()).containsExactly("z", "a");
    }

    @Test
    void withDefaultTagsAddsMissingTagsAndThePointsOwnTagsWin() {
        Point p = Point.builder("m").tag("host", "own").tag("disk", "sda").field("v", 1).time(T).build();
        Point q = p.withDefaultTags(Map.of("host", "default", "env", "prod"));
        assertThat(q.tags()).containsExactly(Map.entry("disk", "sda"), Map.entry("env", "prod"), Map.entry("host", "own"));
        assertThat(q.fields()).isEqualTo(p.fields());
        assertThat(q.time()).isEqualTo(T);
        assertThat(q.measurement()).isEqualTo("m");
        assertThat(p.tags()).doesNotContainKey("env");
        assertThat(p.withDefaultTags(Map.of())).isSameAs(p);
    }

    @Test
    void emptyDefaultTagValueIsLeftOut() {
        Point p = Point.builder("m").field("v", 1).time(T).build();
        assertThat(p.withDefaultTags(Map.of("env", "")).tags()).isEmpty();
    }

    @Test
    void equalityIsByValue() {
        Point a = Point.builder("m").tag("t", "1").field("v", 1).time(T).build();
        Point b = new Point("m", new TreeMap<>(Map.of("t", "1")), Map.of("v", 1L), T);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }
}
