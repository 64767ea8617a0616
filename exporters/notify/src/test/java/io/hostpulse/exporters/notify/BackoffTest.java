package io.hostpulse.exporters.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    @Test
    void doublesUpToTheCap() {
        Backoff b = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(b.delay(0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(8));
        assertThat(b.delay(3)).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.delay(500)).isEqualTo(Duration.ofSeconds(10));
    }
}
