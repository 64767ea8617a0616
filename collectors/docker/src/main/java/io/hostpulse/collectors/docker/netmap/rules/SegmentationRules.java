package io.hostpulse.collectors.docker.netmap.rules;

import io.hostpulse.collectors.docker.netmap.NetworkMap;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.config.DidYouMean;
import io.hostpulse.core.text.Glob;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The segmentation rules of {@code collectors.docker.network_map.rules}, checked against each new map. Reading them
 * records every problem on the config node at once (file and key path, what is expected, did-you-mean for kinds,
 * keys and selector prefixes) and keeps the valid rules, so one bad rule does not switch the others off.
 *
 * <p>Checking is pure: the same map gives the same violations, in rule order, then in the map's order. The
 * connection kinds ({@code accept_only}, {@code outside_only}) fire only for edges seen now (connections &gt; 0),
 * never for remembered ones; the static kinds ({@code not_on_both}, {@code no_published_ports}) for containers that
 * are up (not created, exited or dead).
 */
public final class SegmentationRules {
    private static final SegmentationRules NONE = new SegmentationRules(List.of());

    private final List<SegmentationRule> rules;

    private SegmentationRules(List<SegmentationRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static SegmentationRules none() {
        return NONE;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The rules' names, in config order. */
    public List<String> names() {
        return rules.stream().map(SegmentationRule::name).toList();
    }

    /** Every violation of every rule on this map. */
    public List<Violation> check(NetworkMap map) {
        if (rules.isEmpty()) {
            return List.of();
        }
        MapIndex m = new MapIndex(map);
        List<Violation> out = new ArrayList<>();
        for (SegmentationRule r : rules) {
            r.check(m, out);
        }
        return List.copyOf(out);
    }

    /**
     * One line per network name or glob of a rule that matches no network of this map ({@code db_nett}, with a
     * did-you-mean among the map's networks): such a rule can never fire, which is worth a log line each time the
     * list changes, but is no config error, since networks come and go with their compose projects.
     */
    public List<String> unmatchedNetworks(NetworkMap map) {
        List<String> known = map.networks().stream().map(NetworkMap.Network::name).toList();
        List<String> out = new ArrayList<>();
        for (SegmentationRule r : rules) {
            for (String g : new LinkedHashSet<>(r.networkGlobs())) {
                Glob glob = Glob.of(g);
                if (known.stream().noneMatch(glob::matches)) {
                    String hint = g.contains("*") || g.contains("?") ? null : DidYouMean.closest(g, known);
                    out.add(r.path() + " (" + r.name() + "): network " + g + " matches no network on this host"
                            + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                            + (known.isEmpty() ? "" : "; networks: " + String.join(", ", known)));
                }
            }
        }
        return out;
    }

    /** Reads the list under {@code rules} of the {@code network_map} node. */
    public static SegmentationRules parse(ConfigNode networkMap) {
        List<SegmentationRule> out = new ArrayList<>();
        Map<String, String> pathByName = new HashMap<>();
        List<ConfigNode> list = networkMap.children("rules");
        for (int i = 0; i < list.size(); i++) {
            ConfigNode n = list.get(i);
            int before = n.problems().all().size();
            SegmentationRule r = parseOne(n, position(n, i));
            if (r != null) {
                String other = pathByName.putIfAbsent(r.name(), n.path());
                if (other != null) {
                    n.problem("name", "duplicate rule name \"" + r.name() + "\" (also " + other
                            + "); the name identifies the rule's alert, give each rule its own");
                }
            }
            if (r != null && n.problems().all().size() == before) {
                out.add(r);
            }
        }
        return out.isEmpty() ? NONE : new SegmentationRules(out);
    }

    /** The rule's place in the list as written ({@code rules[3]}), which entries that are no section do not shift. */
    private static int position(ConfigNode n, int fallback) {
        String p = n.path();
        int open = p.lastIndexOf('[');
        try {
            return open < 0 ? fallback : Integer.parseInt(p.substring(open + 1, p.length() - 1));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static SegmentationRule parseOne(ConfigNode n, int index) {
        String kindText = n.string("kind", null);
        if (kindText == null || kindText.isBlank()) {
            n.problem("kind", "missing: one of " + String.join(", ", RuleKind.words()));
            n.ignoreAll();
            return null;
        }
        RuleKind kind = RuleKind.named(kindText);
        if (kind == null) {
            String hint = DidYouMean.closest(kindText.trim(), RuleKind.words());
            n.problem("kind", "\"" + kindText + "\" is not a rule kind" + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                    + "; use one of " + String.join(", ", RuleKind.words()));
            n.ignoreAll(); // its other keys cannot be judged without a kind
            return null;
        }
        String name = n.string("name", kind.word() + "_" + (index + 1)).trim();
        if (name.isEmpty()) {
            n.problem("name", "empty: give the rule a name, or leave the key out for " + kind.word() + "_" + (index + 1));
        }
        for (String k : n.keys()) {
            if (k.equals("name") || k.equals("kind") || kind.keys().contains(k)) {
                continue;
            }
            String hint = DidYouMean.closest(k, kind.keys());
            RuleKind other = kind.otherWith(k);
            n.problem(k, "not a key of kind " + kind.word() + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                    + (other == null ? "" : "; '" + k + "' belongs to kind " + other.word())
                    + "; its keys: name, kind, " + String.join(", ", kind.keys()));
            n.ignore(k); // reported here, with the kind's own keys, rather than again as an unknown key
        }
        String path = n.path();
        return switch (kind) {
            case ACCEPT_ONLY -> new SegmentationRule.AcceptOnly(name, path,
                    selectors(n, "to", "the servers it protects, such as network:db_net"),
                    selectors(n, "from", "the clients they accept, such as [network:backend_net, container:app]"));
            case OUTSIDE_ONLY -> new SegmentationRule.OutsideOnly(name, path,
                    selectors(n, "to", "the servers that may be reached from outside, such as [container:npm]"));
            case NO_PUBLISHED_PORTS -> new SegmentationRule.NoPublishedPorts(name, path,
                    selectors(n, "on", "the containers that must not publish ports, such as network:db_net"));
            case NOT_ON_BOTH -> new SegmentationRule.NotOnBoth(name, path, networks(n));
        };
    }

    /** One selector or a list of them; missing, empty or bad entries are problems. */
    private static List<Selector> selectors(ConfigNode n, String key, String expected) {
        if (!n.has(key)) {
            n.strings(key, null); // read, so that it is not reported again as unknown
            n.problem(key, "missing: give " + expected);
            return List.of();
        }
        List<String> raw = n.strings(key, null);
        if (raw == null) {
            return List.of(); // not a list of text: ConfigNode recorded it
        }
        if (raw.isEmpty()) {
            n.problem(key, "empty list: give " + expected);
            return List.of();
        }
        List<Selector> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            StringBuilder why = new StringBuilder();
            Selector s = Selector.parse(raw.get(i), why);
            if (s == null) {
                n.problem(raw.size() == 1 ? key : key + "[" + i + "]", why.toString());
            } else {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /** Two or more network names or globs, each optionally written as a {@code network:} selector. */
    private static List<Glob> networks(ConfigNode n) {
        String expected = "two or more network names, such as [frontend_net, db_net]";
        if (!n.has("networks")) {
            n.strings("networks", null);
            n.problem("networks", "missing: give " + expected);
            return List.of();
        }
        List<String> raw = n.strings("networks", null);
        if (raw == null) {
            return List.of();
        }
        List<Glob> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String s = raw.get(i).trim();
            if (s.startsWith("network:")) {
                s = s.substring("network:".length()).trim();
            }
            String at = "networks[" + i + "]";
            if (s.isEmpty()) {
                n.problem(at, "an empty network name");
            } else if (s.contains(":")) {
                n.problem(at, "\"" + raw.get(i) + "\" is not a network name (not_on_both takes networks only: "
                        + "a name, a glob or network:<name>)");
            } else if (!seen.add(s)) {
                n.problem(at, "lists " + s + " twice");
            } else {
                out.add(Glob.of(s));
            }
        }
        if (raw.size() < 2) {
            n.problem("networks", (raw.isEmpty() ? "empty list" : "only one network") + ": give " + expected);
        }
        return List.copyOf(out);
    }
}
