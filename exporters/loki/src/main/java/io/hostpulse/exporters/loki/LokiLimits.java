package io.hostpulse.exporters.loki;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Loki 3.x's default ingestion limits and how far under them the agent stays (anchors.md section 5.4): an entry that
 * breaks one is rejected with a 400 and would be lost, so the mapper truncates or splits before sending.
 */
final class LokiLimits {
    private LokiLimits() {
    }

    /** Loki 3: {@code max_label_names_per_series} 15 (2.x: 30). */
    static final int LOKI_MAX_LABELS = 15;
    /** Labels the agent sets itself: host, source, level and, for docker events, the three container labels. */
    static final List<String> FIXED_LABELS = List.of("host", "source", "level", "compose_project", "compose_service",
            "container_name");
    static final int MAX_STATIC_LABELS = LOKI_MAX_LABELS - FIXED_LABELS.size();
    /** Loki: {@code max_label_value_length} 2048; the agent cuts at half. */
    static final int MAX_LABEL_VALUE_BYTES = 1024;
    /** Loki 3: {@code max_line_size} 256KB; longer messages are split into parts of at most this many bytes. */
    static final int MAX_LINE_BYTES = 128 * 1024;
    /** Loki: {@code max_structured_metadata_entries_count} 128. */
    static final int MAX_METADATA_ENTRIES = 100;
    /** Loki: {@code max_structured_metadata_size} 64KB (names plus values); the agent stays under half. */
    static final int MAX_METADATA_BYTES = 32 * 1024;
    /** One metadata value at most; longer ones are cut and marked. */
    static final int MAX_METADATA_VALUE_BYTES = 4096;

    static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** @return why a label name is refused by Loki, or null when it is fine */
    static String labelNameProblem(String name) {
        if (!LABEL_NAME.matcher(name).matches()) {
            return "is not a valid Loki label name (letters, digits and '_', not starting with a digit)";
        }
        if (name.startsWith("__")) {
            return "starts with '__', which Loki reserves";
        }
        return null;
    }

    /** A valid label or metadata name made from any text: invalid characters become '_'. */
    static String sanitizeName(String name) {
        if (name.isEmpty()) {
            return "_";
        }
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }

    static int utf8(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** The longest prefix of s that has at most maxBytes UTF-8 bytes, never cutting a surrogate pair. */
    static String truncate(String s, int maxBytes) {
        if (s.length() <= maxBytes / 3 || utf8(s) <= maxBytes) {
            return s;
        }
        return s.substring(0, prefixChars(s, 0, maxBytes));
    }

    /** How many chars from {@code from} fit in maxBytes UTF-8 bytes (whole code points only). */
    static int prefixChars(String s, int from, int maxBytes) {
        int bytes = 0;
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            int w;
            int chars = 1;
            if (c < 0x80) {
                w = 1;
            } else if (c < 0x800) {
                w = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                w = 4;
                chars = 2;
            } else {
                w = 3;
            }
            if (bytes + w > maxBytes) {
                break;
            }
            bytes += w;
            i += chars;
        }
        return i - from;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
