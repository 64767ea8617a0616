package io.hostpulse.exporters.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookBodyTest {
    private final Notification n = WebhookSenderTest.firing("disk_used", "critical");

    @Test
    void chatFormatsCarryOneLine() throws Exception {
        ObjectMapper om = new ObjectMapper();
        assertThat(om.readTree(WebhookBody.of(n, WebhookConfig.Format.SLACK).text()).get("text").asText())
                .isEqualTo("[FIRING critical] h1: disk / used 96.5 % (> 95)");
        assertThat(om.readTree(WebhookBody.of(n, WebhookConfig.Format.DISCORD).text()).get("content").asText())
                .isEqualTo("[FIRING critical] h1: disk / used 96.5 % (> 95)");
        WebhookBody.Body text = WebhookBody.of(n, WebhookConfig.Format.TEXT);
        assertThat(text.contentType()).startsWith("text/plain");
        assertThat(text.text()).isEqualTo("[FIRING critical] h1: disk / used 96.5 % (> 95)");
    }

    @Test
    void resolvedAndRepeatAreWordedAsSuch() {
        Notification resolved = new Notification(Notification.Kind.RESOLVED, "r", "warning", "h1", "host", Map.of(),
                "10", "> 85", "disk / used 10 %", Instant.EPOCH, Instant.EPOCH);
        Notification repeat = new Notification(Notification.Kind.REPEAT, "r", "warning", "h1", "host", Map.of(),
                "90", "> 85", "disk / used 90 %", Instant.EPOCH, Instant.EPOCH);
        assertThat(WebhookBody.line(resolved)).startsWith("[RESOLVED] h1: ");
        assertThat(WebhookBody.line(repeat)).startsWith("[STILL FIRING warning]");
        assertThat(repeat.status()).isEqualTo("firing");
        assertThat(WebhookBody.fields(resolved)).containsEntry("status", "resolved");
    }

    @Test
    void quotesAndNewlinesInMessagesStayValidJson() throws Exception {
        Notification odd = new Notification(Notification.Kind.FIRING, "r", "warning", "h", "docker",
                Map.of("container_name", "a\"b"), "x", "y", "line1\nline2 \"quoted\" \\", Instant.EPOCH, null);
        String body = WebhookBody.of(odd, WebhookConfig.Format.JSON).text();
        assertThat(new ObjectMapper().readTree(body).get("message").asText()).isEqualTo("line1\nline2 \"quoted\" \\");
    }

    @Test
    void timesAreWholeSecondsAsTheDocsShow() {
        Notification precise = new Notification(Notification.Kind.FIRING, "r", "warning", "h1", "host", Map.of(),
                "90", "> 85", "m", Instant.parse("2026-03-01T12:04:10.123456789Z"), Instant.parse("2026-03-01T12:03:10.5Z"));
        assertThat(WebhookBody.fields(precise)).containsEntry("time", "2026-03-01T12:04:10Z")
                .containsEntry("since", "2026-03-01T12:03:10Z");
    }
}
