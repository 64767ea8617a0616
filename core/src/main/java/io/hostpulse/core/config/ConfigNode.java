package io.hostpulse.core.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A section of the YAML config, read with typed getters that record problems instead of throwing, so that
 * one pass reports every mistake with its file and key path. Each module reads its own section into its own
 * record (for example {@code SmartConfig.from(node)}); {@link #finish()} then reports the keys nobody read as
 * unknown, with a did-you-mean suggestion.
 */
public final class ConfigNode {
    private final ConfigProblems problems;
    private final Set<String> secrets;
    private final String path;
    private final Map<String, Object> map;
    private final Set<String> read = new LinkedHashSet<>();
    private final List<ConfigNode> children = new ArrayList<>();
    private final Map<String, ConfigNode> childByKey = new LinkedHashMap<>();
    private final Map<String, List<ConfigNode>> listByKey = new LinkedHashMap<>();
    /** The default each getter returned for a key that is absent, or a value the reader resolved itself. */
    private final Map<String, Object> effective = new LinkedHashMap<>();

    private ConfigNode(ConfigProblems problems, Set<String> secrets, String path, Map<String, Object> map) {
        this.problems = problems;
        this.secrets = secrets;
        this.path = path;
        this.map = map;
    }

    /** @param tree the parsed YAML document (a map; null for an empty file) */
    public static ConfigNode root(ConfigProblems problems, Map<String, Object> tree) {
        return new ConfigNode(problems, new LinkedHashSet<>(), "", tree == null ? Map.of() : textKeys(tree));
    }

    /** YAML keys need not be text ({@code 1: x}, {@code true: y}); they are read as their text. */
    private static Map<String, Object> textKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** A node over a plain map, for tests and built-in defaults. */
    public static ConfigNode of(Map<String, Object> tree) {
        return root(new ConfigProblems("<inline>"), tree);
    }

    public String path() {
        return path;
    }

    public ConfigProblems problems() {
        return problems;
    }

    /** Dotted paths of every key read with {@link #secret}: shown as "******" by check-config. */
    public Set<String> secretPaths() {
        return Collections.unmodifiableSet(secrets);
    }

    public boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    /** Whether the value at {@code key} is a section (so that a key may be either {@code false} or a section). */
    public boolean isSection(String key) {
        return map.get(key) instanceof Map;
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(map.keySet());
    }

    public String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Records a problem at {@code key} of this section. */
    public void problem(String key, String message) {
        problems.add(key == null ? path : keyPath(key), message);
    }

    /**
     * A sub-section; an absent one reads as empty, so defaults apply. Asking twice for the same key gives the
     * same node, so keys read through either call count as known.
     */
    public ConfigNode child(String key) {
        ConfigNode known = childByKey.get(key);
        if (known != null) {
            return known;
        }
        read.add(key);
        Object v = map.get(key);
        Map<String, Object> m = Map.of();
        if (v instanceof Map<?, ?> mm) {
            m = textKeys(mm);
        } else if (v != null) {
            problem(key, "expected a section (key: value lines), got " + describe(v));
        }
        ConfigNode c = new ConfigNode(problems, secrets, keyPath(key), m);
        children.add(c);
        childByKey.put(key, c);
        return c;
    }

    /** A list of sections, such as a list of rules or devices. */
    public List<ConfigNode> children(String key) {
        read.add(key);
        Object v = map.get(key);
        List<ConfigNode> out = new ArrayList<>();
        listByKey.put(key, out);
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list)) {
            problem(key, "expected a list of sections, got " + describe(v));
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            String p = keyPath(key) + "[" + i + "]";
            if (e instanceof Map<?, ?> m) {
                ConfigNode c = new ConfigNode(problems, secrets, p, textKeys(m));
                children.add(c);
                out.add(c);
            } else {
                problems.add(p, "expected a section (key: value lines), got " + describe(e));
            }
        }
        return out;
    }

    public String string(String key, String def) {
        read.add(key);
        Object v = map.get(key);
        if (v == null) {
            return dflt(key, def);
        }
        if (v instanceof Map || v instanceof List) {
            problem(key, "expected a text value, got " + describe(v));
            return def;
        }
        return String.valueOf(v);
    }

    /**
     * Like {@link #string} but never printed: check-config and errors show it redacted, and the value is registered
     * with {@link io.hostpulse.core.Redactor#registerSecret} so that no log line, error or health field shows it,
     * in any encoding, even when a server echoes it back.
     */
    public String secret(String key, String def) {
        String v = string(key, def);
        if (has(key)) {
            secrets.add(keyPath(key));
            io.hostpulse.core.Redactor.registerSecret(v);
        }
        return v;
    }

    public boolean bool(String key, boolean def) {
        read.add(key);
        Object v = map.get(key);
        if (v == null) {
            return dflt(key, def);
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        problem(key, describe(v) + " is not a boolean (use true or false)");
        return def;
    }

    public long integer(String key, long def, long min, long max) {
        read.add(key);
        Object v = map.get(key);
        if (v == null) {
            return dflt(key, def);
        }
        Long n = wholeNumber(v);
        if (n == null) {
            problem(key, describe(v) + (isBigWholeNumber(v) ? " is out of range (" + min + " to " + max + ")"
                    : " is not a whole number"));
            return def;
        }
        if (n < min || n > max) {
            problem(key, n + " is out of range (" + min + " to " + max + ")");
            return def;
        }
        return n;
    }

    public double number(String key, double def, double min, double max) {
        read.add(key);
        Object v = map.get(key);
        if (v == null) {
            return dflt(key, def);
        }
        double n;
        try {
            n = v instanceof Number num ? num.doubleValue() : Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            problem(key, describe(v) + " is not a number");
            return def;
        }
        if (Double.isNaN(n) || n < min || n > max) {
            problem(key, v + " is out of range (" + min + " to " + max + ")");
            return def;
        }
        return n;
    }

    /** A byte size: a number, or a number with KiB, MiB, GiB (or KB, MB, GB, decimal). */
    public long bytes(String key, long def) {
        read.add(key);
        Object v = map.get(key);
        if (v == null) {
            return dflt(key, def);
        }
        Long b = v instanceof Number ? wholeNumber(v) : ByteSizes.parse(String.valueOf(v));
        if (b == null || b < 0) {
            problem(key, describe(v) + " is not a size (use 512MiB, 2GiB or a number of bytes)");
            return def;
        }
        return b;
    }

    public Duration duration(String key, Duration def) {
        read.add(key);
        Object v = map.get(key);
        if (v == null) {
            return dflt(key, def);
        }
        Duration d = Durations.parse(String.valueOf(v));
        if (d == null) {
            problem(key, describe(v) + " is not a duration (use 10s, 1m, 1h30m)");
            return def;
        }
        return d;
    }

    /** A duration that must be longer than zero (timeouts, intervals); otherwise a problem and the default. */
    public Duration positiveDuration(String key, Duration def) {
        Duration d = duration(key, def);
        if (d.isZero() || d.isNegative()) {
            problem(key, "must be longer than 0s");
            return def;
        }
        return d;
    }

    public <E extends Enum<E>> E choice(String key, E def, Class<E> type) {
        read.add(key);
        Object v = map.get(key);
        if (v == null) {
            return dflt(key, def);
        }
        String s = String.valueOf(v).trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s.replace('-', '_'))) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problem(key, describe(v) + " is not one of " + String.join(", ", names));
        return def;
    }

    public List<String> strings(String key, List<String> def) {
        read.add(key);
        Object v = map.get(key);
        if (v == null) {
            return dflt(key, def);
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (o instanceof Map || o instanceof List || o == null) {
                    problem(key, "expected a list of text values, found " + describe(o));
                    return def;
                }
                out.add(String.valueOf(o));
            }
            return List.copyOf(out);
        }
        if (v instanceof Map) {
            problem(key, "expected a list, got " + describe(v));
            return def;
        }
        return List.of(String.valueOf(v));
    }

    /** A map of text to text, such as global tags or HTTP headers. */
    public Map<String, String> stringMap(String key) {
        read.add(key);
        Object v = map.get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problem(key, "expected key: value lines, got " + describe(v));
            return out;
        }
        m.forEach((k, val) -> {
            if (val instanceof Map || val instanceof List) {
                problems.add(keyPath(key) + "." + k, "expected a text value, got " + describe(val));
            } else {
                out.put(String.valueOf(k), val == null ? "" : String.valueOf(val));
            }
        });
        return out;
    }

    /**
     * An http:// or https:// URL with a host and without user:password@ (credentials belong in their own secret
     * keys, where they are redacted). Returns null, with the problem recorded, when the value is not one.
     *
     * @param allowQuery false for base URLs that the caller appends paths to
     */
    public java.net.URI httpUrl(String key, String def, boolean allowQuery) {
        String raw = string(key, def);
        if (raw == null) {
            return null;
        }
        java.net.URI u;
        try {
            u = new java.net.URI(raw.trim());
        } catch (java.net.URISyntaxException e) {
            problem(key, "\"" + io.hostpulse.core.Redactor.redact(raw) + "\" is not a URL");
            return null;
        }
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
            problem(key, "\"" + io.hostpulse.core.Redactor.redact(raw) + "\" must start with http:// or https://");
            return null;
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            problem(key, "\"" + io.hostpulse.core.Redactor.redact(raw) + "\" has no host");
            return null;
        }
        if (u.getRawUserInfo() != null) {
            problem(key, "put credentials in their own keys (username/password, token), not in the URL");
            return null;
        }
        if (!allowQuery && u.getRawQuery() != null) {
            problem(key, "give the URL without a query (?...)");
            return null;
        }
        return u;
    }

    /**
     * Reads a value with a custom conversion; the function returns null (or throws an unchecked exception, such
     * as {@code Integer::valueOf} does) for bad input.
     */
    public <T> T custom(String key, T def, String expected, Function<String, T> convert) {
        read.add(key);
        Object v = map.get(key);
        if (v == null) {
            return plainDefault(key, def);
        }
        T t;
        try {
            t = convert.apply(String.valueOf(v));
        } catch (RuntimeException e) {
            t = null;
        }
        if (t == null) {
            problem(key, describe(v) + " is not " + expected);
            return def;
        }
        return t;
    }

    /**
     * A custom conversion's default is shown only when it is plain text, a number or a duration: another type
     * (an enum read from its own notation, such as a precision "s") could not be read back as written.
     */
    private <T> T plainDefault(String key, T def) {
        if (def instanceof String || def instanceof Number || def instanceof Boolean || def instanceof Duration) {
            effective.put(key, def);
        }
        return def;
    }

    private <T> T dflt(String key, T def) {
        if (def != null) {
            effective.put(key, def);
        }
        return def;
    }

    /**
     * Records the value the reader runs with for {@code key} when it is not what the file says (a default it worked
     * out, such as the host name), for {@link #effectiveTree()}.
     */
    public void effective(String key, Object value) {
        read.add(key);
        effective.put(key, value);
    }

    /**
     * The section as the agent runs it: every key that was read, with the file's value where it gave one and the
     * default the reader used otherwise (durations as {@code 10s}, choices in lower case), then the keys marked
     * known without being read. Secrets are not removed here: {@link #secretPaths()} names them.
     */
    public Map<String, Object> effectiveTree() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : read) {
            Object v;
            if (childByKey.containsKey(k) && !effective.containsKey(k)) {
                v = childByKey.get(k).effectiveTree();
            } else if (listByKey.containsKey(k) && !effective.containsKey(k)) {
                List<Object> l = new ArrayList<>();
                listByKey.get(k).forEach(c -> l.add(c.effectiveTree()));
                v = map.get(k) == null && l.isEmpty() ? null : l;
            } else if (effective.containsKey(k)) {
                v = printable(effective.get(k));
            } else {
                v = map.get(k);
            }
            if (v != null) {
                out.put(k, v);
            }
        }
        return out;
    }

    private static Object printable(Object v) {
        if (v instanceof Duration d) {
            return Durations.format(d);
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(printable(x)));
            return out;
        }
        if (v instanceof Map<?, ?> || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        return String.valueOf(v);
    }

    /** Marks a key as known without reading it (for sections handled elsewhere). */
    public void ignore(String key) {
        read.add(key);
    }

    /** Marks every key of this section as known: for a disabled section, whose keys are not read. */
    public void ignoreAll() {
        read.addAll(map.keySet());
    }

    /** Reports every key of this section and its sub-sections that no getter read, with a suggestion. */
    public void finish() {
        for (String k : map.keySet()) {
            if (!read.contains(k)) {
                String hint = DidYouMean.closest(k, read);
                problem(k, "unknown key" + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                        + (read.isEmpty() ? "" : "; known keys: " + String.join(", ", read)));
            }
        }
        for (ConfigNode c : children) {
            c.finish();
        }
    }

    /** A whole number that fits a long: Long, Integer, Short, Byte, such a BigInteger, or such text; else null. */
    private static Long wholeNumber(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? b.longValue() : null;
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isBigWholeNumber(Object v) {
        return v instanceof BigInteger || String.valueOf(v).trim().matches("[-+]?[0-9]{19,}");
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Map) {
            return "a section";
        }
        if (v instanceof List) {
            return "a list";
        }
        return "\"" + v + "\"";
    }
}
