package io.hostpulse.core.lineprotocol;

import io.hostpulse.core.Point;

import java.util.Collection;
import java.util.Map;

/**
 * Encodes points as InfluxDB line protocol. Pure and allocation-light: one encoder serves every output.
 *
 * <p>Rules (InfluxDB line protocol reference, checked against a real InfluxDB 1.6 in LineProtocolInfluxDbIT):
 * <ul>
 *   <li>measurement: comma and space escaped; tag keys, tag values, field keys: comma, equals and space escaped;</li>
 *   <li>newline, carriage return and tab in names and tag values are written as the two characters {@code \n},
 *       {@code \r}, {@code \t} (as Telegraf does), since a raw newline ends the line;</li>
 *   <li>backslashes in names are written as they are, as Telegraf does: InfluxDB 1.6 (measured; the 2.x server's
 *       parser comes from the same code) reads a backslash as an escape only before a character that needs one
 *       ({@code ,}, space, {@code =}; in field keys also {@code "}) and keeps every other backslash, two in a row
 *       included (the 2.x reference's "two contiguous backslashes" table does not match the server). So
 *       {@code a\\,b} is written {@code a\\\,b} and stored as {@code a\\,b}; a backslash before a quote in a
 *       field key is doubled;</li>
 *   <li>a name ending in a backslash cannot be written (the backslash would escape the separator after it; as
 *       Telegraf), nor one with an odd run of backslashes right before a character that gets escaped (InfluxDB
 *       pairs backslashes when it splits lines and checks fields, but not when it splits names; the two readings
 *       would differ and a later quote could swallow the next lines), nor a measurement with any backslash before
 *       ',', space, '=' or '"' (InfluxDB 1.6 cannot select it afterwards): such a tag is left out and counted,
 *       such a field is dropped and counted, a point with such a measurement is dropped and counted;</li>
 *   <li>string fields are quoted, with quote and backslash escaped, newlines as in names;</li>
 *   <li>integers get the {@code i} suffix; NaN and infinite doubles are dropped and counted, and a point left
 *       with no field is dropped and counted;</li>
 *   <li>empty tag values and empty keys are left out (InfluxDB rejects them);</li>
 *   <li>a measurement starting with {@code #} is written as {@code \#...}: a line starting with {@code #} is a
 *       comment and would be ignored; InfluxDB keeps the backslash, so such a measurement is stored as
 *       {@code \#...};</li>
 *   <li>a tag named {@code time} is left out and counted (InfluxDB rejects the point), a field named {@code time} is dropped
 *       and counted (InfluxDB drops it silently);</li>
 *   <li>a point whose time InfluxDB cannot store (it keeps nanoseconds whatever the precision: about the years
 *       1677 to 2262, the two extreme values excluded) is dropped and counted.</li>
 * </ul>
 */
public final class LineProtocol {

    /**
     * What an encode call wrote and left out.
     *
     * @param droppedTags tags of written points left out because their key or value cannot be written (ends in a
     *                    backslash, an odd backslash run before an escaped character) or the key is {@code time};
     *                    empty values are not counted (InfluxDB has no empty tag: nothing is lost)
     */
    public record Result(int lines, int droppedFields, int droppedPoints, int droppedTags) {
        public Result(int lines, int droppedFields, int droppedPoints) {
            this(lines, droppedFields, droppedPoints, 0);
        }

        public Result plus(Result o) {
            return new Result(lines + o.lines, droppedFields + o.droppedFields, droppedPoints + o.droppedPoints,
                    droppedTags + o.droppedTags);
        }
    }

    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);
    /** The times InfluxDB accepts, in nanoseconds ("time outside range -9223372036854775806 - 9223372036854775806"). */
    static final long MIN_NANOS = Long.MIN_VALUE + 2;
    static final long MAX_NANOS = Long.MAX_VALUE - 1;
    /** InfluxDB rejects the whole point for a tag named "time" and silently drops a field named "time". */
    private static final String TIME = "time";

    private LineProtocol() {
    }

    /** One line without its newline; empty when the point cannot be written (see {@link #append}). */
    public static String encode(Point p, Precision precision) {
        StringBuilder sb = new StringBuilder(128);
        append(sb, p, precision);
        return sb.toString();
    }

    /** Encodes each point on its own line, each line ending in a newline. */
    public static Result encode(Collection<Point> points, Precision precision, StringBuilder out) {
        int lines = 0;
        int droppedFields = 0;
        int droppedPoints = 0;
        int[] droppedTags = {0};
        for (Point p : points) {
            int written = append(out, p, precision, droppedTags);
            if (written < 0) {
                droppedPoints++;
                droppedFields += p.fields().size();
            } else {
                lines++;
                droppedFields += p.fields().size() - written;
                out.append('\n');
            }
        }
        return new Result(lines, droppedFields, droppedPoints, droppedTags[0]);
    }

    /**
     * Appends one line without its newline.
     *
     * @return the number of fields written, or -1 when no field was writable, the measurement cannot be
     *         written or the time is out of InfluxDB's range (nothing is appended then)
     */
    public static int append(StringBuilder out, Point p, Precision precision) {
        return append(out, p, precision, null);
    }

    /** @param droppedTags when not null, its first element grows by the tags left out of a written point */
    private static int append(StringBuilder out, Point p, Precision precision, int[] droppedTags) {
        long epoch;
        try {
            // InfluxDB keeps nanoseconds whatever the precision of the write, and refuses the two extremes
            long nanos = Precision.NANOSECONDS.toEpoch(p.time());
            if (nanos < MIN_NANOS || nanos > MAX_NANOS) {
                return -1;
            }
            epoch = precision.toEpoch(p.time());
        } catch (ArithmeticException e) {
            return -1;
        }
        if (!writableName(p.measurement(), false)) {
            return -1;
        }
        int start = out.length();
        if (p.measurement().charAt(0) == '#') {
            out.append('\\');
        }
        escapeName(out, p.measurement(), false, false);
        int tagsLeftOut = 0;
        for (Map.Entry<String, String> t : p.tags().entrySet()) {
            if (!writableName(t.getKey(), true) || !writableName(t.getValue(), true) || t.getKey().equals(TIME)) {
                if (!t.getKey().isEmpty() && t.getValue() != null && !t.getValue().isEmpty()) {
                    tagsLeftOut++;
                }
                continue;
            }
            out.append(',');
            escapeName(out, t.getKey(), true, false);
            out.append('=');
            escapeName(out, t.getValue(), true, false);
        }
        int written = 0;
        for (Map.Entry<String, Object> f : p.fields().entrySet()) {
            Object v = f.getValue();
            if (!writableName(f.getKey(), true) || f.getKey().equals(TIME)
                    || (v instanceof Double d && (d.isNaN() || d.isInfinite()))) {
                continue;
            }
            out.append(written == 0 ? ' ' : ',');
            escapeName(out, f.getKey(), true, true);
            out.append('=');
            appendValue(out, v);
            written++;
        }
        if (written == 0) {
            out.setLength(start);
            return -1;
        }
        out.append(' ').append(epoch);
        if (droppedTags != null) {
            droppedTags[0] += tagsLeftOut;
        }
        return written;
    }

    private static void appendValue(StringBuilder out, Object v) {
        if (v instanceof Long l) {
            out.append(l.longValue()).append('i');
        } else if (v instanceof Double d) {
            double x = d;
            if (x == Math.rint(x) && Math.abs(x) < 1e15 && Double.doubleToRawLongBits(x) != NEGATIVE_ZERO) {
                // keep whole doubles as floats: "5" would read back as a float too, but "5.0" is clearer in dumps
                out.append((long) x).append(".0");
            } else {
                out.append(x);
            }
        } else if (v instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else {
            String s = (String) v;
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(c);
                }
            }
            out.append('"');
        }
    }

    /**
     * Whether InfluxDB reads the name back as written. It looks at backslashes in two ways: splitting the series
     * key and a field key from its value, a separator right after a backslash is escaped; splitting lines and
     * checking fields, backslashes pair up ({@code \x} is one unit for any x). The two agree unless an odd run
     * of backslashes stands right before a character the encoder escapes, or the name ends in a backslash.
     *
     * Measurements are stricter: InfluxDB 1.6 unescapes {@code \=} and {@code \"} in them too, and a
     * measurement with any backslash before ',', ' ', '=' or '"' is listed by SHOW MEASUREMENTS under one name
     * but cannot be selected.
     *
     * @param full true for tag keys, tag values and field keys ('=' is escaped there); false for the measurement
     */
    private static boolean writableName(String name, boolean full) {
        if (name.isEmpty() || name.endsWith("\\")) {
            return false;
        }
        int run = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\') {
                run++;
                continue;
            }
            if (full ? (c == ',' || c == ' ' || c == '=') && run % 2 == 1
                    : (c == ',' || c == ' ' || c == '=' || c == '"') && run > 0) {
                return false;
            }
            run = 0;
        }
        return true;
    }

    /**
     * @param full     true for tag keys, tag values and field keys (escape '=' too); false for the measurement
     * @param fieldKey true for field keys, where InfluxDB also reads a backslash-quote pair as an escaped quote
     */
    private static void escapeName(StringBuilder out, String s, boolean full, boolean fieldKey) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ',', ' ' -> out.append('\\').append(c);
                case '=' -> {
                    if (full) {
                        out.append('\\');
                    }
                    out.append(c);
                }
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append(fieldKey && i + 1 < s.length() && s.charAt(i + 1) == '"' ? "\\\\" : "\\");
                default -> out.append(c);
            }
        }
    }
}
