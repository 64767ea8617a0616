package io.hostpulse.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

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
        // notify-test's target is redacted where it is built and again where it is printed
        String target = Redactor.redact("kuma:home (http://127.0.0.1:3001/api/push/AbC123)");
        assertThat(target).isEqualTo("kuma:home (http://127.0.0.1:3001/api/push/******)");
        assertThat(Redactor.redact(target)).isEqualTo(target);
    }

    // --- registered secrets: whatever a server echoes back ---

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aRegisteredSecretIsRemovedInEveryEncodingAServerMayEchoIt() {
        String token = "tok/en+with space&\"quote\"=";
        Redactor.registerSecret(token);
        String echoed = "404 page not found: GET /api/v2/write?x=" + java.net.URLEncoder.encode(token,
                java.nio.charset.StandardCharsets.UTF_8) + " raw=" + token + " b64=" + b64(token) + " b64url="
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)) + " json={\"t\":\"" + token.replace("\"", "\\\"") + "\"}";
        String r = Redactor.redact(echoed);
        assertThat(r).doesNotContain("tok/en").doesNotContain("with space").doesNotContain(b64(token).substring(0, 12))
                .doesNotContain("tok%2Fen").startsWith("404 page not found: GET /api/v2/write?x=****");
    }

    @Test
    void basicAuthIsRemovedAsTheBase64OfUserColonPassword() {
        Redactor.registerBasicAuth("grafana-instance-42", "glc_pw_8f1e");
        String r = Redactor.redact("echo: {\"headers\":{\"Authorization\":[\"Basic " + b64("grafana-instance-42:glc_pw_8f1e")
                + "\"]}} user=grafana-instance-42:glc_pw_8f1e");
        assertThat(r).doesNotContain(b64("grafana-instance-42:glc_pw_8f1e")).doesNotContain("glc_pw_8f1e")
                .contains("user=grafana-instance-42:****");
    }

    @Test
    void aWebhookUrlShowsOnlySchemeAndHost() {
        String url = "https://hooks.slack.com/services/T0001/B0002/XXXXsecretYYYY?x=1";
        Redactor.registerSecret(url);
        assertThat(Redactor.redact("webhook " + url + " failed: HTTP 404"))
                .isEqualTo("webhook https://hooks.slack.com/**** failed: HTTP 404");
        assertThat(Redactor.redact("POST /services/T0001/B0002/XXXXsecretYYYY?x=1 HTTP/1.1"))
                .isEqualTo("POST /**** HTTP/1.1");
        assertThat(Redactor.redact("url=" + java.net.URLEncoder.encode(url, java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("url=****");
    }

    @Test
    void aSecretAtTheCutOfALongReplyIsNotHalfShown() {
        String secret = "cut-secret-0123456789abcdefghij";
        Redactor.registerSecret(secret);
        String body = "x".repeat(io.hostpulse.core.http.ReplyPolicy.MAX_TEXT - 10) + secret + " trailing";
        String d = io.hostpulse.core.http.ReplyPolicy.describe(500, body);
        assertThat(d).doesNotContain("cut-secr").doesNotContain("0123456789");
    }

    @Test
    void aBareServerAddressAndShortValuesAreNotRegistered() {
        Redactor.registerSecret("http://kuma-host.example:3001");
        Redactor.registerSecret("abc");
        assertThat(Redactor.redact("pushing to http://kuma-host.example:3001 abc"))
                .isEqualTo("pushing to http://kuma-host.example:3001 abc");
    }

    @net.jqwik.api.Property(tries = 300)
    void noRegisteredSecretSurvivesInAnyText(
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.StringLength(min = 2, max = 40)
            @net.jqwik.api.constraints.Chars({'a', 'Z', '0', '9', ' ', '"', '\\', '/', ':', '#', '{', '}', '%', '+', '=', '&', '?', '\'', '\n', 'é', '@'})
            String generated,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.StringLength(max = 20) String before,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.StringLength(max = 20) String after) {
        String secret = "Sx" + generated; // registered process-wide: a prefix keeps it from matching other tests' text
        net.jqwik.api.Assume.that(secret.strip().length() >= Redactor.MIN_LENGTH);
        Redactor.registerSecret(secret);
        String s = secret.strip();
        for (String form : List.of(s, b64(s), java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(Redactor.redact(before + form + after)).as("form %s", form).doesNotContain(form);
        }
    }
}
