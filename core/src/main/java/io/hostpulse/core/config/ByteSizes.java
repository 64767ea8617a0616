package io.hostpulse.core.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes such as {@code 64MiB}, {@code 1GB}, {@code 1048576}. */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?i?b?)", Pattern.CASE_INSENSITIVE);

    private ByteSizes() {
    }

    /** @return the number of bytes, or null when the text is not a size or the size does not fit a long */
    public static Long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        long mult = switch (unit) {
            case "", "b" -> 1L;
            case "k", "kib" -> 1L << 10;
            case "kb" -> 1_000L;
            case "m", "mib" -> 1L << 20;
            case "mb" -> 1_000_000L;
            case "g", "gib" -> 1L << 30;
            case "gb" -> 1_000_000_000L;
            case "t", "tib" -> 1L << 40;
            case "tb" -> 1_000_000_000_000L;
            default -> -1L;
        };
        if (mult < 0 || n > Long.MAX_VALUE / mult) {
            return null;
        }
        return n * mult;
    }
}
