package io.hostpulse.agent.alerts;

import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One alert rule: which points (measurement, tag globs, extra field conditions), which value (a field, optionally
 * divided by another field, turned into an age, or its increase over a window), the Glances-style levels it is
 * compared with, and how it fires ({@code for}, {@code for_count}), recovers ({@code hysteresis}, {@code recover})
 * and repeats.
 *
 * @param tags     tag name to glob ({@code !} negates); a point must match all
 * @param series   tags that identify one alert (default: all of the point's tags)
 * @param where    extra conditions on other fields of the same point, all must hold for the rule to breach
 * @param per      divide the value by this field of the same point (load per CPU)
 * @param age      the field is a time in epoch seconds: the value is the seconds since then (0 = never: infinitely old)
 * @param increase the value is how much the field grew within this window (counters: restarts)
 * @param countBy  for {@code forCount}: a breach counts again only when this field changed (one collection)
 * @param levelFrom per level, a field of the same point whose value is that level's threshold when the point has it
 *                  ({@code warning_from: temp_max}: each sensor's own limit); without it the fixed level applies
 */
public record Rule(String name, boolean builtIn, String subsystem, String measurement, String field,
                   Map<String, TagGlob> tags, List<String> series, List<Condition> where, Op op,
                   Object careful, Object warning, Object critical, Duration forDuration, int forCount, String countBy,
                   double hysteresis, Double recover, Duration repeat, String per, boolean age, Duration increase,
                   String message, Map<Level, String> levelFrom) {

    public Rule {
        levelFrom = Map.copyOf(levelFrom);
    }

    /** A condition on another field of the point: {@code exitcode: "!= 0"}. */
    public record Condition(String field, Op op, Object value) {
        boolean test(Point p) {
            Object v = p.field(field);
            return v != null && op.test(v, value);
        }
    }

    private static final Pattern CONDITION = Pattern.compile("\\s*(>=|<=|==|!=|<>|>|<|=)\\s*(.*)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z0-9_.-]+)}");

    /** The subsystem a measurement belongs to, for Uptime Kuma monitors: host, docker, disks or agent. */
    public static String subsystemOf(String measurement) {
        if (measurement.startsWith("docker")) {
            return "docker";
        }
        if (measurement.startsWith("smart")) {
            return "disks";
        }
        if (measurement.startsWith("hostpulse")) {
            return "agent";
        }
        return "host";
    }

    /**
     * Reads a rule. With {@code base} (a built-in rule) every key is optional and overrides the built-in value;
     * without, {@code name}, {@code measurement}, {@code field} and a level are required.
     */
    static Rule parse(ConfigNode n, Rule base, String defaultName, Duration defaultRepeat) {
        boolean custom = base == null;
        String name = custom ? n.string("name", defaultName) : base.name();
        String measurement = custom ? required(n, "measurement") : base.measurement();
        String field = custom ? required(n, "field") : base.field();
        String subsystem = n.custom("subsystem", custom ? (measurement == null ? "host" : subsystemOf(measurement)) : base.subsystem(),
                "one of host, docker, disks, agent", s -> List.of("host", "docker", "disks", "agent").contains(s) ? s : null);
        Map<String, TagGlob> tags = new LinkedHashMap<>();
        if (n.has("tags")) {
            n.stringMap("tags").forEach((k, v) -> tags.put(k, TagGlob.of(v)));
        } else {
            n.ignore("tags");
            if (!custom) {
                tags.putAll(base.tags());
            }
        }
        List<String> series = n.strings("series", custom ? List.of() : base.series());
        List<Condition> where = new ArrayList<>();
        if (n.has("where")) {
            n.stringMap("where").forEach((f, expr) -> {
                Matcher m = CONDITION.matcher(expr);
                if (!m.matches()) {
                    n.problem("where", f + ": \"" + expr + "\" is not a comparison such as \"!= 0\" or \"> 5\"");
                } else {
                    where.add(new Condition(f, Op.parse(m.group(1)), normalise(m.group(2).trim())));
                }
            });
        } else {
            n.ignore("where");
            if (!custom) {
                where.addAll(base.where());
            }
        }
        Op op = n.custom("op", custom ? Op.GT : base.op(), "a comparison (>, >=, <, <=, ==, !=)", Op::parse);
        Object careful = level(n, "careful", custom ? null : base.careful());
        Object warning = level(n, "warning", custom ? null : base.warning());
        Object critical = level(n, "critical", custom ? null : base.critical());
        Map<Level, String> levelFrom = new java.util.EnumMap<>(Level.class);
        for (Level l : new Level[]{Level.CAREFUL, Level.WARNING, Level.CRITICAL}) {
            String key = l.name().toLowerCase(java.util.Locale.ROOT) + "_from";
            String f = n.string(key, custom ? null : base.levelFrom().get(l));
            if (f != null && !f.isBlank()) {
                levelFrom.put(l, f.trim());
                if (!op.ordering()) {
                    n.problem(key, "only for >, >=, <, <= rules (the field's value is compared as a number)");
                }
            }
        }
        if (warning == null && critical == null && !levelFrom.containsKey(Level.WARNING)
                && !levelFrom.containsKey(Level.CRITICAL)) {
            n.problem(custom ? "warning" : null, "a rule needs a warning or a critical level (or warning_from, critical_from)");
        }
        for (Object t : new Object[]{careful, warning, critical}) {
            if (t != null && op.ordering() && !(t instanceof Double)) {
                n.problem("op", "'" + op.symbol() + "' compares numbers, but a level is " + format(t)
                        + " (use == or != for text and true/false)");
                break;
            }
        }
        Duration forDuration = n.duration("for", custom ? Duration.ZERO : base.forDuration());
        int forCount = (int) n.integer("for_count", custom ? 1 : base.forCount(), 1, 1000);
        String countBy = n.string("count_by", custom ? null : base.countBy());
        double hysteresis = n.number("hysteresis", custom ? 0 : base.hysteresis(), 0, Double.MAX_VALUE);
        Double recover = n.has("recover") ? (Double) n.number("recover", 0, -Double.MAX_VALUE, Double.MAX_VALUE)
                : custom ? null : base.recover();
        if (recover != null && !op.ordering()) {
            n.problem("recover", "only for >, >=, <, <= rules");
        }
        if (recover != null && op.ordering()) {
            Object lowest = warning != null ? warning : critical;
            if (lowest instanceof Double t && (op.upward() ? recover > t : recover < t)) {
                n.problem("recover", format(recover) + " would count as firing: it must be on the good side of " + format(t));
            }
        }
        Duration repeat = n.duration("repeat", custom ? defaultRepeat : base.repeat());
        String per = n.string("per", custom ? null : base.per());
        boolean age = n.bool("age", !custom && base.age());
        Duration increase = n.duration("increase_within", custom ? null : base.increase());
        String message = n.string("message", custom ? null : base.message());
        if (message == null) {
            message = "{rule}: " + measurement + "." + field + "{labels} is {value} ({threshold})";
        }
        return new Rule(name, !custom, subsystem, measurement, field, Map.copyOf(tags), List.copyOf(series),
                List.copyOf(where), op, careful, warning, critical, forDuration, forCount, countBy, hysteresis, recover,
                repeat, per, age, increase, message, levelFrom);
    }

    /** The same rule marked as built in. */
    Rule asBuiltIn() {
        return new Rule(name, true, subsystem, measurement, field, tags, series, where, op, careful, warning, critical,
                forDuration, forCount, countBy, hysteresis, recover, repeat, per, age, increase, message, levelFrom);
    }

    private static String required(ConfigNode n, String key) {
        String v = n.string(key, null);
        if (v == null || v.isBlank()) {
            n.problem(key, "missing");
            return null;
        }
        return v;
    }

    private static Object level(ConfigNode n, String key, Object def) {
        if (!n.has(key)) {
            n.ignore(key);
            return def;
        }
        List<String> values = n.strings(key, List.of());
        if (values.isEmpty()) {
            return def;
        }
        if (values.size() == 1) {
            return normalise(values.get(0));
        }
        List<Object> out = new ArrayList<>();
        values.forEach(v -> out.add(normalise(v)));
        return List.copyOf(out);
    }

    /** YAML text to a threshold: a number (Double), true/false, or text. */
    static Object normalise(String s) {
        String t = s.trim();
        if (t.length() > 1 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
            return t.substring(1, t.length() - 1);
        }
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t.toLowerCase());
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return t;
        }
    }

    /** Does this point belong to the rule (measurement, tag globs)? The where conditions are checked later. */
    boolean selects(Point p) {
        if (!p.measurement().equals(measurement)) {
            return false;
        }
        for (Map.Entry<String, TagGlob> e : tags.entrySet()) {
            if (!e.getValue().matches(p.tag(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value before an increase window is applied: the field, divided by {@code per}, or turned into an age.
     * Null when the point has no such value (absent field, division by zero).
     */
    Object value(Point p) {
        Object raw = p.field(field);
        if (raw == null) {
            return null;
        }
        if (per != null) {
            Double a = Op.number(raw);
            Double b = Op.number(p.field(per));
            if (a == null || b == null || b == 0) {
                return null;
            }
            raw = a / b;
        }
        if (age) {
            Double t = Op.number(raw);
            if (t == null) {
                return null;
            }
            raw = t <= 0 ? Double.POSITIVE_INFINITY : p.time().toEpochMilli() / 1000.0 - t;
        }
        return raw;
    }

    /** The fixed threshold of a level, or null. */
    Object threshold(Level l) {
        return switch (l) {
            case CRITICAL -> critical;
            case WARNING -> warning;
            case CAREFUL -> careful;
            case OK -> null;
        };
    }

    /**
     * The threshold of a level for one point: the value of the level's {@code *_from} field when the point has it as a
     * number, else the fixed threshold (null when neither).
     */
    Object threshold(Level l, Point p) {
        String from = levelFrom.get(l);
        if (from != null && p != null) {
            Double v = Op.number(p.field(from));
            if (v != null && !v.isNaN()) {
                return v;
            }
        }
        return threshold(l);
    }

    /**
     * The level of a value. {@code current} is the level the series is at: to stay at it (or above) a numeric value
     * only has to stay beyond the threshold minus the hysteresis (or beyond {@code recover} for the lowest firing
     * level), so a value hovering at a threshold does not flap.
     */
    Level level(Object value, Level current) {
        return level(value, current, null);
    }

    /** {@link #level(Object, Level)} with the thresholds of this point ({@code *_from} fields). */
    Level level(Object value, Level current, Point p) {
        boolean hasWarning = threshold(Level.WARNING, p) != null;
        for (Level l : new Level[]{Level.CRITICAL, Level.WARNING, Level.CAREFUL}) {
            Object t = threshold(l, p);
            if (t == null) {
                continue;
            }
            Object effective = t;
            if (current.compareTo(l) >= 0 && t instanceof Double d && op.ordering()) {
                boolean lowestFiring = l == Level.WARNING || (l == Level.CRITICAL && !hasWarning);
                if (recover != null && lowestFiring) {
                    effective = recover;
                } else {
                    effective = op.upward() ? d - hysteresis : d + hysteresis;
                }
            }
            if (op.test(value, effective)) {
                return l;
            }
        }
        return Level.OK;
    }

    /** Fills {rule}, {level}, {value}, {threshold}, {labels}, {host}, any tag and any field of the point. */
    String render(String template, Point p, Object value, Level level, Map<String, String> labels) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String k = m.group(1);
            String v = switch (k) {
                case "rule" -> name;
                case "level" -> level.label();
                case "value" -> format(value);
                case "threshold" -> level.fires() || level == Level.CAREFUL ? op.describe(threshold(level, p))
                        : op.describe(threshold(Level.WARNING, p) != null ? threshold(Level.WARNING, p)
                        : threshold(Level.CRITICAL, p));
                case "measurement" -> measurement;
                case "field" -> field;
                case "labels" -> labels.isEmpty() ? "" : " " + labelText(labels);
                default -> p.tag(k) != null ? p.tag(k) : p.field(k) != null ? format(p.field(k)) : null;
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** 45s, 12m, 3h5m, 2d4h: for "after 12m" in resolved messages. */
    static String humanDuration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
        }
        if (s < 86400) {
            return (s / 3600) + "h" + (s % 3600 / 60 == 0 ? "" : (s % 3600 / 60) + "m");
        }
        return (s / 86400) + "d" + (s % 86400 / 3600 == 0 ? "" : (s % 86400 / 3600) + "h");
    }

    static String labelText(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        labels.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    /** Numbers without noise: 96.54321 as 96.5, 3.0 as 3, and infinity as "never". */
    static String format(Object v) {
        if (v instanceof Double d) {
            if (d.isInfinite()) {
                return "never";
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            double abs = Math.abs(d);
            return abs >= 10 ? String.format(java.util.Locale.ROOT, "%.1f", d)
                    : String.format(java.util.Locale.ROOT, "%.2f", d);
        }
        return String.valueOf(v);
    }
}
