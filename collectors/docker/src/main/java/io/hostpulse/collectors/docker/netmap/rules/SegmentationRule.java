package io.hostpulse.collectors.docker.netmap.rules;

import io.hostpulse.collectors.docker.netmap.NetworkMap;
import io.hostpulse.core.text.Glob;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One parsed segmentation rule. The connection kinds ({@code accept_only}, {@code outside_only}) look only at edges
 * seen now (connections &gt; 0): a remembered edge is history, not a breach. The static kinds ({@code not_on_both},
 * {@code no_published_ports}) look at containers that are up.
 */
sealed interface SegmentationRule {

    String name();

    RuleKind kind();

    /** The rule's config path ({@code collectors.docker.network_map.rules[2]}), for messages about the rule itself. */
    String path();

    void check(MapIndex m, List<Violation> out);

    /** The network globs the rule names, to tell the user about one that matches no network of the host. */
    List<String> networkGlobs();

    /** Servers matching {@code to} accept connections only from clients matching one of {@code from}. */
    record AcceptOnly(String name, String path, List<Selector> to, List<Selector> from) implements SegmentationRule {
        public RuleKind kind() {
            return RuleKind.ACCEPT_ONLY;
        }

        public void check(MapIndex m, List<Violation> out) {
            for (NetworkMap.Edge e : m.map.edges()) {
                if (e.connections() <= 0 || !Selector.any(to, m.node(e.server()))
                        || Selector.any(from, m.node(e.client()))) {
                    continue;
                }
                out.add(edgeViolation(this, e, Texts.edge(e) + ", but rule " + name + " lets " + e.server()
                        + " accept connections only from " + Selector.texts(from)));
            }
        }

        public List<String> networkGlobs() {
            return globs(to, from);
        }
    }

    /** Only servers matching one of {@code to} accept connections from outside (the outside node, published ports). */
    record OutsideOnly(String name, String path, List<Selector> to) implements SegmentationRule {
        public RuleKind kind() {
            return RuleKind.OUTSIDE_ONLY;
        }

        public void check(MapIndex m, List<Violation> out) {
            for (NetworkMap.Edge e : m.map.edges()) {
                if (e.connections() <= 0 || !m.fromOutside(e) || Selector.any(to, m.node(e.server()))) {
                    continue;
                }
                out.add(edgeViolation(this, e, Texts.edge(e) + ", but rule " + name + " lets only "
                        + Selector.texts(to) + " accept connections from outside"));
            }
        }

        public List<String> networkGlobs() {
            return globs(to);
        }
    }

    /** No container is a member of two of the networks (each a glob; two different networks must match). */
    record NotOnBoth(String name, String path, List<Glob> networks) implements SegmentationRule {
        public RuleKind kind() {
            return RuleKind.NOT_ON_BOTH;
        }

        public void check(MapIndex m, List<Violation> out) {
            for (NetworkMap.Node n : m.map.nodes()) {
                if (!MapIndex.up(n)) {
                    continue;
                }
                String[] pair = pair(n.networks());
                if (pair != null) {
                    out.add(new Violation(name, kind().word(), null, n.name(), 0, null, pair[0] + "+" + pair[1], 1,
                            "container " + n.name() + " is on both " + pair[0] + " and " + pair[1] + ", which rule "
                                    + name + " forbids"));
                }
            }
        }

        /** Two different networks of the container that match two different entries, or null. */
        String[] pair(List<String> memberOf) {
            for (int i = 0; i < networks.size(); i++) {
                for (int j = i + 1; j < networks.size(); j++) {
                    for (String a : memberOf) {
                        if (!networks.get(i).matches(a)) {
                            continue;
                        }
                        for (String b : memberOf) {
                            if (!a.equals(b) && networks.get(j).matches(b)) {
                                return new String[]{a, b};
                            }
                        }
                    }
                }
            }
            return null;
        }

        public List<String> networkGlobs() {
            return networks.stream().map(Glob::toString).toList();
        }
    }

    /** No container matching {@code on} publishes a port on the host: one violation per container and host port. */
    record NoPublishedPorts(String name, String path, List<Selector> on) implements SegmentationRule {
        public RuleKind kind() {
            return RuleKind.NO_PUBLISHED_PORTS;
        }

        public void check(MapIndex m, List<Violation> out) {
            for (NetworkMap.Node n : m.map.nodes()) {
                if (!MapIndex.up(n) || !Selector.any(on, n)) {
                    continue;
                }
                String network = network(n);
                // Docker lists a port published on all addresses twice (0.0.0.0 and ::): one breach
                Set<String> seen = new TreeSet<>();
                for (NetworkMap.PublishedPort p : n.published()) {
                    if (!seen.add(p.hostPort() + "/" + p.proto())) {
                        continue;
                    }
                    out.add(new Violation(name, kind().word(), null, n.name(), p.hostPort(), p.proto(), network, 1,
                            "container " + n.name() + (network == null ? "" : " on " + network) + " publishes "
                                    + Texts.published(p) + " on the host, which rule " + name + " forbids"));
                }
            }
        }

        /** The network the rule matched the container by, else the network it is drawn in. */
        private String network(NetworkMap.Node n) {
            for (Selector s : on) {
                if (s.type() == Selector.Type.NETWORK) {
                    for (String net : n.networks()) {
                        if (s.glob().matches(net)) {
                            return net;
                        }
                    }
                }
            }
            return n.home();
        }

        public List<String> networkGlobs() {
            return globs(on);
        }
    }

    private static Violation edgeViolation(SegmentationRule r, NetworkMap.Edge e, String message) {
        return new Violation(r.name(), r.kind().word(), e.client(), e.server(), e.port(), e.proto(), e.network(),
                e.connections(), message + " (" + Texts.connections(e.connections()) + " now)");
    }

    @SafeVarargs
    private static List<String> globs(List<Selector>... lists) {
        List<String> out = new ArrayList<>();
        for (List<Selector> l : lists) {
            for (Selector s : l) {
                if (s.type() == Selector.Type.NETWORK) {
                    out.add(s.glob().toString());
                }
            }
        }
        return out;
    }
}
