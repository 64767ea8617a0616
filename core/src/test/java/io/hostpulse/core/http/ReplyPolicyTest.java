package io.hostpulse.core.http;

import io.hostpulse.core.ExportException;
import io.hostpulse.core.ExportException.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyPolicyTest {
    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource(nullValues = "OK", value = {
            "200, OK", "201, OK", "204, OK", "299, OK",
            "100, RETRY", "199, RETRY",
            "300, RETRY", "301, RETRY", "302, RETRY", "307, RETRY", "308, RETRY", "399, RETRY",
            "400, REJECTED", "404, REJECTED", "405, REJECTED", "409, REJECTED", "422, REJECTED", "499, REJECTED",
            "401, AUTH", "403, AUTH",
            "408, RETRY", "429, RETRY",
            "413, TOO_LARGE",
            "500, RETRY", "502, RETRY", "503, RETRY", "504, RETRY", "599, RETRY", "600, RETRY"})
    void everyClassOfStatus(int status, Kind kind) {
        assertThat(ReplyPolicy.kind(status)).isEqualTo(kind);
        ExportException e = ReplyPolicy.failure(status, "why", null, null, NOW);
        if (kind == null) {
            assertThat(e).isNull();
        } else {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).startsWith("HTTP " + status + ": why");
        }
    }

    @Test
    void retryAfterInSecondsAndAsAnHttpDate() {
        assertThat(ReplyPolicy.retryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(ReplyPolicy.retryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
        assertThat(ReplyPolicy.retryAfter("Tue, 01 Dec 2026 08:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(ReplyPolicy.retryAfter("Tue, 01 Dec 2026 07:00:00 GMT", NOW)).as("a date in the past").isEqualTo(Duration.ZERO);
        assertThat(ReplyPolicy.retryAfter("-5", NOW)).isNull();
        assertThat(ReplyPolicy.retryAfter("soon", NOW)).isNull();
        assertThat(ReplyPolicy.retryAfter("", NOW)).isNull();
        assertThat(ReplyPolicy.retryAfter(null, NOW)).isNull();
    }

    @Test
    void retryAfterIsKeptOnlyWhereTheDataIsRetried() {
        for (int s : List.of(503, 429, 408, 301, 500)) {
            assertThat(ReplyPolicy.failure(s, "", "7", null, NOW).retryAfter()).as("HTTP %d", s).contains(Duration.ofSeconds(7));
        }
        assertThat(ReplyPolicy.failure(503, "", "Tue, 01 Dec 2026 08:00:30 GMT", null, NOW).retryAfter())
                .contains(Duration.ofSeconds(30));
        for (int s : List.of(401, 403, 413, 400)) {
            assertThat(ReplyPolicy.failure(s, "", "7", null, NOW).retryAfter()).as("HTTP %d", s).isEmpty();
        }
    }

    @Test
    void aRedirectSaysWhereItPointsRedacted() {
        ExportException e = ReplyPolicy.failure(301, "", null, "https://db.lan/write?u=admin&p=hunter2", NOW);
        assertThat(e.kind()).isEqualTo(Kind.RETRY);
        assertThat(e.getMessage()).isEqualTo("HTTP 301 (a redirect to https://db.lan/write?u=******&p=******: set the url to the final address)");
        assertThat(ReplyPolicy.failure(302, null, null, null, NOW).getMessage())
                .isEqualTo("HTTP 302 (a redirect: set the url to the final address)");
    }

    @Test
    void theBodyIsQuotedOnOneLineShortenedAndRedacted() {
        assertThat(ReplyPolicy.describe(400, "line 1\nline 2\r\n\tthree")).isEqualTo("HTTP 400: line 1 line 2   three");
        assertThat(ReplyPolicy.describe(500, "  ")).isEqualTo("HTTP 500");
        assertThat(ReplyPolicy.describe(500, null)).isEqualTo("HTTP 500");
        String long1 = "x".repeat(ReplyPolicy.MAX_TEXT + 50);
        assertThat(ReplyPolicy.describe(500, long1)).isEqualTo("HTTP 500: " + "x".repeat(ReplyPolicy.MAX_TEXT) + "...");
        assertThat(ReplyPolicy.shorten("x".repeat(ReplyPolicy.MAX_TEXT))).hasSize(ReplyPolicy.MAX_TEXT).doesNotEndWith("...");
        assertThat(ReplyPolicy.describe(401, "denied: https://db.lan/write?token=abc123")).doesNotContain("abc123");
    }

    @Test
    void theBodyReaderKeepsAtMostTheCapAndDiscardsTheRest() throws Exception {
        var sub = ReplyPolicy.capped(10);
        sub.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        sub.onNext(List.of(ByteBuffer.wrap("héllo".getBytes(StandardCharsets.UTF_8)), ByteBuffer.wrap("wörld!".getBytes(StandardCharsets.UTF_8))));
        sub.onNext(List.of(ByteBuffer.wrap("more and more".getBytes(StandardCharsets.UTF_8))));
        sub.onComplete();
        String body = sub.getBody().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(10 + 2); // a cut character becomes U+FFFD
        assertThat(body).startsWith("héllo").doesNotContain("more");
        assertThat(ReplyPolicy.MAX_BODY_BYTES).isEqualTo(64 * 1024);
    }
}
