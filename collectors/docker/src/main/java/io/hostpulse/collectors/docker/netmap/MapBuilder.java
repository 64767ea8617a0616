package io.hostpulse.collectors.docker.netmap;

import io.hostpulse.collectors.docker.netmap.socket.Socket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pure: the topology, the edges and what each container listens on -&gt; the {@link NetworkMap}. A container on
 * several networks is drawn in one of them, its home, chosen so that it sits where its owner would draw it:
 * <ol>
 *   <li>the network its {@code hostpulse.map.network} label names, when it is one of its networks;</li>
 *   <li>the host network for {@code network_mode: host};</li>
 *   <li>the network on which it serves the most edges (a web app proxied to on frontend_net is drawn there even
 *       though it also talks to its database on db_net);</li>
 *   <li>else the network on which it opens the most edges;</li>
 *   <li>else the network shared with the most containers of its compose project, then the one with the fewest
 *       members (the more specific one), then by name.</li>
 * </ol>
 */
public final class MapBuilder {
    private MapBuilder() {
    }

    public static NetworkMap build(String host, Instant time, Topology t, Map<String, List<Socket>> sockets,
                                   List<NetworkMap.Edge> edges, NetworkMap.Coverage coverage) {
        Map<String, Integer> members = new HashMap<>();
        boolean hostNetwork = false;
        for (Topology.Container c : t.containers()) {
            c.addresses().keySet().forEach(n -> members.merge(n, 1, Integer::sum));
            hostNetwork |= c.hostMode();
        }
        List<NetworkMap.Network> networks = new ArrayList<>();
        for (Topology.Net n : t.networks()) {
            if (NetworkMap.HOST_NETWORK.equals(n.name()) && !hostNetwork) {
                continue; // Docker's predefined "host" network: drawn only when a container uses it
            }
            if ("none".equals(n.name())) {
                continue; // Docker's predefined "none": its members have no network
            }
            networks.add(new NetworkMap.Network(n.name(), n.driver() == null ? "" : n.driver(), n.internal(), n.subnets()));
        }
        if (hostNetwork && networks.stream().noneMatch(n -> n.name().equals(NetworkMap.HOST_NETWORK))) {
            networks.add(new NetworkMap.Network(NetworkMap.HOST_NETWORK, "host", false, List.of()));
        }
        networks.sort(Comparator.comparing(NetworkMap.Network::name));

        Map<String, Map<String, Integer>> served = new HashMap<>();
        Map<String, Map<String, Integer>> opened = new HashMap<>();
        Set<String> pseudo = new TreeSet<>();
        for (NetworkMap.Edge e : edges) {
            served.computeIfAbsent(e.server(), k -> new HashMap<>()).merge(e.network(), 1, Integer::sum);
            opened.computeIfAbsent(e.client(), k -> new HashMap<>()).merge(e.network(), 1, Integer::sum);
            for (String n : List.of(e.client(), e.server())) {
                if (NetworkMap.HOST.equals(n) || NetworkMap.OUTSIDE.equals(n)) {
                    pseudo.add(n);
                }
            }
        }
        Map<String, Map<String, Integer>> projectMembers = new HashMap<>();
        for (Topology.Container c : t.containers()) {
            if (c.project() != null) {
                for (String n : c.addresses().keySet()) {
                    projectMembers.computeIfAbsent(c.project(), k -> new HashMap<>()).merge(n, 1, Integer::sum);
                }
            }
        }
        List<NetworkMap.Node> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Topology.Container c : t.containers()) {
            if (!names.add(c.name())) {
                continue;
            }
            List<String> nets = new ArrayList<>(new TreeSet<>(c.hostMode() ? List.of(NetworkMap.HOST_NETWORK) : c.addresses().keySet()));
            String home = home(c, nets, served.get(c.name()), opened.get(c.name()),
                    c.project() == null ? Map.of() : projectMembers.get(c.project()), members);
            nodes.add(new NetworkMap.Node(c.name(), NetworkMap.Kind.CONTAINER, home, nets, c.published(),
                    listening(sockets.get(c.id())), c.project(), c.service(), c.state()));
        }
        for (String p : pseudo) {
            if (names.add(p)) {
                nodes.add(new NetworkMap.Node(p, NetworkMap.HOST.equals(p) ? NetworkMap.Kind.HOST : NetworkMap.Kind.OUTSIDE,
                        null, List.of(), List.of(), List.of(), null, null, null));
            }
        }
        nodes.sort(Comparator.comparing(NetworkMap.Node::name));
        List<NetworkMap.Edge> sorted = new ArrayList<>(edges);
        sorted.sort(EdgeStore.ORDER);
        return new NetworkMap(host, time, networks, nodes, sorted, coverage);
    }

    static String home(Topology.Container c, List<String> nets, Map<String, Integer> served, Map<String, Integer> opened,
                       Map<String, Integer> project, Map<String, Integer> members) {
        if (nets.isEmpty()) {
            return null;
        }
        if (c.homeLabel() != null && nets.contains(c.homeLabel())) {
            return c.homeLabel();
        }
        if (nets.size() == 1) {
            return nets.get(0);
        }
        Comparator<String> by = Comparator.comparingInt((String n) -> -count(served, n))
                .thenComparingInt(n -> -count(opened, n))
                .thenComparingInt(n -> -count(project, n))
                .thenComparingInt(n -> count(members, n))
                .thenComparing(Comparator.naturalOrder());
        return nets.stream().min(by).orElseThrow();
    }

    private static int count(Map<String, Integer> m, String k) {
        return m == null ? 0 : m.getOrDefault(k, 0);
    }

    private static List<NetworkMap.Listen> listening(List<Socket> sockets) {
        if (sockets == null) {
            return List.of();
        }
        TreeSet<NetworkMap.Listen> out = new TreeSet<>(Comparator.comparingInt(NetworkMap.Listen::port)
                .thenComparing(NetworkMap.Listen::proto));
        for (Socket s : sockets) {
            if (s.listening() && !Connections.loopback(s.localIp())) {
                out.add(new NetworkMap.Listen(s.localPort(), s.proto()));
            }
        }
        return new ArrayList<>(out);
    }
}
