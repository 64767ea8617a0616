package io.hostpulse.core.lineprotocol;

import io.hostpulse.core.Point;

import java.util.Collection;
import java.util.Map;

/**
 * Encodes points as InfluxDB line protocol. Pure and allocation-light: one encoder serves every output.
 *
 * <p>Rules (InfluxDB line protocol reference):
 * <ul>
 *   <li>measurement: comma and space escaped; tag keys, tag values, field keys: comma, equals and space escaped;</li>
 *   <li>newline, carriage return and tab in names and tag values are written as the two characters {@code \n},
 *       {@code \r}, {@code \t} (as Telegraf does), since a raw newline ends the line;</li>
 *   <li>in names, a backslash followed by an ordinary character is written as it is (every reader keeps it:
 *       systemd's {@code \x2d} stays {@code \x2d}, as with Telegraf); one at the end of a name or before a
 *       character that a backslash would escape ({@code , = space \} and the {@code \n \r \t} written for
 *       control characters) is written as two (the 2.x reference: "with two contiguous backslashes, the first
 *       is interpreted as an escape character"), so it cannot swallow the separator; InfluxDB 1.x keeps both
 *       backslashes of such a pair;</li>
 *   <li>string fields are quoted, with quote and backslash escaped, newlines as in names;</li>
 *   <li>integers get the {@code i} suffix; NaN and infinite doubles are dropped and counted, and a point left
 *       with no field is dropped and counted;</li>
 *   <li>empty tag values and empty keys are left out (InfluxDB rejects them);</li>
 *   <li>a measurement starting with {@code #} is written as {@code \#...}: a line starting with {@code #} is a
 *       comment and would be ignored; InfluxDB keeps the backslash, so such a measurement is stored as
 *       {@code \#...};</li>
 *   <li>a point whose time cannot be written at the precision (nanoseconds cover the years 1677 to 2262) is
 *       dropped and counted.</li>
 * </ul>
 */
public final class LineProtocol {

    /** What an encode call wrote and left out. */
    public record Result(int lines, int droppedFields, int droppedPoints) {
        public Result plus(Result o) {
            return new Result(lines + o.lines, droppedFields + o.droppedFields, droppedPoints + o.droppedPoints);
        }
    }

    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

    private LineProtocol() {
    }

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
        for (Point p : points) {
            int written = append(out, p, precision);
            if (written < 0) {
                droppedPoints++;
                droppedFields += p.fields().size();
            } else {
                lines++;
                droppedFields += p.fields().size() - written;
                out.append('\n');
            }
        }
        return new Result(lines, droppedFields, droppedPoints);
    }

    /**
     * Appends one line without its newline.
     *
     * @return the number of fields written, or -1 when no field was writable or the time is out of the
     *         precision's range (nothing is appended then)
     */
    public static int append(StringBuilder out, Point p, Precision precision) {
        long epoch;
        try {
            epoch = precision.toEpoch(p.time());
        } catch (ArithmeticException e) {
            return -1;
        }
        int start = out.length();
        if (p.measurement().charAt(0) == '#') {
            out.append('\\');
        }
        escapeName(out, p.measurement(), false);
        for (Map.Entry<String, String> t : p.tags().entrySet()) {
            if (t.getKey().isEmpty() || t.getValue().isEmpty()) {
                continue;
            }
            out.append(',');
            escapeName(out, t.getKey(), true);
            out.append('=');
            escapeName(out, t.getValue(), true);
        }
        int written = 0;
        for (Map.Entry<String, Object> f : p.fields().entrySet()) {
            Object v = f.getValue();
            if (f.getKey().isEmpty() || (v instanceof Double d && (d.isNaN() || d.isInfinite()))) {
                continue;
            }
            out.append(written == 0 ? ' ' : ',');
            escapeName(out, f.getKey(), true);
            out.append('=');
            appendValue(out, v);
            written++;
        }
        if (written == 0) {
            out.setLength(start);
            return -1;
        }
        out.append(' ').append(epoch);
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

    /** @param full true for tag keys, tag values and field keys (escape '=' too); false for the measurement */
    private static void escapeName(StringBuilder out, String s, boolean full) {
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
                case '\\' -> {
                    char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
                    boolean pair = next == 0 || next == ',' || next == ' ' || next == '=' || next == '\\'
                            || next == '\n' || next == '\r' || next == '\t';
                    out.append(pair ? "\\\\" : "\\");
                }
                default -> out.append(c);
            }
        }
    }
}
