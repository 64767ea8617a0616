package io.hostpulse.dashboards;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grafana's InfluxDB (InfluxQL) datasource's query interpolation, as far as hostpulse's dashboards use it:
 * <ul>
 *   <li>{@code $timeFilter} and {@code $__timeFilter}: {@code time >= now() - 10m and time <= now()} for a relative
 *   range, {@code time >= 1700000000000ms and time <= 1700000600000ms} for an absolute one (getTimeFilter /
 *   getInfluxTime of the datasource);</li>
 *   <li>{@code $__interval} and its old name {@code $interval} (e.g. {@code 4s}), {@code $__interval_ms};</li>
 *   <li>variables as {@code $name}, {@code ${name}}, {@code ${name:regex}} and {@code [[name]]}, formatted as Grafana
 *   formats raw InfluxQL queries (the "regex" format of interpolateQueryExpr): each value regex-escaped, several
 *   values as {@code (a|b)}, "All" as every value of the variable. Inside {@code /^$host$/} that matches exactly
 *   the chosen values.</li>
 * </ul>
 * A variable that is not defined is left as it is, as Grafana does (InfluxDB then rejects the query).
 */
final class InfluxMacros {
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)|\\$\\{(\\w+)(?::(\\w+))?}|\\[\\[(\\w+)]]");

    private InfluxMacros() {
    }

    /** Time range as Grafana sends it: relative ({@code now-10m} to {@code now}) or absolute (epoch ms). */
    record Range(String from, String to) {
        static Range relative(String amount) {
            return new Range("now-" + amount, "now");
        }

        static Range absolute(long fromMs, long toMs) {
            return new Range(Long.toString(fromMs), Long.toString(toMs));
        }

        String filter() {
            return "time >= " + influxTime(from) + " and time <= " + influxTime(to);
        }

        private static String influxTime(String t) {
            if (t.equals("now")) {
                return "now()";
            }
            Matcher m = Pattern.compile("^now-(\\d+)([dhms])$").matcher(t);
            if (m.matches()) {
                return "now() - " + m.group(1) + m.group(2);
            }
            return t + "ms";
        }
    }

    /**
     * @param values chosen values per variable name (for "All": every value the variable's query returned)
     * @param interval Grafana's computed interval, e.g. "4s"
     */
    static String expand(String query, Map<String, List<String>> values, Range range, String interval) {
        Matcher m = VARIABLE.matcher(query);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(4);
            String replacement = switch (name) {
                case "timeFilter", "__timeFilter" -> range.filter();
                case "__interval", "interval" -> interval;
                case "__interval_ms" -> Long.toString(intervalMillis(interval));
                default -> values.containsKey(name) ? regexFormat(values.get(name)) : m.group();
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static String regexFormat(List<String> values) {
        if (values.size() == 1) {
            return escape(values.get(0));
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i > 0 ? "|" : "").append(escape(values.get(i)));
        }
        return sb.append(')').toString();
    }

    /** Grafana's regex escape: every regex metacharacter and the slash that ends an InfluxQL regex. */
    static String escape(String v) {
        return v.replaceAll("[\\\\^$*+?.()|\\[\\]{}/]", "\\\\$0");
    }

    static long intervalMillis(String interval) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(interval);
        if (!m.matches()) {
            throw new IllegalArgumentException("interval " + interval);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 86_400_000;
        };
    }
}
