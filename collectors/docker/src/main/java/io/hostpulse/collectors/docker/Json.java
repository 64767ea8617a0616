package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Small null-tolerant readers over Docker's JSON (fields are often missing, null or zero on other engines). */
final class Json {
    private Json() {
    }

    /** A whole number, or null when absent, null or not a number. */
    static Long lng(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isNumber()) {
            return null;
        }
        return v.isIntegralNumber() && v.canConvertToLong() ? v.asLong() : (Long) Math.round(v.asDouble());
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    /** RFC 3339 time with 0 to 9 fractional digits and Z or an offset; null for absent, unparsable or year 1. */
    static Instant time(String s) {
        if (s == null || s.isEmpty() || s.startsWith("0001-01-01")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
