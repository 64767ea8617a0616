package io.hostpulse.core.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go/Telegraf-style durations: {@code 500ms}, {@code 10s}, {@code 1m30s}, {@code 2h}, {@code 7d}; also Go's
 * {@code us} ({@code µs}) and {@code ns}. Negative durations are not durations here.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ns|us|µs|ms|s|m|h|d)");

    private Durations() {
    }

    /** @return the duration, or null when the text is not one (or is too long for a {@link Duration}) */
    public static Duration parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        Duration d = Duration.ZERO;
        int pos = 0;
        try {
            while (m.find() && m.start() == pos) {
                long n = Long.parseLong(m.group(1));
                d = d.plus(switch (m.group(2)) {
                    case "ns" -> Duration.ofNanos(n);
                    case "us", "µs" -> Duration.of(n, ChronoUnit.MICROS);
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
                pos = m.end();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
        return pos == s.length() ? d : null;
    }

    /**
     * The shortest text {@link #parse} reads back as the same duration.
     *
     * @throws IllegalArgumentException for a negative duration
     */
    public static String format(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration " + d);
        }
        if (d.isZero()) {
            return "0s";
        }
        if (d.getNano() % 1_000_000 != 0) {
            // below a millisecond: whole milliseconds would lose it ("0d" for 1500ns)
            return d.getNano() % 1_000 == 0 && d.getSeconds() < Long.MAX_VALUE / 1_000_000L
                    ? d.getSeconds() * 1_000_000L + d.getNano() / 1_000 + "us"
                    : d.getSeconds() < Long.MAX_VALUE / 1_000_000_000L ? d.toNanos() + "ns" : formatParts(d);
        }
        if (d.getSeconds() >= Long.MAX_VALUE / 1000L) {
            return formatParts(d);
        }
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }

    /** Very long durations, whose millisecond or nanosecond count does not fit a long. */
    private static String formatParts(Duration d) {
        String s = d.getSeconds() + "s";
        long nanos = d.getNano();
        if (nanos == 0) {
            return s;
        }
        return nanos % 1_000_000 == 0 ? s + nanos / 1_000_000 + "ms"
                : nanos % 1_000 == 0 ? s + nanos / 1_000 + "us" : s + nanos + "ns";
    }
}
