package io.hostpulse.core.lineprotocol;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrecisionTest {

    @Test
    void apiNamesAsInTheInfluxDbWriteApi() {
        assertThat(Precision.NANOSECONDS.apiName()).isEqualTo("ns");
        assertThat(Precision.MICROSECONDS.apiName()).isEqualTo("us");
        assertThat(Precision.MILLISECONDS.apiName()).isEqualTo("ms");
        assertThat(Precision.SECONDS.apiName()).isEqualTo("s");
        for (Precision p : Precision.values()) {
            assertThat(Precision.fromApiName(p.apiName())).isSameAs(p);
        }
        assertThatThrownBy(() -> Precision.fromApiName("m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown precision m (use ns, us, ms or s)");
        assertThatThrownBy(() -> Precision.fromApiName("NS")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knownInstant() {
        Instant t = Instant.parse("2024-01-02T03:04:05.123456789Z");
        assertThat(Precision.SECONDS.toEpoch(t)).isEqualTo(1_704_164_645L);
        assertThat(Precision.MILLISECONDS.toEpoch(t)).isEqualTo(1_704_164_645_123L);
        assertThat(Precision.MICROSECONDS.toEpoch(t)).isEqualTo(1_704_164_645_123_456L);
        assertThat(Precision.NANOSECONDS.toEpoch(t)).isEqualTo(1_704_164_645_123_456_789L);
        assertThat(Precision.MICROSECONDS.fromEpoch(1_704_164_645_123_456L)).isEqualTo(Instant.parse("2024-01-02T03:04:05.123456Z"));
        assertThat(Precision.SECONDS.fromEpoch(0)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void negativeValuesFloor() {
        Instant t = Instant.parse("1969-12-31T23:59:59.999999999Z");
        assertThat(Precision.SECONDS.toEpoch(t)).isEqualTo(-1);
        assertThat(Precision.MILLISECONDS.toEpoch(t)).isEqualTo(-1);
        assertThat(Precision.MICROSECONDS.toEpoch(t)).isEqualTo(-1);
        assertThat(Precision.NANOSECONDS.toEpoch(t)).isEqualTo(-1);
        assertThat(Precision.NANOSECONDS.fromEpoch(-1)).isEqualTo(t);
        assertThat(Precision.MICROSECONDS.fromEpoch(-1_000_001)).isEqualTo(Instant.parse("1969-12-31T23:59:58.999999Z"));
    }

    @Test
    void nanosecondExtremesBothWays() {
        for (long v : new long[]{Long.MIN_VALUE, Long.MIN_VALUE + 1, -1_000_000_000L, -1, 0, 1, Long.MAX_VALUE}) {
            assertThat(Precision.NANOSECONDS.toEpoch(Precision.NANOSECONDS.fromEpoch(v))).isEqualTo(v);
            assertThat(Precision.MICROSECONDS.toEpoch(Precision.MICROSECONDS.fromEpoch(v))).isEqualTo(v);
            assertThat(Precision.MILLISECONDS.toEpoch(Precision.MILLISECONDS.fromEpoch(v))).isEqualTo(v);
        }
        assertThatThrownBy(() -> Precision.NANOSECONDS.toEpoch(Instant.parse("2262-04-11T23:47:16.854775808Z")))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Precision.NANOSECONDS.toEpoch(Instant.parse("1677-09-21T00:12:43.145224191Z")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Property(tries = 2000)
    void everyLongReadsBackAtSubSecondPrecisions(@ForAll long v, @ForAll Precision p) {
        if (p == Precision.SECONDS) {
            v = v / 1_000_000_000_000L; // Instant covers about +-3e16 seconds
        }
        assertThat(p.toEpoch(p.fromEpoch(v))).isEqualTo(v);
    }

    @Property(tries = 2000)
    void toEpochFloors(@ForAll @LongRange(min = -4_000_000_000L, max = 4_000_000_000L) long seconds,
                       @ForAll @LongRange(min = 0, max = 999_999_999) long nanos, @ForAll Precision p) {
        Instant t = Instant.ofEpochSecond(seconds, nanos);
        long e = p.toEpoch(t);
        assertThat(p.fromEpoch(e)).isBeforeOrEqualTo(t);
        assertThat(p.fromEpoch(e + 1)).isAfter(t);
    }
}
