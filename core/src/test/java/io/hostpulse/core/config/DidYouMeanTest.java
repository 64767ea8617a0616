package io.hostpulse.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DidYouMeanTest {

    private static final List<String> KEYS = List.of("enabled", "interval", "jitter", "timeout", "devices", "host", "port");

    @Test
    void typosWithinTheDistance() {
        assertThat(DidYouMean.closest("intervall", KEYS)).isEqualTo("interval");
        assertThat(DidYouMean.closest("timout", KEYS)).isEqualTo("timeout");
        assertThat(DidYouMean.closest("enabeld", KEYS)).isEqualTo("enabled");
        assertThat(DidYouMean.closest("hots", KEYS)).isEqualTo("host");
        assertThat(DidYouMean.closest("Interval", KEYS)).isEqualTo("interval");
        assertThat(DidYouMean.closest("JITTER", KEYS)).isEqualTo("jitter");
    }

    @Test
    void sharedPrefix() {
        assertThat(DidYouMean.closest("timeout_seconds", KEYS)).isEqualTo("timeout");
        assertThat(DidYouMean.closest("devi", KEYS)).isEqualTo("devices");
    }

    @Test
    void nothingCloseEnough() {
        assertThat(DidYouMean.closest("banana", KEYS)).isNull();
        assertThat(DidYouMean.closest("x", KEYS)).isNull();
        assertThat(DidYouMean.closest("ab", List.of("xy"))).isNull();
        assertThat(DidYouMean.closest("int", KEYS)).isNull();
        assertThat(DidYouMean.closest("anything", List.of())).isNull();
    }

    @Test
    void closestWins() {
        assertThat(DidYouMean.closest("post", List.of("host", "port"))).isEqualTo("host");
        assertThat(DidYouMean.closest("portt", List.of("host", "port"))).isEqualTo("port");
    }

    @Test
    void editDistance() {
        assertThat(DidYouMean.distance("", "")).isZero();
        assertThat(DidYouMean.distance("abc", "")).isEqualTo(3);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("flaw", "lawn")).isEqualTo(2);
        assertThat(DidYouMean.distance("same", "same")).isZero();
    }
}
