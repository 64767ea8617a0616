package io.hostpulse.exporters.influx;

import io.hostpulse.core.ExportException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Turns an HTTP status and body into what the buffer must do (Telegraf's influxdb_v2 rules). Pure. */
final class InfluxReplies {
    static final int MAX_TEXT = 300;

    private InfluxReplies() {
    }

    /** @return null for success, else the classified failure */
    static ExportException classify(int status, String body, String retryAfter, Instant now) {
        if (status >= 200 && status < 300) {
            return null;
        }
        String text = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + shorten(body));
        Duration ra = parseRetryAfter(retryAfter, now);
        if (status == 413) {
            return new ExportException(ExportException.Kind.TOO_LARGE, text);
        }
        if (status == 401 || status == 403) {
            return new ExportException(ExportException.Kind.AUTH, text);
        }
        if (status == 429 || status == 408 || status >= 500 || status < 200) {
            return new ExportException(ExportException.Kind.RETRY, text, ra);
        }
        if (status >= 400) {
            return new ExportException(ExportException.Kind.REJECTED, text);
        }
        // 3xx: a proxy or a wrong URL; keep the data, retry, the log says why
        return new ExportException(ExportException.Kind.RETRY, text + " (a redirect: check the url)", ra);
    }

    /** One line, printable, at most {@value #MAX_TEXT} characters: servers can send anything. */
    static String shorten(String body) {
        StringBuilder sb = new StringBuilder(Math.min(body.length(), MAX_TEXT));
        for (int i = 0; i < body.length() && sb.length() < MAX_TEXT; i++) {
            char c = body.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        String s = sb.toString().trim();
        return body.length() > MAX_TEXT ? s + "..." : s;
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String v, Instant now) {
        if (v == null || v.isBlank()) {
            return null;
        }
        String s = v.trim();
        try {
            long secs = Long.parseLong(s);
            return secs < 0 ? null : Duration.ofSeconds(secs);
        } catch (NumberFormatException e) {
            // fall through to the date form
        }
        try {
            Instant at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
