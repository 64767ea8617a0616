package io.hostpulse.core.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Number reading shared by the parsers of tools' text output (smartctl raw strings, nvidia-smi values). */
public final class Numbers {
    private static final Pattern LEADING = Pattern.compile("^\\s*(-?\\d+)");

    private Numbers() {
    }

    /** The leading whole number of a text such as "40 C", "1032 MiB" or "12 (Min/Max 9/44)"; null when there is none. */
    public static Long leadingLong(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = LEADING.matcher(text);
        if (!m.find()) {
            return null;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) { // more digits than a long holds
            return null;
        }
    }
}
