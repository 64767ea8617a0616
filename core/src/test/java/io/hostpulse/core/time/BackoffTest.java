package io.hostpulse.core.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    /** The jitter's extremes: always the lowest or always the highest value. */
    static RandomGenerator lowest() {
        return () -> 0L;
    }

    static final class Highest implements RandomGenerator {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    }

    @Test
    void doublesUpToTheCap() {
        Backoff b = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(b.ceiling(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.ceiling(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.ceiling(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(b.ceiling(4)).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.ceiling(500)).isEqualTo(Duration.ofSeconds(10));
        assertThat(new Backoff(Duration.ofDays(1), Duration.ofDays(100_000)).ceiling(200)).isEqualTo(Duration.ofDays(100_000));
    }

    @Test
    void jitterStaysBetweenHalfAndTheWholeDelay() {
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), lowest()).delay(3, null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), new Highest()).delay(3, null)).isEqualTo(Duration.ofSeconds(4));
        Backoff real = new Backoff(Duration.ofMillis(500), Duration.ofMinutes(1));
        for (int i = 0; i < 200; i++) {
            assertThat(real.delay(2, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(real.delay(30, null)).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
        }
    }

    @Test
    void retryAfterWinsWhenLongerAndIsCapped() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), new Highest());
        assertThat(b.delay(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.delay(1, Duration.ofMillis(10))).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(1, Duration.ofHours(2))).isEqualTo(Backoff.MAX_RETRY_AFTER);
        assertThat(b.delay(1, Duration.ofSeconds(-3))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
