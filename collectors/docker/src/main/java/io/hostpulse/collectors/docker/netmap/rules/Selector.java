package io.hostpulse.collectors.docker.netmap.rules;

import io.hostpulse.collectors.docker.netmap.NetworkMap;
import io.hostpulse.core.config.DidYouMean;
import io.hostpulse.core.text.Glob;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which nodes of the map a rule names. Written {@code network:<glob>} (the members of a matching network: a container
 * on several networks is a member of each), {@code container:<glob>} (by container name), {@code service:<glob>} (by
 * compose service label), {@code outside} (the pseudo node of every address off the host), {@code host} (the pseudo
 * node of the host's own processes; host-mode containers are {@code network:host}) or {@code any}.
 */
record Selector(Type type, Glob glob) {

    enum Type {
        NETWORK, CONTAINER, SERVICE, OUTSIDE, HOST, ANY;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean hasGlob() {
            return this == NETWORK || this == CONTAINER || this == SERVICE;
        }
    }

    static final String FORMS = "network:<name>, container:<name>, service:<name>, outside, host or any";

    static Selector of(Type type, String glob) {
        return new Selector(type, glob == null ? null : Glob.of(glob));
    }

    boolean matches(NetworkMap.Node n) {
        return switch (type) {
            case NETWORK -> n.networks().stream().anyMatch(glob::matches);
            case CONTAINER -> n.kind() == NetworkMap.Kind.CONTAINER && glob.matches(n.name());
            case SERVICE -> n.kind() == NetworkMap.Kind.CONTAINER && glob.matches(n.service());
            case OUTSIDE -> n.kind() == NetworkMap.Kind.OUTSIDE;
            case HOST -> n.kind() == NetworkMap.Kind.HOST;
            case ANY -> true;
        };
    }

    /** As written in the config: {@code network:db_net}, {@code outside}. */
    String text() {
        return type.hasGlob() ? type.word() + ":" + glob : type.word();
    }

    @Override
    public String toString() {
        return text();
    }

    /** True when any of the selectors matches the node. */
    static boolean any(List<Selector> selectors, NetworkMap.Node n) {
        for (Selector s : selectors) {
            if (s.matches(n)) {
                return true;
            }
        }
        return false;
    }

    static String texts(List<Selector> selectors) {
        return String.join(", ", selectors.stream().map(Selector::text).toList());
    }

    /**
     * Reads one selector; null with {@code why} filled with what is wrong and what was expected (with a
     * did-you-mean for a misspelt prefix or word).
     */
    static Selector parse(String raw, StringBuilder why) {
        String s = raw == null ? "" : raw.trim();
        int colon = s.indexOf(':');
        List<String> prefixes = Arrays.stream(Type.values()).filter(Type::hasGlob).map(Type::word).toList();
        List<String> words = Arrays.stream(Type.values()).filter(t -> !t.hasGlob()).map(Type::word).toList();
        if (colon < 0) {
            for (Type t : Type.values()) {
                if (!t.hasGlob() && t.word().equalsIgnoreCase(s)) {
                    return new Selector(t, null);
                }
            }
            if (s.isEmpty()) {
                why.append("an empty selector; use ").append(FORMS);
                return null;
            }
            String hint = DidYouMean.closest(s, words);
            why.append('"').append(s).append("\" is not a selector (")
                    .append(hint != null ? "did you mean '" + hint + "' or 'container:" + s + "'?"
                            : "did you mean 'container:" + s + "'?")
                    .append("); use ").append(FORMS);
            return null;
        }
        String prefix = s.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String glob = s.substring(colon + 1).trim();
        for (Type t : Type.values()) {
            if (t.hasGlob() && t.word().equals(prefix)) {
                if (glob.isEmpty()) {
                    why.append('"').append(s).append("\" names no ").append(t.word()).append(" (give a name or a glob after '")
                            .append(t.word()).append(":')");
                    return null;
                }
                return of(t, glob);
            }
        }
        if (words.contains(prefix)) {
            why.append('"').append(s).append("\" gives a name to '").append(prefix).append("', which takes none: write ")
                    .append(prefix);
            return null;
        }
        String hint = DidYouMean.closest(prefix, prefixes);
        why.append('"').append(s).append("\" has an unknown prefix '").append(prefix).append(":'")
                .append(hint == null ? "" : " (did you mean '" + hint + ":'?)").append("; use ").append(FORMS);
        return null;
    }
}
