package io.hostpulse.agent.alerts;

import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.config.DidYouMean;
import io.hostpulse.exporters.notify.KumaConfig;
import io.hostpulse.exporters.notify.WebhookConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code alerts:} section: on/off, the built-in rules (each can be switched off or tuned), the user's rules,
 * Uptime Kuma push monitors and webhooks.
 *
 * @param rules        built-in and user rules, before the check against the enabled collectors
 * @param switchedOff  built-in rules switched off by the user
 */
public record AlertsConfig(boolean enabled, Duration repeat, List<Rule> rules, List<String> switchedOff,
                           List<KumaConfig> kuma, List<WebhookConfig> webhooks) {

    public static final Duration DEFAULT_REPEAT = Duration.ofHours(4);

    public static AlertsConfig off() {
        return new AlertsConfig(false, DEFAULT_REPEAT, List.of(), List.of(), List.of(), List.of());
    }

    public static AlertsConfig from(ConfigNode node) {
        boolean enabled = node.bool("enabled", true);
        if (!enabled) {
            node.ignoreAll();
            return off();
        }
        Duration repeat = node.duration("repeat", DEFAULT_REPEAT);
        Map<String, Rule> builtIn = DefaultRules.rules(repeat);
        List<Rule> rules = new ArrayList<>();
        List<String> off = new ArrayList<>();
        ConfigNode defaults = node.child("defaults");
        for (String k : defaults.keys()) {
            if (!builtIn.containsKey(k)) {
                String hint = DidYouMean.closest(k, builtIn.keySet());
                defaults.problem(k, "no built-in rule of that name" + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                        + "; built-in rules: " + String.join(", ", builtIn.keySet()));
                defaults.ignore(k);
            }
        }
        for (Rule r : builtIn.values()) {
            if (!defaults.has(r.name())) {
                defaults.ignore(r.name());
                rules.add(r);
                continue;
            }
            if (!defaults.isSection(r.name())) {
                if (defaults.bool(r.name(), true)) {
                    rules.add(r);
                } else {
                    off.add(r.name());
                }
                continue;
            }
            ConfigNode section = defaults.child(r.name());
            if (!section.bool("enabled", true)) {
                section.ignoreAll();
                off.add(r.name());
                continue;
            }
            rules.add(Rule.parse(section, r, r.name(), repeat));
        }
        Set<String> names = new TreeSet<>(builtIn.keySet());
        List<ConfigNode> custom = node.children("rules");
        for (int i = 0; i < custom.size(); i++) {
            ConfigNode c = custom.get(i);
            if (!c.bool("enabled", true)) {
                c.ignoreAll();
                continue;
            }
            Rule r = Rule.parse(c, null, "rule" + (i + 1), repeat);
            if (!names.add(r.name())) {
                c.problem("name", "\"" + r.name() + "\" is already a rule name"
                        + (builtIn.containsKey(r.name()) ? " (a built-in: tune it under alerts.defaults." + r.name() + ")" : ""));
            }
            rules.add(r);
        }
        List<KumaConfig> kuma = new ArrayList<>();
        List<ConfigNode> k = node.children("uptime_kuma");
        for (int i = 0; i < k.size(); i++) {
            kuma.add(KumaConfig.from(k.get(i), i + 1));
        }
        List<WebhookConfig> hooks = new ArrayList<>();
        List<ConfigNode> w = node.children("webhooks");
        for (int i = 0; i < w.size(); i++) {
            hooks.add(WebhookConfig.from(w.get(i), i + 1));
        }
        return new AlertsConfig(true, repeat, List.copyOf(rules), List.copyOf(off), List.copyOf(kuma), List.copyOf(hooks));
    }

    /**
     * The rules that can run with the enabled collectors. A user rule naming a measurement or field that no enabled
     * collector writes is a config problem (listing the known ones); a built-in rule over such a measurement is
     * inactive (no Docker collector, no container rules).
     *
     * @param schema measurement to field names ({@link CollectorPlugin#schema()}: {@code *} any, {@code prefix*})
     */
    public List<Rule> active(Map<String, Set<String>> schema, ConfigNode node) {
        List<Rule> out = new ArrayList<>();
        for (Rule r : rules) {
            if (r.measurement() == null || r.field() == null) {
                continue; // already reported as missing
            }
            Set<String> fields = schema.get(r.measurement());
            if (fields == null) {
                if (!r.builtIn()) {
                    node.problem("rules", "rule " + r.name() + ": no enabled collector writes measurement \""
                            + r.measurement() + "\"" + hint(r.measurement(), schema.keySet())
                            + "; known measurements: " + String.join(", ", new TreeSet<>(schema.keySet())));
                }
                continue;
            }
            List<String> unknown = new ArrayList<>();
            for (String f : fieldsOf(r)) {
                if (!known(fields, f)) {
                    unknown.add(f);
                }
            }
            if (!unknown.isEmpty()) {
                node.problem(r.builtIn() ? "defaults." + r.name() : "rules", "rule " + r.name() + ": measurement "
                        + r.measurement() + " has no field " + String.join(", ", unknown)
                        + hint(unknown.get(0), fields) + "; known fields: " + String.join(", ", new TreeSet<>(fields)));
                continue;
            }
            out.add(r);
        }
        return out;
    }

    private static List<String> fieldsOf(Rule r) {
        List<String> f = new ArrayList<>();
        f.add(r.field());
        if (r.per() != null) {
            f.add(r.per());
        }
        if (r.countBy() != null) {
            f.add(r.countBy());
        }
        r.where().forEach(c -> f.add(c.field()));
        f.addAll(r.levelFrom().values());
        return f;
    }

    static boolean known(Set<String> fields, String f) {
        for (String d : fields) {
            if (d.equals(CollectorPlugin.ANY_FIELD) || d.equals(f)
                    || d.endsWith("*") && f.startsWith(d.substring(0, d.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private static String hint(String name, Set<String> known) {
        String h = DidYouMean.closest(name, known);
        return h == null ? "" : " (did you mean '" + h + "'?)";
    }

    /** Rules per built-in name, for check-config and the docs test. */
    static Map<String, Rule> builtIns() {
        return new LinkedHashMap<>(DefaultRules.rules(DEFAULT_REPEAT));
    }
}
