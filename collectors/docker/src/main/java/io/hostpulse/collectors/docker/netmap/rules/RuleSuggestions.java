package io.hostpulse.collectors.docker.netmap.rules;

import io.hostpulse.collectors.docker.netmap.NetworkMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code hostpulse map --suggest}: segmentation rules that the map they are derived from satisfies, from its edges
 * (seen now or remembered) and its containers, as YAML to paste under {@code collectors.docker.network_map}.
 * Every rule proposed holds on that map, so pasting them fires nothing until something new happens:
 * <ul>
 *   <li>{@code accept_only}, per network (other than the host network) with a member that served an edge:
 *       {@code to: network:N}, {@code from} the clients of every member of N (over any network), covered by as few
 *       selectors as it takes. A network M is written as {@code network:M} when every container on M either was
 *       seen as such a client or is itself on N (so the rule lets in nobody who was not seen, except N's own
 *       members) and it covers at least two of the clients; every other client is named ({@code container:},
 *       {@code outside}, {@code host}).</li>
 *   <li>{@code outside_only}, when something was reached from outside (the outside node or a published port):
 *       {@code to} the servers that were.</li>
 *   <li>{@code no_published_ports}, per network none of whose members publishes a port or was reached from
 *       outside, and which is {@code internal} or whose members all served an edge (a network of servers that the
 *       inside reaches; a network with members that only make connections may be meant to talk to the world).</li>
 *   <li>{@code not_on_both}, per pair of a network that outside connections crossed and a network with no
 *       published port and no edge with outside, when no container (up or not) is on both.</li>
 * </ul>
 */
public final class RuleSuggestions {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:/-]*");
    private static final int LISTED = 6;

    private RuleSuggestions() {
    }

    private record Suggestion(String comment, String name, RuleKind kind, Map<String, Object> keys) {
    }

    public static String yaml(NetworkMap map) {
        StringBuilder sb = new StringBuilder();
        int now = (int) map.edges().stream().filter(e -> e.connections() > 0).count();
        if (map.edges().isEmpty()) {
            sb.append("# nothing was observed yet on ").append(line(map.host())).append(" at ").append(map.time())
                    .append(": no connection between its containers, the host and outside,\n")
                    .append("# so there is nothing to derive segmentation rules from; run this again once the containers have talked.\n");
            if (map.coverage() != null && map.coverage().note() != null) {
                sb.append("# ").append(line(map.coverage().note())).append('\n');
            }
            return sb.toString();
        }
        sb.append("# segmentation rules derived from the network map of ").append(line(map.host())).append(" at ")
                .append(map.time()).append(": ").append(map.edges().size()).append(" edges (").append(now)
                .append(" seen now, ").append(map.edges().size() - now).append(" remembered).\n")
                .append("# The map satisfies every rule below; review them, then paste them under collectors.docker.network_map.\n");
        if (map.coverage() != null && map.coverage().note() != null) {
            sb.append("# ").append(line(map.coverage().note())).append('\n');
        }
        MapIndex m = new MapIndex(map);
        List<Suggestion> all = new ArrayList<>();
        for (NetworkMap.Network n : map.networks()) {
            if (!n.name().equals(NetworkMap.HOST_NETWORK)) {
                acceptOnly(m, n.name(), all);
            }
        }
        outsideOnly(m, all);
        for (NetworkMap.Network n : map.networks()) {
            if (!n.name().equals(NetworkMap.HOST_NETWORK) && private_(m, n)) {
                List<String> members = members(map, n.name());
                all.add(new Suggestion(n.name() + (n.internal() ? " is internal" : " holds only servers") + " and none of its "
                        + members.size() + " members (" + list(members) + ") publishes a port or was reached from outside",
                        "no_published_ports_" + n.name(), RuleKind.NO_PUBLISHED_PORTS, Map.of("on", "network:" + n.name())));
            }
        }
        notOnBoth(m, all);
        if (all.isEmpty()) {
            sb.append("# nothing to suggest: no network has a member that served a connection, and none is private\n")
                    .append("rules: []\n");
            return sb.toString();
        }
        sb.append("rules:\n");
        for (Suggestion s : all) {
            sb.append("  # ").append(line(s.comment)).append('\n');
            sb.append("  - name: ").append(scalar(s.name)).append('\n');
            sb.append("    kind: ").append(s.kind.word()).append('\n');
            s.keys.forEach((k, v) -> {
                sb.append("    ").append(k).append(": ");
                if (v instanceof List<?> l) {
                    sb.append('[').append(String.join(", ", l.stream().map(x -> scalar((String) x)).toList())).append(']');
                } else {
                    sb.append(scalar((String) v));
                }
                sb.append('\n');
            });
        }
        return sb.toString();
    }

    private static void acceptOnly(MapIndex m, String net, List<Suggestion> out) {
        Set<String> servers = new TreeSet<>();
        Set<String> clients = new TreeSet<>();
        int edges = 0;
        for (NetworkMap.Edge e : m.map.edges()) {
            NetworkMap.Node server = m.node(e.server());
            if (server.kind() == NetworkMap.Kind.CONTAINER && server.networks().contains(net)) {
                servers.add(e.server());
                clients.add(e.client());
                edges++;
            }
        }
        if (servers.isEmpty()) {
            return;
        }
        Set<String> allowed = new TreeSet<>(clients);
        allowed.addAll(members(m.map, net));
        Set<String> uncovered = new TreeSet<>();
        for (String c : clients) {
            if (m.node(c).kind() == NetworkMap.Kind.CONTAINER) {
                uncovered.add(c);
            }
        }
        List<String> from = new ArrayList<>();
        List<String> described = new ArrayList<>();
        while (true) {
            String best = null;
            List<String> bestCovers = List.of();
            for (NetworkMap.Network candidate : m.map.networks()) {
                List<String> members = members(m.map, candidate.name());
                if (!allowed.containsAll(members)) {
                    continue;
                }
                List<String> covers = members.stream().filter(uncovered::contains).toList();
                if (covers.size() > bestCovers.size()) {
                    best = candidate.name();
                    bestCovers = covers;
                }
            }
            if (best == null || bestCovers.size() < 2) {
                break;
            }
            from.add("network:" + best);
            described.add(list(bestCovers) + " (on " + best + ")");
            uncovered.removeAll(bestCovers);
        }
        for (String c : uncovered) {
            from.add("container:" + c);
            described.add(c);
        }
        if (clients.contains(NetworkMap.HOST)) {
            from.add("host");
            described.add("the host");
        }
        if (clients.contains(NetworkMap.OUTSIDE)) {
            from.add("outside");
            described.add("outside");
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("to", "network:" + net);
        keys.put("from", List.copyOf(from));
        out.add(new Suggestion(edges + (edges == 1 ? " edge" : " edges") + " to members of " + net + " ("
                + list(new ArrayList<>(servers)) + ") came from " + String.join(", ", described),
                "accept_only_" + net, RuleKind.ACCEPT_ONLY, keys));
    }

    private static void outsideOnly(MapIndex m, List<Suggestion> out) {
        Set<String> servers = new TreeSet<>();
        List<String> seen = new ArrayList<>();
        for (NetworkMap.Edge e : m.map.edges()) {
            if (m.fromOutside(e)) {
                servers.add(e.server());
                seen.add(e.client() + " -> " + e.server() + ":" + e.port() + "/" + e.proto());
            }
        }
        if (servers.isEmpty()) {
            return;
        }
        List<String> to = new ArrayList<>();
        for (String s : servers) {
            NetworkMap.Kind k = m.node(s).kind();
            to.add(k == NetworkMap.Kind.HOST ? "host" : k == NetworkMap.Kind.OUTSIDE ? "outside" : "container:" + s);
        }
        out.add(new Suggestion("connections from outside (the outside node or a published port) reached only "
                + list(new ArrayList<>(servers)) + ": " + list(seen), "outside_only", RuleKind.OUTSIDE_ONLY,
                Map.of("to", List.copyOf(to))));
    }

    private static void notOnBoth(MapIndex m, List<Suggestion> out) {
        Set<String> facing = new TreeSet<>();
        for (NetworkMap.Edge e : m.map.edges()) {
            if (m.fromOutside(e) && !e.network().equals(NetworkMap.HOST_NETWORK)) {
                facing.add(e.network());
            }
        }
        for (String a : facing) {
            for (NetworkMap.Network b : m.map.networks()) {
                String bn = b.name();
                if (bn.equals(NetworkMap.HOST_NETWORK) || facing.contains(bn) || members(m.map, bn).isEmpty()
                        || publishes(m.map, bn) || touchesOutside(m, bn) || shared(m.map, a, bn)) {
                    continue;
                }
                out.add(new Suggestion(a + " is reached from outside, " + bn
                        + " has no published port and no traffic with outside, and no container is on both",
                        "not_on_both_" + a + "_" + bn, RuleKind.NOT_ON_BOTH, Map.of("networks", List.of(a, bn))));
            }
        }
    }

    /** No member publishes or was reached from outside; internal, or every member served an edge. */
    private static boolean private_(MapIndex m, NetworkMap.Network n) {
        List<String> members = members(m.map, n.name());
        if (members.isEmpty() || publishes(m.map, n.name())) {
            return false;
        }
        Set<String> served = new TreeSet<>();
        for (NetworkMap.Edge e : m.map.edges()) {
            served.add(e.server());
            if (m.fromOutside(e) && members.contains(e.server())) {
                return false;
            }
        }
        return n.internal() || served.containsAll(members);
    }

    private static List<String> members(NetworkMap map, String net) {
        List<String> out = new ArrayList<>();
        for (NetworkMap.Node n : map.nodes()) {
            if (n.kind() == NetworkMap.Kind.CONTAINER && n.networks().contains(net)) {
                out.add(n.name());
            }
        }
        return out;
    }

    private static boolean publishes(NetworkMap map, String net) {
        return map.nodes().stream().anyMatch(n -> n.kind() == NetworkMap.Kind.CONTAINER && n.networks().contains(net)
                && !n.published().isEmpty());
    }

    /** An edge over the network with the outside node at either end, or through a published port. */
    private static boolean touchesOutside(MapIndex m, String net) {
        for (NetworkMap.Edge e : m.map.edges()) {
            if (e.network().equals(net) && (m.fromOutside(e) || m.node(e.server()).kind() == NetworkMap.Kind.OUTSIDE)) {
                return true;
            }
        }
        return false;
    }

    private static boolean shared(NetworkMap map, String a, String b) {
        return map.nodes().stream().anyMatch(n -> n.networks().contains(a) && n.networks().contains(b));
    }

    private static String list(List<String> names) {
        if (names.size() <= LISTED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, LISTED)) + " and " + (names.size() - LISTED) + " more";
    }

    /** One comment line: no line breaks from names. */
    private static String line(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ");
    }

    /** A YAML scalar: plain when it is a plain name or selector, else double-quoted. */
    static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !s.endsWith(":")) {
            return s;
        }
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\x%02x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
