package io.hostpulse.core.http;

import io.hostpulse.core.ExportException;
import io.hostpulse.core.ExportException.Kind;
import io.hostpulse.core.Redactor;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The one reading of an HTTP reply for every client of the agent (InfluxDB v1 and v2, Loki, Uptime Kuma,
 * webhooks): what the status means, the Retry-After it carries, and how much of the body is read. Pure, except
 * {@link #cappedBody()}, the JDK body handler that keeps at most {@value #MAX_BODY_BYTES} bytes.
 *
 * <table>
 *   <caption>status → {@link Kind}</caption>
 *   <tr><td>2xx</td><td>success ({@link #kind} returns null)</td></tr>
 *   <tr><td>1xx, 3xx, 408, 429, 5xx, ≥ 600</td><td>{@link Kind#RETRY}, with the server's Retry-After</td></tr>
 *   <tr><td>401, 403</td><td>{@link Kind#AUTH}</td></tr>
 *   <tr><td>413</td><td>{@link Kind#TOO_LARGE}</td></tr>
 *   <tr><td>any other 4xx</td><td>{@link Kind#REJECTED}</td></tr>
 * </table>
 *
 * <p>Redirects: no client of the agent follows them (a POST that is redirected loses its body, and a webhook URL
 * that silently moves is a URL to fix). Like Telegraf, which treats every non-2xx write as an error, a 3xx keeps
 * the data and retries it, and the message names the new location so the log says which URL to configure.
 */
public final class ReplyPolicy {
    /** Bytes of a reply body that are read; the rest is discarded, so a hostile server cannot fill memory. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Characters of a reply body quoted in a message. */
    public static final int MAX_TEXT = 300;

    private ReplyPolicy() {
    }

    /** What a status means; null for 2xx. */
    public static Kind kind(int status) {
        if (status >= 200 && status < 300) {
            return null;
        }
        if (status == 401 || status == 403) {
            return Kind.AUTH;
        }
        if (status == 413) {
            return Kind.TOO_LARGE;
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return Kind.REJECTED;
        }
        return Kind.RETRY;
    }

    /**
     * The failure a reply stands for, or null for 2xx. The message is {@code HTTP <status>: <body>} with the body
     * on one line, shortened and redacted; a redirect adds where it points.
     *
     * @param retryAfter the Retry-After header (seconds or an HTTP date), or null
     * @param location   the Location header, or null
     * @param now        for an HTTP-date Retry-After
     */
    public static ExportException failure(int status, String body, String retryAfter, String location, Instant now) {
        Kind k = kind(status);
        if (k == null) {
            return null;
        }
        String text = describe(status, body);
        if (status >= 300 && status < 400) {
            text += location == null || location.isBlank()
                    ? " (a redirect: set the url to the final address)"
                    : " (a redirect to " + shorten(Redactor.redact(location)) + ": set the url to the final address)";
        }
        return new ExportException(k, text, k == Kind.RETRY ? retryAfter(retryAfter, now) : null);
    }

    /** {@code HTTP <status>} and, when there is one, {@code : <body>} on one line, shortened and redacted. */
    public static String describe(int status, String body) {
        // redacted before it is cut: a secret cut in half would no longer be recognised
        String b = body == null ? "" : shorten(Redactor.redact(body));
        return "HTTP " + status + (b.isEmpty() ? "" : ": " + b);
    }

    /** One line, control characters as spaces, at most {@value #MAX_TEXT} characters (then "..."). */
    public static String shorten(String body) {
        StringBuilder sb = new StringBuilder(Math.min(body.length(), MAX_TEXT));
        for (int i = 0; i < body.length() && sb.length() < MAX_TEXT; i++) {
            char c = body.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        String s = sb.toString().strip();
        return body.length() > MAX_TEXT ? s + "..." : s;
    }

    /**
     * Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3); a date in the past is zero. Null when
     * absent, negative or unreadable.
     */
    public static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String s = value.trim();
        try {
            long secs = Long.parseLong(s);
            return secs < 0 ? null : Duration.ofSeconds(secs);
        } catch (NumberFormatException e) {
            // not seconds: the date form
        }
        try {
            Instant at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The first header of that name in a JDK reply, or null. */
    public static String header(HttpResponse<?> r, String name) {
        Optional<String> v = r.headers().firstValue(name);
        return v.orElse(null);
    }

    /** A JDK body handler that keeps the first {@value #MAX_BODY_BYTES} bytes of the body as UTF-8 and discards the rest. */
    public static HttpResponse.BodyHandler<String> cappedBody() {
        return info -> capped(MAX_BODY_BYTES);
    }

    static HttpResponse.BodySubscriber<String> capped(int max) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArrayConsumer(
                (Optional<byte[]> chunk) -> chunk.ifPresent(b -> {
                    int room = max - buf.size();
                    if (room > 0) {
                        buf.write(b, 0, Math.min(room, b.length));
                    }
                })), v -> buf.toString(StandardCharsets.UTF_8));
    }
}
