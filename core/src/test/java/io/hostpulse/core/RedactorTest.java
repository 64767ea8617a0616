package io.hostpulse.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // Uptime Kuma push URLs: the token is the path segment after /api/push/
            "GET http://kuma:3001/api/push/pushtoken123?status=up&msg=OK&ping=12 failed|GET http://kuma:3001/api/push/******?status=up&msg=OK&ping=12 failed",
            "https://status.example.com/api/push/Ab3dE9xZ|https://status.example.com/api/push/******",
            "push to /api/push/tok#frag|push to /api/push/******#frag",
            // user:password in URLs
            "http://admin:s3cret@influx:8086/write?db=x|http://******@influx:8086/write?db=x",
            "connect to https://user:p@ss@host/path failed|connect to https://******@host/path failed",
            "amqp://u:@host|amqp://******@host",
            // Authorization headers
            "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig|Authorization: Bearer ******",
            "authorization: Token my-influx-token==|authorization: Token ******",
            "Authorization: Basic dXNlcjpwYXNz|Authorization: Basic ******",
            "Authorization=abcdef|Authorization=******",
            "X-Api-Key: k-123|X-Api-Key: ******",
            "curl -H 'Authorization: Bearer abc' http://x|curl -H 'Authorization: Bearer ******' http://x",
            "headers {\"Authorization\": \"Token abc\", \"Accept\": \"*/*\"}|headers {\"Authorization\": \"Token ******\", \"Accept\": \"*/*\"}",
            "{authorization=[Bearer abc], accept=[*/*]}|{authorization=[Bearer ******], accept=[*/*]}",
            // query parameters
            "http://influx:8086/query?u=admin&p=secret&db=x|http://influx:8086/query?u=******&p=******&db=x",
            "https://x/api?token=abc123&x=1|https://x/api?token=******&x=1",
            "https://x/api?a=1&password=hunter2#top|https://x/api?a=1&password=******#top",
            "https://x/api?API_KEY=abc|https://x/api?API_KEY=******",
            "https://x/api?access_token=abc|https://x/api?access_token=******",
            "url \"https://x/api?token=abc\" bad|url \"https://x/api?token=******\" bad",
    })
    void secretsAreReplaced(String in, String out) {
        assertThat(Redactor.redact(in)).isEqualTo(out);
    }

    @Test
    void secretDoesNotSurviveAnywhereInAMixedMessage() {
        String msg = "POST http://bob:pw1@kuma/api/push/TOKEN9?msg=x&token=T2 with Authorization: Bearer B3 -> 401";
        String r = Redactor.redact(msg);
        assertThat(r).doesNotContain("pw1").doesNotContain("TOKEN9").doesNotContain("T2 ").doesNotContain("B3");
        assertThat(r).endsWith("-> 401").contains("kuma/api/push/******");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "container nginx exited with code 137",
            "http://influx:8086/write?db=telegraf&precision=s",
            "GET https://example.com/a/b?page=2&q=token",
            "user@example.com wrote 3 points",
            "connect to 127.0.0.1:8086 refused",
            "/dev/sda: SMART overall-health self-assessment test result: PASSED",
            "the password reset took 10:30:00",
            "authorization failed for user bob",
            "token bucket refill rate 10/s",
            "ssh://git@github.com/org/repo.git",
            "time=2024-01-02T03:04:05Z level=info msg=\"a=b, c:d@e\"",
            "",
            "日本語のメッセージ",
    })
    void ordinaryTextIsLeftAlone(String text) {
        assertThat(Redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void nullStaysNull() {
        assertThat(Redactor.redact(null)).isNull();
    }

    @Test
    void redactingTwiceChangesNothingMore() {
        String once = Redactor.redact("http://a:b@h/api/push/x?token=y Authorization: Bearer z");
        assertThat(Redactor.redact(once)).isEqualTo(once);
    }
}
