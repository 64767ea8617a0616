package io.hostpulse.exporters.notify;

import io.hostpulse.core.Redactor;
import io.hostpulse.core.config.ConfigNode;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One webhook target under {@code alerts.webhooks}.
 *
 * @param format       json (hostpulse's own body), slack, discord (chat "incoming webhook" bodies) or text (plain
 *                     text, for ntfy and the like)
 * @param minLevel     the lowest level sent (warning or critical)
 * @param maxAttempts  attempts per notification before it is dropped (and counted)
 * @param queueSize    notifications waiting at most; when full the oldest is dropped (and counted)
 */
public record WebhookConfig(String name, URI url, Format format, String bearerToken, Map<String, String> headers,
                            Duration timeout, boolean sendResolved, String minLevel, int maxAttempts,
                            Duration backoff, Duration maxBackoff, int queueSize) {

    public enum Format { JSON, SLACK, DISCORD, TEXT }

    public static WebhookConfig from(ConfigNode node, int index) {
        String name = node.string("name", "webhook" + index);
        String url = node.secret("url", null);
        URI uri = null;
        if (url == null || url.isBlank()) {
            node.problem("url", "missing: the address to POST to (http:// or https://)");
        } else {
            try {
                uri = URI.create(url.trim());
                if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                        || uri.getHost() == null) {
                    node.problem("url", "\"" + Redactor.redact(url) + "\" is not an http:// or https:// address");
                    uri = null;
                }
            } catch (IllegalArgumentException e) {
                node.problem("url", "not a valid address: " + Redactor.redact(e.getMessage()));
            }
        }
        Format format = node.choice("format", Format.JSON, Format.class);
        String bearer = node.secret("bearer_token", null);
        // header values often carry credentials: each is read as a secret, so check-config prints it redacted
        ConfigNode h = node.child("headers");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String k : h.keys()) {
            headers.put(k, h.secret(k, ""));
        }
        Duration timeout = node.positiveDuration("timeout", Duration.ofSeconds(10));
        boolean resolved = node.bool("send_resolved", true);
        String minLevel = node.custom("min_level", "warning", "warning or critical",
                s -> s.equalsIgnoreCase("warning") || s.equalsIgnoreCase("critical") ? s.toLowerCase() : null);
        int attempts = (int) node.integer("max_attempts", 5, 1, 100);
        Duration backoff = node.positiveDuration("backoff", Duration.ofSeconds(2));
        Duration maxBackoff = node.positiveDuration("max_backoff", Duration.ofMinutes(2));
        if (maxBackoff.compareTo(backoff) < 0) {
            node.problem("max_backoff", "must be at least backoff (" + backoff.toMillis() + " ms)");
            maxBackoff = backoff;
        }
        int queue = (int) node.integer("queue_size", 1000, 1, 100_000);
        return new WebhookConfig(name, uri, format, bearer, Map.copyOf(headers), timeout, resolved, minLevel, attempts,
                backoff, maxBackoff, queue);
    }
}
