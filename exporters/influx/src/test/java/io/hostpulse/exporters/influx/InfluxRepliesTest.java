package io.hostpulse.exporters.influx;

import io.hostpulse.core.ExportException;
import io.hostpulse.core.ExportException.Kind;
import io.hostpulse.core.lineprotocol.Precision;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InfluxRepliesTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static Kind kind(int status) {
        ExportException e = InfluxReplies.classify(status, "", null, NOW);
        return e == null ? null : e.kind();
    }

    @Test
    void telegrafRules() {
        for (int ok : new int[]{200, 204, 206}) {
            assertThat(kind(ok)).isNull();
        }
        assertThat(kind(413)).isEqualTo(Kind.TOO_LARGE);
        assertThat(kind(401)).isEqualTo(Kind.AUTH);
        assertThat(kind(403)).isEqualTo(Kind.AUTH);
        for (int r : new int[]{400, 404, 405, 406, 422}) {
            assertThat(kind(r)).as("%d", r).isEqualTo(Kind.REJECTED);
        }
        for (int r : new int[]{429, 500, 502, 503, 504, 408}) {
            assertThat(kind(r)).as("%d", r).isEqualTo(Kind.RETRY);
        }
        assertThat(kind(307)).isEqualTo(Kind.RETRY);
    }

    @Test
    void serverTextIsKeptShortAndOnOneLine() {
        ExportException e = InfluxReplies.classify(400,
                "{\"error\":\"unable to parse 'cpu value=': missing field value\"}\n" + "x".repeat(1000), null, NOW);
        assertThat(e.getMessage()).startsWith("HTTP 400: {\"error\":\"unable to parse").doesNotContain("\n")
                .endsWith("...");
        assertThat(e.getMessage().length()).isLessThan(InfluxReplies.MAX_TEXT + 20);
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(InfluxReplies.classify(429, "", "7", NOW).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(InfluxReplies.classify(503, "", "Wed, 25 Nov 2026 12:01:30 GMT", NOW).retryAfter())
                .contains(Duration.ofSeconds(90));
        assertThat(InfluxReplies.parseRetryAfter("Wed, 25 Nov 2026 11:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(InfluxReplies.parseRetryAfter("soon", NOW)).isNull();
        assertThat(InfluxReplies.parseRetryAfter("-5", NOW)).isNull();
        assertThat(InfluxReplies.parseRetryAfter(null, NOW)).isNull();
    }

    @Test
    void v1PrecisionNamesAreTheOnesInflux1Accepts() {
        assertThat(InfluxV1Exporter.v1Precision(Precision.NANOSECONDS)).isEqualTo("n");
        assertThat(InfluxV1Exporter.v1Precision(Precision.MICROSECONDS)).isEqualTo("u");
        assertThat(InfluxV1Exporter.v1Precision(Precision.MILLISECONDS)).isEqualTo("ms");
        assertThat(InfluxV1Exporter.v1Precision(Precision.SECONDS)).isEqualTo("s");
    }
}
