package io.hostpulse.core.lineprotocol;

import io.hostpulse.core.Point;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict line-protocol reader: used to check what the agent prints and writes, and to read back
 * spooled batches. It rejects what InfluxDB would reject (missing fields, bad numbers, unterminated
 * strings, unescaped separators) with the line number and the reason.
 */
public final class LineProtocolParser {

    public static final class ParseException extends RuntimeException {
        public ParseException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    /** Number syntax InfluxDB accepts: no '+', no hex, no Java suffixes such as {@code 1d} or {@code 1f}. */
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+i");
    private static final Pattern UNSIGNED = Pattern.compile("[0-9]+u");
    private static final Pattern FLOAT = Pattern.compile("-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final Precision precision;

    public LineProtocolParser(Precision precision) {
        this.precision = precision;
    }

    /**
     * Parses every line that is not blank or a comment; leading spaces and tabs are skipped, as InfluxDB does.
     * A point without timestamp gets {@code Instant.EPOCH}.
     */
    public List<Point> parse(String text) {
        List<Point> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            int start = 0;
            while (start < l.length() && (l.charAt(start) == ' ' || l.charAt(start) == '\t')) {
                start++;
            }
            l = l.substring(start);
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            out.add(parseLine(l, i + 1));
        }
        return out;
    }

    public Point parseLine(String l, int lineNo) {
        Cursor c = new Cursor(l, lineNo);
        String measurement = c.name(false);
        if (measurement.isEmpty()) {
            throw new ParseException(lineNo, "missing measurement");
        }
        TreeMap<String, String> tags = new TreeMap<>();
        while (c.peek() == ',') {
            c.pos++;
            String k = c.name(true);
            c.expect('=');
            String v = c.name(true);
            if (k.isEmpty() || v.isEmpty()) {
                throw new ParseException(lineNo, "empty tag key or value");
            }
            if (tags.put(k, v) != null) {
                throw new ParseException(lineNo, "duplicate tag " + k);
            }
        }
        if (c.pos == l.length()) {
            throw new ParseException(lineNo, "missing fields");
        }
        c.expect(' ');
        Map<String, Object> fields = new LinkedHashMap<>();
        do {
            if (!fields.isEmpty()) {
                c.pos++;
            }
            String k = c.fieldKey();
            if (k.isEmpty()) {
                throw new ParseException(lineNo, "empty field key");
            }
            c.expect('=');
            fields.put(k, c.value());
        } while (c.peek() == ',');
        Instant time = Instant.EPOCH;
        if (c.peek() == ' ') {
            c.pos++;
            String ts = l.substring(c.pos);
            try {
                if (!ts.matches("-?[0-9]+")) {
                    throw new NumberFormatException();
                }
                time = precision.fromEpoch(Long.parseLong(ts));
            } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
                throw new ParseException(lineNo, "bad timestamp '" + ts + "'");
            }
            c.pos = l.length();
        }
        if (c.pos != l.length()) {
            throw new ParseException(lineNo, "unexpected '" + l.substring(c.pos) + "'");
        }
        return new Point(measurement, tags, fields, time);
    }

    private static final class Cursor {
        final String s;
        final int lineNo;
        int pos;

        Cursor(String s, int lineNo) {
            this.s = s;
            this.lineNo = lineNo;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        void expect(char c) {
            if (peek() != c) {
                throw new ParseException(lineNo, "expected '" + c + "' at column " + (pos + 1));
            }
            pos++;
        }

        /**
         * A measurement ({@code full} false) or a tag key or value ({@code full} true), read as InfluxDB 1.6 does:
         * it ends at ',' or ' ' (and '=' where {@code full}) unless the character before is a backslash; then
         * {@code \,}, {@code \ } and {@code \=} (and in measurements {@code \"}) become the character, and
         * every other backslash stays, two in a row included.
         */
        String name(boolean full) {
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if ((c == ',' || c == ' ' || (full && c == '=')) && (pos == start || s.charAt(pos - 1) != '\\')) {
                    break;
                }
                pos++;
            }
            String raw = s.substring(start, pos).replace("\\,", ",").replace("\\ ", " ").replace("\\=", "=");
            // InfluxDB 1.6 also unescapes a quote in measurements (not in tags)
            return full ? raw : raw.replace("\\\"", "\"");
        }

        /**
         * A field key, read as InfluxDB does in two passes that must agree: checking pairs backslashes
         * ({@code \x} is one unit for any x) and ends at an unpaired ',', ' ' or '='; splitting ends at the first
         * '=' not right after a backslash. Then {@code \,}, {@code \ }, {@code \=} and {@code \"} become the
         * character; any other backslash stays.
         */
        String fieldKey() {
            int start = pos;
            int paired = pos;
            while (paired < s.length()) {
                char c = s.charAt(paired);
                if (c == '\\' && paired + 1 < s.length()) {
                    paired += 2;
                    continue;
                }
                if (c == ',' || c == ' ' || c == '=') {
                    break;
                }
                paired++;
            }
            int split = pos;
            while (split < s.length() && !(s.charAt(split) == '=' && (split == start || s.charAt(split - 1) != '\\'))) {
                split++;
            }
            if (paired < s.length() && s.charAt(paired) == '=' && split != paired) {
                throw new ParseException(lineNo, "bad field key '" + s.substring(start, Math.max(paired, split)) + "'");
            }
            pos = paired;
            String raw = s.substring(start, paired);
            StringBuilder sb = new StringBuilder(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length()) {
                    char n = raw.charAt(i + 1);
                    if (n == ',' || n == ' ' || n == '=' || n == '"') {
                        sb.append(n);
                        i++;
                        continue;
                    }
                }
                sb.append(c);
            }
            return sb.toString();
        }

        Object value() {
            if (peek() == '"') {
                pos++;
                StringBuilder sb = new StringBuilder();
                while (true) {
                    if (pos >= s.length()) {
                        throw new ParseException(lineNo, "unterminated string");
                    }
                    char c = s.charAt(pos++);
                    if (c == '"') {
                        return sb.toString();
                    }
                    if (c == '\\' && pos < s.length() && (s.charAt(pos) == '"' || s.charAt(pos) == '\\')) {
                        sb.append(s.charAt(pos++));
                    } else {
                        sb.append(c);
                    }
                }
            }
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ',' && s.charAt(pos) != ' ') {
                pos++;
            }
            String raw = s.substring(start, pos);
            switch (raw) {
                case "t", "T", "true", "True", "TRUE":
                    return Boolean.TRUE;
                case "f", "F", "false", "False", "FALSE":
                    return Boolean.FALSE;
                default:
                    break;
            }
            try {
                if (INTEGER.matcher(raw).matches()) {
                    return Long.parseLong(raw.substring(0, raw.length() - 1));
                }
                if (UNSIGNED.matcher(raw).matches()) {
                    // past Long.MAX_VALUE it becomes a double, as Point does with big unsigned counters
                    BigInteger u = new BigInteger(raw.substring(0, raw.length() - 1));
                    if (u.compareTo(MAX_UNSIGNED) > 0) {
                        throw new NumberFormatException();
                    }
                    return u;
                }
                if (!FLOAT.matcher(raw).matches()) {
                    throw new NumberFormatException();
                }
                double d = Double.parseDouble(raw);
                if (Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new ParseException(lineNo, "bad field value '" + raw + "'");
            }
        }
    }
}
