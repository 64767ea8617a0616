package io.hostpulse.collectors.host;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines a parser had to skip. Parsers never throw for one bad line: they note it here, and the part turns
 * the notes into one {@link HostParseException} per file and cycle (one clear message, counted).
 */
public final class ParseProblems {
    private final List<String> notes = new ArrayList<>();

    public void add(String note) {
        notes.add(note);
    }

    public boolean isEmpty() {
        return notes.isEmpty();
    }

    public int count() {
        return notes.size();
    }

    /** Null when there is nothing to report; otherwise one exception naming the file, the count and the first note. */
    public HostParseException toException(String file) {
        if (notes.isEmpty()) {
            return null;
        }
        return new HostParseException(file + ": skipped " + notes.size() + " malformed line"
                + (notes.size() == 1 ? "" : "s") + " (first: " + notes.get(0) + ")");
    }

    public static String quote(String line) {
        String t = line.strip();
        String l = t.length() > 80 ? t.substring(0, 80) + "..." : t;
        return "'" + l + "'";
    }
}
