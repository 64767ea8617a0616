package io.hostpulse.exporters.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.testing.ManualTicks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebhookSenderTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ManualTicks ticks = new ManualTicks();

    static Notification firing(String rule, String level) {
        return new Notification(Notification.Kind.FIRING, rule, level, "h1", "host", Map.of("path", "/"), "96.5",
                "> 95", "disk / used 96.5 % (> 95)", Instant.parse("2026-01-02T03:04:05Z"), null);
    }

    private WebhookConfig cfg(String url, Map<String, Object> more) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("name", "t", "url", url, "backoff", "50ms",
                "max_backoff", "200ms", "timeout", "2s"));
        m.putAll(more);
        ConfigNode node = ConfigNode.of(m);
        WebhookConfig c = WebhookConfig.from(node, 0);
        node.finish();
        assertThat(node.problems().all()).isEmpty();
        return c;
    }

    private double count(String name) {
        return registry.counter(name, "target", "webhook:t").count();
    }

    @Test
    void postsTheAlertAsJsonWithTheBearerTokenAndHeaders() throws Exception {
        try (RecordingServer s = RecordingServer.answering(200, "ok");
             WebhookSender w = new WebhookSender(cfg(s.base() + "/hook", Map.of("bearer_token", "sekrit",
                     "headers", Map.of("X-Team", "ops"))), registry, ticks)) {
            w.start();
            w.send(firing("disk_used", "critical"));
            ticks.runDue();
            assertThat(count("hostpulse.notify.sent")).isEqualTo(1);
            RecordingServer.Request r = s.requests.get(0);
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.uri().getPath()).isEqualTo("/hook");
            assertThat(r.header("Authorization")).isEqualTo("Bearer sekrit");
            assertThat(r.header("X-Team")).isEqualTo("ops");
            assertThat(r.header("Content-Type")).startsWith("application/json");
            JsonNode j = new ObjectMapper().readTree(r.body());
            assertThat(j.get("status").asText()).isEqualTo("firing");
            assertThat(j.get("rule").asText()).isEqualTo("disk_used");
            assertThat(j.get("level").asText()).isEqualTo("critical");
            assertThat(j.get("host").asText()).isEqualTo("h1");
            assertThat(j.get("labels").get("path").asText()).isEqualTo("/");
            assertThat(j.get("value").asText()).isEqualTo("96.5");
            assertThat(j.get("threshold").asText()).isEqualTo("> 95");
            assertThat(j.get("time").asText()).isEqualTo("2026-01-02T03:04:05Z");
        }
    }

    @Test
    void a500IsRetriedWithBackoffUntilItIsAccepted() throws Exception {
        try (RecordingServer s = new RecordingServer(n -> new RecordingServer.Reply(n < 2 ? 500 : 200, "", 0));
             WebhookSender w = new WebhookSender(cfg(s.base(), Map.of()), registry, ticks)) {
            w.start();
            w.send(firing("r", "warning"));
            ticks.runDue();
            assertThat(s.requests).hasSize(1);
            // back-off 50 ms, then 100 ms, each with jitter down to half
            ticks.advance(Duration.ofMillis(24));
            assertThat(s.requests).hasSize(1);
            ticks.advance(Duration.ofMillis(26));
            assertThat(s.requests).hasSize(2);
            ticks.advance(Duration.ofMillis(100));
            assertThat(s.requests).hasSize(3);
            assertThat(count("hostpulse.notify.sent")).isEqualTo(1);
            assertThat(s.requests).extracting(RecordingServer.Request::body).allMatch(b -> b.equals(s.requests.get(0).body()));
            assertThat(count("hostpulse.notify.retried")).isEqualTo(2);
            assertThat(count("hostpulse.notify.failed")).isEqualTo(2);
            assertThat(ticks.pending()).isZero();
        }
    }

    @Test
    void a400IsNotRetried() throws Exception {
        try (RecordingServer s = RecordingServer.answering(400, "bad payload");
             WebhookSender w = new WebhookSender(cfg(s.base(), Map.of()), registry, ticks)) {
            w.start();
            w.send(firing("r", "warning"));
            ticks.runDue();
            assertThat(count("hostpulse.notify.rejected")).isEqualTo(1);
            assertThat(count("hostpulse.notify.dropped")).isEqualTo(1);
            assertThat(ticks.pending()).as("no retry is scheduled").isZero();
            ticks.advance(Duration.ofHours(1));
            assertThat(s.requests).hasSize(1);
        }
    }

    @Test
    void aRetryWaitsForRetryAfterAndLaterNotificationsWaitTheirTurn() throws Exception {
        try (RecordingServer s = new RecordingServer(n -> n == 0
                ? new RecordingServer.Reply(429, "slow down", 0, Map.of("Retry-After", "3"))
                : new RecordingServer.Reply(200, "", 0));
             WebhookSender w = new WebhookSender(cfg(s.base(), Map.of()), registry, ticks)) {
            w.start();
            w.send(firing("first", "warning"));
            w.send(firing("second", "warning"));
            ticks.runDue();
            ticks.advance(Duration.ofMillis(2999));
            assertThat(s.requests).as("the second waits behind the first's retry").hasSize(1);
            ticks.advance(Duration.ofMillis(1));
            assertThat(s.requests).extracting(r -> new ObjectMapper().readTree(r.body()).get("rule").asText())
                    .containsExactly("first", "first", "second");
            assertThat(count("hostpulse.notify.sent")).isEqualTo(2);
        }
    }

    @Test
    void aReceiverThatIsDownIsTriedMaxAttemptsTimesThenDropped() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        try (WebhookSender w = new WebhookSender(cfg("http://127.0.0.1:" + port + "/", Map.of("max_attempts", 3)), registry, ticks)) {
            w.start();
            w.send(firing("r", "critical"));
            ticks.advance(Duration.ofSeconds(1));
            assertThat(count("hostpulse.notify.failed")).isEqualTo(3);
            assertThat(count("hostpulse.notify.dropped")).isEqualTo(1);
            assertThat(count("hostpulse.notify.sent")).isZero();
            assertThat(ticks.pending()).isZero();
        }
    }

    @Test
    void aRedirectIsNotFollowedAndTheReplySaysWhere() throws Exception {
        try (RecordingServer s = new RecordingServer(n -> new RecordingServer.Reply(302, "", 0,
                Map.of("Location", "https://hooks.example/new?token=abc")));
             WebhookSender w = new WebhookSender(cfg(s.base() + "/old", Map.of()), registry, ticks)) {
            Result r = w.test(firing("r", "warning"), Duration.ofSeconds(5));
            assertThat(r.ok()).isFalse();
            assertThat(r.detail()).contains("HTTP 302").contains("a redirect to https://hooks.example/new?token=******");
            assertThat(s.requests).hasSize(1);
        }
    }

    @Test
    void aHangingReceiverHoldsUpNothingAndTheQueueStaysBounded() throws Exception {
        try (RecordingServer s = new RecordingServer(n -> new RecordingServer.Reply(200, "", 60_000));
             WebhookSender w = new WebhookSender(cfg(s.base(), Map.of("queue_size", 5, "timeout", "1s")), registry)) {
            w.start();
            w.send(firing("first", "critical"));
            await().atMost(Duration.ofSeconds(10)).until(() -> s.requests.size() == 1);
            // the worker is stuck in the first request: sending more must return at once and drop the oldest
            for (int i = 0; i < 50; i++) {
                w.send(firing("r" + i, "critical"));
            }
            assertThat(w.queued()).isEqualTo(5);
            assertThat(count("hostpulse.notify.dropped")).isEqualTo(45);
            // the hanging request times out and is retried: the client never waits forever
            await().atMost(Duration.ofSeconds(15)).until(() -> count("hostpulse.notify.failed") >= 1);
        }
    }

    @Test
    void levelAndResolvedFilters() {
        WebhookSender w = new WebhookSender(cfg("http://127.0.0.1:1/", Map.of("min_level", "critical", "send_resolved", false)), registry);
        assertThat(w.wants(firing("r", "warning"))).isFalse();
        assertThat(w.wants(firing("r", "critical"))).isTrue();
        Notification resolved = new Notification(Notification.Kind.RESOLVED, "r", "critical", "h", "host", Map.of(), "1",
                "> 95", "ok again", Instant.EPOCH, Instant.EPOCH);
        assertThat(w.wants(resolved)).isFalse();
        w.close();
    }

    @Test
    void testReportsWhatTheReceiverSaid() throws Exception {
        try (RecordingServer s = RecordingServer.answering(503, "maintenance");
             WebhookSender w = new WebhookSender(cfg(s.base() + "/x?token=abc", Map.of()), registry)) {
            Result r = w.test(new Notification(Notification.Kind.TEST, "test", "warning", "h", "agent", Map.of(), null,
                    null, "hostpulse notify-test", Instant.now(), null), Duration.ofSeconds(5));
            assertThat(r.ok()).isFalse();
            assertThat(r.detail()).contains("HTTP 503").contains("maintenance");
            // the URL is a secret: only scheme and host are shown
            assertThat(r.target()).isEqualTo("webhook:t (" + s.base() + "/****)");
        }
    }

    @Test
    void aReceiverThatEchoesTheSecretPathShowsNeitherPathNorQuery() throws Exception {
        String path = "/services/T0001/B0002/XXXXsecretYYYY";
        try (RecordingServer s = RecordingServer.answering(404, "no_service: " + path + "?k=v not found");
             WebhookSender w = new WebhookSender(cfg(s.base() + path + "?k=v", Map.of()), registry)) {
            Result r = w.test(new Notification(Notification.Kind.TEST, "test", "warning", "h", "agent", Map.of(), null,
                    null, "hostpulse notify-test", Instant.now(), null), Duration.ofSeconds(5));
            assertThat(r.target() + r.detail()).doesNotContain("XXXXsecretYYYY").doesNotContain("T0001");
            assertThat(r.detail()).isEqualTo("HTTP 404: no_service: /**** not found");
        }
    }

    @Test
    void configProblemsAreReportedTogether() {
        ConfigNode node = ConfigNode.of(Map.of("url", "ftp://x", "format", "teams", "min_level", "info", "timeout", "0s"));
        WebhookConfig.from(node, 0);
        assertThat(node.problems().all()).hasSize(4);
        assertThat(String.join("\n", node.problems().all())).contains("url").contains("format").contains("min_level")
                .contains("timeout");
    }

    @Test
    void anUnreachableTargetSaysWhatFailedWithoutThePath() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        try (WebhookSender w = new WebhookSender(cfg("http://127.0.0.1:" + port + "/hooks/s3cretpath?k=v", Map.of()), registry)) {
            Result r = w.test(firing("r", "critical"), Duration.ofSeconds(5));
            assertThat(r.ok()).isFalse();
            assertThat(r.detail()).isEqualTo("connection refused by 127.0.0.1:" + port + " (nothing listening there?)")
                    .doesNotContain("s3cret");
        }
        // DNS: the exception Java's HttpClient gives for an unknown host, a ConnectException around the real cause
        java.net.ConnectException dns = new java.net.ConnectException();
        dns.initCause(new java.nio.channels.UnresolvedAddressException());
        assertThat(HttpTransport.describe(dns, java.net.URI.create("https://kuma.invalid/api/push/tok3n")))
                .isEqualTo("cannot resolve host kuma.invalid (DNS)");
    }
}
