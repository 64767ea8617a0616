package io.hostpulse.exporters.notify;

import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.testing.ManualTicks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KumaPusherTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ManualTicks ticks = new ManualTicks();

    private KumaConfig cfg(String url, Map<String, Object> more) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("name", "host", "url", url, "token", "Tok3n", "interval", "5s"));
        m.putAll(more);
        ConfigNode node = ConfigNode.of(m);
        KumaConfig c = KumaConfig.from(node, 0);
        node.finish();
        assertThat(node.problems().all()).isEmpty();
        return c;
    }

    private double count(String name) {
        return registry.counter(name, "target", "kuma:host").count();
    }

    @Test
    void aChangeToDownIsPushedAtOnceWithMessageAndPing() throws Exception {
        try (RecordingServer s = RecordingServer.answering(200, "{\"ok\":true}");
             KumaPusher p = new KumaPusher(cfg(s.base(), Map.of("interval", "1h")), registry, ticks)) {
            p.start();
            p.update(new KumaStatus(false, "disk / used 96 % & rising", 42L));
            ticks.runDue();
            assertThat(s.requests).hasSize(1);
            RecordingServer.Request r = s.requests.get(0);
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.uri().getPath()).isEqualTo("/api/push/Tok3n");
            assertThat(r.uri().getQuery()).isEqualTo("status=down&msg=disk / used 96 % & rising&ping=42");
            assertThat(r.uri().getRawQuery()).contains("msg=disk%20%2F%20used%2096%20%25%20%26%20rising");
            // the same status again is not pushed before the next heartbeat, which then carries the new message
            p.update(new KumaStatus(false, "disk / used 97 %", 40L));
            ticks.advance(Duration.ofHours(1).minusMillis(1));
            assertThat(s.requests).hasSize(1);
            assertThat(count("hostpulse.notify.sent")).isEqualTo(1);
            ticks.advance(Duration.ofMillis(1));
            assertThat(s.requests).hasSize(2);
            assertThat(s.requests.get(1).uri().getQuery()).isEqualTo("status=down&msg=disk / used 97 %&ping=40");
        }
    }

    @Test
    void heartbeatsRepeatTheLatestStatusEveryInterval() throws Exception {
        try (RecordingServer s = RecordingServer.answering(200, "{\"ok\":true}");
             KumaPusher p = new KumaPusher(cfg(s.base(), Map.of()), registry, ticks)) {
            p.start();
            p.update(new KumaStatus(true, "OK", 5L));
            ticks.runDue();
            ticks.advance(Duration.ofSeconds(10));
            assertThat(s.requests).hasSize(3);
            assertThat(s.requests).allMatch(r -> r.uri().getQuery().equals("status=up&msg=OK&ping=5"));
            assertThat(count("hostpulse.notify.sent")).isEqualTo(3);
        }
    }

    @Test
    void nothingIsPushedBeforeTheFirstEvaluation() throws Exception {
        try (RecordingServer s = RecordingServer.answering(200, "{\"ok\":true}");
             KumaPusher p = new KumaPusher(cfg(s.base(), Map.of()), registry, ticks)) {
            p.start();
            assertThat(ticks.advance(Duration.ofSeconds(11))).as("two heartbeats ran").isEqualTo(2);
            assertThat(s.requests).isEmpty();
        }
    }

    @Test
    void anUnknownTokenIsCountedAndNotRetried() throws Exception {
        try (RecordingServer s = RecordingServer.answering(404, "{\"ok\":false,\"msg\":\"Monitor not found or not active.\"}");
             KumaPusher p = new KumaPusher(cfg(s.base(), Map.of("interval", "1h")), registry, ticks)) {
            p.start();
            p.update(new KumaStatus(true, "OK", null));
            ticks.runDue();
            assertThat(count("hostpulse.notify.rejected")).isEqualTo(1);
            assertThat(ticks.pending()).as("only the next heartbeat waits: no retry").isEqualTo(1);
            assertThat(ticks.nextDue()).isEqualTo(ticks.now().plus(Duration.ofHours(1)));
            ticks.advance(Duration.ofMinutes(59));
            assertThat(s.requests).hasSize(1);
            assertThat(s.requests.get(0).uri().getQuery()).isEqualTo("status=up&msg=OK");
        }
    }

    @Test
    void aServerErrorIsRetriedWithBackoffWithinTheInterval() throws Exception {
        try (RecordingServer s = new RecordingServer(n -> new RecordingServer.Reply(n == 0 ? 502 : 200,
                n == 0 ? "bad gateway" : "{\"ok\":true}", 0));
             KumaPusher p = new KumaPusher(cfg(s.base(), Map.of("interval", "1h")), registry, ticks)) {
            p.start();
            p.update(new KumaStatus(false, "x", null));
            ticks.runDue();
            assertThat(s.requests).hasSize(1);
            assertThat(count("hostpulse.notify.retried")).isEqualTo(1);
            // the first retry comes after 0.5 to 1 s (the back-off's first step with its jitter)
            ticks.advance(Duration.ofMillis(499));
            assertThat(s.requests).hasSize(1);
            ticks.advance(Duration.ofMillis(501));
            assertThat(s.requests).hasSize(2);
            assertThat(count("hostpulse.notify.sent")).isEqualTo(1);
        }
    }

    @Test
    void aRetryWaitsForTheServersRetryAfter() throws Exception {
        try (RecordingServer s = new RecordingServer(n -> new RecordingServer.Reply(503, "busy", 0, Map.of("Retry-After", "20")));
             KumaPusher p = new KumaPusher(cfg(s.base(), Map.of("interval", "1m")), registry, ticks)) {
            p.start();
            p.update(new KumaStatus(true, "OK", null));
            ticks.runDue();
            ticks.advance(Duration.ofSeconds(19));
            assertThat(s.requests).as("Retry-After: 20 is longer than the back-off").hasSize(1);
            ticks.advance(Duration.ofSeconds(1));
            assertThat(s.requests).hasSize(2);
            ticks.advance(Duration.ofSeconds(19));
            assertThat(s.requests).hasSize(2);
            ticks.advance(Duration.ofSeconds(1));
            assertThat(s.requests).hasSize(3);
            assertThat(count("hostpulse.notify.failed")).isEqualTo(3);
            assertThat(count("hostpulse.notify.retried")).isEqualTo(3);
        }
    }

    @Test
    void judgeReadsKumasAnswers() {
        assertThat(KumaPusher.judge(new HttpReply(200, "{\"ok\":true}", null))).isEqualTo(KumaPusher.Outcome.OK);
        assertThat(KumaPusher.judge(new HttpReply(404, "{\"ok\":false,\"msg\":\"Monitor not found or not active.\"}", null)))
                .isEqualTo(KumaPusher.Outcome.REJECTED);
        assertThat(KumaPusher.judge(new HttpReply(500, "{\"ok\":false,\"msg\":\"Monitor not found or not active.\"}", null)))
                .isEqualTo(KumaPusher.Outcome.REJECTED);
        assertThat(KumaPusher.judge(new HttpReply(500, "{\"ok\":false,\"msg\":\"SQLITE_BUSY\"}", null)))
                .isEqualTo(KumaPusher.Outcome.FAILED);
        assertThat(KumaPusher.judge(new HttpReply(200, "<html>proxy login</html>", null))).isEqualTo(KumaPusher.Outcome.FAILED);
        assertThat(KumaPusher.judge(HttpReply.failed("Connection refused"))).isEqualTo(KumaPusher.Outcome.FAILED);
    }

    @Test
    void longMessagesAreCutAndPingLeftOutWhenUnknown() {
        KumaConfig c = cfg("http://kuma:3001", Map.of());
        String q = KumaPusher.pushUri(c, new KumaStatus(false, "x".repeat(1000), null)).getQuery();
        assertThat(q).doesNotContain("ping=");
        assertThat(q.length()).isLessThan(300);
        assertThat(q).endsWith("...");
    }

    @Test
    void theWholePushUrlFromTheKumaUiIsAccepted() {
        ConfigNode node = ConfigNode.of(Map.of("url", "https://kuma.lan/api/push/AbC123?status=up&msg=OK&ping="));
        KumaConfig c = KumaConfig.from(node, 0);
        assertThat(node.problems().all()).isEmpty();
        assertThat(c.baseUrl().toString()).isEqualTo("https://kuma.lan");
        assertThat(c.token()).isEqualTo("AbC123");
        assertThat(c.covers("docker")).isTrue();
        assertThat(node.secretPaths()).containsExactly("url"); // it carries the token
    }

    @Test
    void configProblems() {
        ConfigNode node = ConfigNode.of(Map.of("url", "kuma.lan", "subsystems", java.util.List.of("disks", "gpu"), "interval", "2s"));
        KumaConfig.from(node, 0);
        String all = String.join("\n", node.problems().all());
        assertThat(all).contains("url").contains("token").contains("\"gpu\"").contains("interval");
    }

    @Test
    void testPushesUpAndSaysWhatKumaAnswered() throws Exception {
        try (RecordingServer s = RecordingServer.answering(404, "{\"ok\":false,\"msg\":\"Monitor not found or not active.\"}");
             KumaPusher p = new KumaPusher(cfg(s.base(), Map.of()), registry, ticks)) {
            Result r = p.test(new Notification(Notification.Kind.TEST, "test", "warning", "h", "agent", Map.of(), null,
                    null, "hostpulse notify-test", Instant.now(), null), Duration.ofSeconds(5));
            assertThat(r.ok()).isFalse();
            assertThat(r.detail()).contains("Monitor not found");
            assertThat(r.target()).contains("/api/push/******").doesNotContain("Tok3n");
        }
    }
}
