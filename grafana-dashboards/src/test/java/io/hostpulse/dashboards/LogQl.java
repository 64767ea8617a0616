package io.hostpulse.dashboards;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A parser for the subset of LogQL (Loki 2.x/3.x) the dashboards use, strict enough to reject what Loki rejects in
 * that subset:
 * <pre>
 * query     := metric | log
 * metric    := AGG [grouping] '(' metric ')' [grouping] | RANGE_FN '(' log '[' duration ']' ')'
 * grouping  := ('by' | 'without') '(' label (',' label)* ')'
 * log       := '{' matcher (',' matcher)* '}' stage*
 * matcher   := label ('=' | '!=' | '=~' | '!~') string
 * stage     := ('|=' | '!=' | '|~' | '!~') string | '|' label op value | '|' ('json' | 'logfmt')
 * </pre>
 * As in Loki, a selector needs one matcher that cannot match the empty string, and regexes must compile. Run it
 * on queries whose Grafana variables are already expanded.
 */
final class LogQl {
    static final Set<String> VECTOR_AGGREGATIONS = Set.of("sum", "avg", "min", "max", "count", "stddev", "stdvar");
    static final Set<String> RANGE_FUNCTIONS = Set.of("count_over_time", "rate", "bytes_over_time", "bytes_rate", "absent_over_time");
    private static final Pattern DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** What a query refers to: stream labels in selectors, labels filtered in pipelines, labels grouped by. */
    record Parsed(List<String> streamLabels, List<String> filteredLabels, List<String> groupedLabels) {
    }

    static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message);
        }
    }

    private final String s;
    private int i;
    private final List<String> stream = new ArrayList<>();
    private final List<String> filtered = new ArrayList<>();
    private final List<String> grouped = new ArrayList<>();

    private LogQl(String s) {
        this.s = s;
    }

    static Parsed parse(String query) {
        LogQl p = new LogQl(query);
        p.skip();
        if (p.peek() == '{') {
            p.log();
        } else {
            p.metric();
        }
        p.skip();
        if (p.i < p.s.length()) {
            throw p.error("unexpected '" + p.s.substring(p.i) + "'");
        }
        return new Parsed(List.copyOf(p.stream), List.copyOf(p.filtered), List.copyOf(p.grouped));
    }

    private void metric() {
        String fn = identifier();
        if (VECTOR_AGGREGATIONS.contains(fn)) {
            grouping();
            expect("(");
            metric();
            expect(")");
            grouping();
        } else if (RANGE_FUNCTIONS.contains(fn)) {
            expect("(");
            log();
            expect("[");
            int start = i;
            while (i < s.length() && s.charAt(i) != ']') {
                i++;
            }
            String d = s.substring(start, i).trim();
            if (!DURATION.matcher(d).matches()) {
                throw error("bad range duration '" + d + "'");
            }
            expect("]");
            expect(")");
        } else {
            throw error("unknown function '" + fn + "'");
        }
    }

    private void grouping() {
        skip();
        if (s.startsWith("by", i) || s.startsWith("without", i)) {
            identifier();
            expect("(");
            do {
                grouped.add(label());
            } while (accept(","));
            expect(")");
        }
    }

    private void log() {
        expect("{");
        boolean nonEmpty = false;
        do {
            String name = label();
            String op = operator(List.of("=~", "!~", "!=", "="));
            String value = string();
            if (op.startsWith("=~") || op.equals("!~")) {
                compile(value);
            }
            if ((op.equals("=") && !value.isEmpty()) || (op.equals("=~") && !compile(value).matcher("").matches())) {
                nonEmpty = true;
            }
            stream.add(name);
        } while (accept(","));
        expect("}");
        if (!nonEmpty) {
            throw error("queries require at least one regexp or equality matcher that does not have an empty-compatible value");
        }
        while (true) {
            skip();
            if (s.startsWith("|=", i) || s.startsWith("|~", i) || s.startsWith("!=", i) || s.startsWith("!~", i)) {
                String op = s.substring(i, i + 2);
                i += 2;
                String v = string();
                if (op.endsWith("~")) {
                    compile(v);
                }
            } else if (accept("|")) {
                skip();
                String name = label();
                if (name.equals("json") || name.equals("logfmt")) {
                    continue;
                }
                String op = operator(List.of("=~", "!~", "!=", "==", ">=", "<=", "=", ">", "<"));
                skip();
                if (peek() == '"' || peek() == '`') {
                    String v = string();
                    if (op.endsWith("~")) {
                        compile(v);
                    }
                } else {
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                        i++;
                    }
                    if (start == i || !(op.contains(">") || op.contains("<") || op.equals("==") || op.equals("!="))) {
                        throw error("label filter " + name + " " + op + " needs a string");
                    }
                }
                filtered.add(name);
            } else {
                return;
            }
        }
    }

    private Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw error("bad regex '" + regex + "': " + e.getDescription());
        }
    }

    private String operator(List<String> ops) {
        skip();
        for (String op : ops) {
            if (s.startsWith(op, i)) {
                i += op.length();
                return op;
            }
        }
        throw error("expected one of " + ops);
    }

    private String string() {
        skip();
        char q = peek();
        if (q == '`') {
            int end = s.indexOf('`', i + 1);
            if (end < 0) {
                throw error("unterminated raw string");
            }
            String v = s.substring(i + 1, end);
            i = end + 1;
            return v;
        }
        if (q != '"') {
            throw error("expected a string");
        }
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < s.length() && s.charAt(i) != '"') {
            char c = s.charAt(i++);
            if (c == '\\') {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    default -> throw error("unknown escape \\" + e + " (write \\\\ for a backslash)");
                }
            } else {
                sb.append(c);
            }
        }
        if (i >= s.length()) {
            throw error("unterminated string");
        }
        i++;
        return sb.toString();
    }

    private String label() {
        skip();
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        String l = s.substring(start, i);
        if (!LABEL.matcher(l).matches()) {
            throw error("expected a label name");
        }
        return l;
    }

    private String identifier() {
        return label();
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("expected '" + token + "'");
        }
    }

    private boolean accept(String token) {
        skip();
        if (s.startsWith(token, i)) {
            i += token.length();
            return true;
        }
        return false;
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private void skip() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private SyntaxError error(String what) {
        return new SyntaxError("LogQL: " + what + " at " + i + " in: " + s);
    }
}
