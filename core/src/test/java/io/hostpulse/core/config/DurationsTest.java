package io.hostpulse.core.config;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void parsesGoStyleDurations() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("1d2h3m4s5ms")).isEqualTo(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4).plusMillis(5));
        assertThat(Durations.parse(" 10s ")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(Durations.parse("0s")).isEqualTo(Duration.ZERO);
        assertThat(Durations.parse("1500us")).isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(Durations.parse("3µs")).isEqualTo(Duration.ofNanos(3_000));
        assertThat(Durations.parse("250ns")).isEqualTo(Duration.ofNanos(250));
        assertThat(Durations.parse("1m1ms")).isEqualTo(Duration.ofMillis(60_001));
        assertThat(Durations.parse("5s5s")).isEqualTo(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "10", "s", "-5s", "1.5s", "10 s", "10S", "1m30", "abc", "1w", "1y", "10sec",
            "5m-", "+5s", "1h 30m", "99999999999999999999s", "9223372036854775807d", "213503982334601d", "9223372036854775807s1s"})
    void rejectsWhatIsNotADuration(String text) {
        assertThat(Durations.parse(text)).as("'%s'", text).isNull();
    }

    @Test
    void formatsShortest() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(Durations.format(Duration.ofHours(25))).isEqualTo("25h");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofSeconds(61))).isEqualTo("61s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofNanos(1_500))).isEqualTo("1500ns");
        assertThat(Durations.format(Duration.ofNanos(1_500_000 + 1_000))).isEqualTo("1501us");
        assertThat(Durations.format(Duration.ofNanos(1))).isEqualTo("1ns");
    }

    @Test
    void formatRefusesNegative() {
        assertThatThrownBy(() -> Durations.format(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void veryLongDurationsRoundTrip() {
        Duration max = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
        assertThat(Durations.parse(Durations.format(max))).isEqualTo(max);
        Duration big = Duration.ofSeconds(Long.MAX_VALUE / 10, 1_000_000);
        assertThat(Durations.parse(Durations.format(big))).isEqualTo(big);
    }

    @Property(tries = 1000)
    void formatThenParseIsIdentity(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seconds,
                                   @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
        Duration d = Duration.ofSeconds(seconds, nanos);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }

    @Property(tries = 1000)
    void formatThenParseIsIdentityForRoundValues(@ForAll @LongRange(min = 0, max = 100_000) long n,
                                                @ForAll java.time.temporal.ChronoUnit unitPick) {
        java.time.temporal.ChronoUnit unit = switch (unitPick.ordinal() % 7) {
            case 0 -> java.time.temporal.ChronoUnit.NANOS;
            case 1 -> java.time.temporal.ChronoUnit.MICROS;
            case 2 -> java.time.temporal.ChronoUnit.MILLIS;
            case 3 -> java.time.temporal.ChronoUnit.SECONDS;
            case 4 -> java.time.temporal.ChronoUnit.MINUTES;
            case 5 -> java.time.temporal.ChronoUnit.HOURS;
            default -> java.time.temporal.ChronoUnit.DAYS;
        };
        Duration d = Duration.of(n, unit);
        String text = Durations.format(d);
        assertThat(Durations.parse(text)).as(text).isEqualTo(d);
        // shortest: no whole larger unit was missed
        assertThat(text).matches("0s|[0-9]+(ns|us|ms|s|m|h|d)");
    }
}
