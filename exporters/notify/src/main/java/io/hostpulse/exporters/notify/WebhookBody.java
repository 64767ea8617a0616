package io.hostpulse.exporters.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Pure: the request body for one notification in one format. */
final class WebhookBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookBody() {
    }

    record Body(String contentType, String text) {
    }

    static Body of(Notification n, WebhookConfig.Format format) {
        return switch (format) {
            case JSON -> new Body("application/json", json(fields(n)));
            case SLACK -> new Body("application/json", json(Map.of("text", line(n))));
            case DISCORD -> new Body("application/json", json(Map.of("content", truncate(line(n), 2000))));
            case TEXT -> new Body("text/plain; charset=utf-8", line(n));
        };
    }

    /** hostpulse's own body: every detail of the alert. */
    static Map<String, Object> fields(Notification n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", n.status());
        m.put("kind", n.kind().label());
        m.put("rule", n.rule());
        m.put("level", n.level());
        m.put("host", n.host());
        m.put("subsystem", n.subsystem());
        m.put("labels", n.labels());
        m.put("value", n.value());
        m.put("threshold", n.threshold());
        m.put("message", n.message());
        // whole seconds, as docs/ALERTS.md shows them: receivers that parse RFC 3339 without fractions keep working
        m.put("time", n.time().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("since", n.since().truncatedTo(ChronoUnit.SECONDS).toString());
        return m;
    }

    /** One line for chat: "[FIRING critical] host1: disk / used 96.1 % (> 95)". */
    static String line(Notification n) {
        String head = switch (n.kind()) {
            case FIRING -> "[FIRING " + n.level() + "]";
            case REPEAT -> "[STILL FIRING " + n.level() + "]";
            case RESOLVED -> "[RESOLVED]";
            case TEST -> "[TEST]";
        };
        return head + " " + (n.host() == null ? "" : n.host() + ": ") + n.message();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
