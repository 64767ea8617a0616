package io.hostpulse.collectors.docker.netmap.rules;

import io.hostpulse.collectors.docker.netmap.NetworkMap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A map's nodes by name, for rules that look up both ends of each edge. */
final class MapIndex {
    /** States of a container that holds no network namespace: its memberships and ports are not in effect. */
    private static final Set<String> DOWN = Set.of("created", "exited", "dead");

    final NetworkMap map;
    private final Map<String, NetworkMap.Node> byName = new HashMap<>();

    MapIndex(NetworkMap map) {
        this.map = map;
        for (NetworkMap.Node n : map.nodes()) {
            byName.put(n.name(), n);
        }
    }

    /**
     * The node of that name. An edge naming a node the map does not list (which the builder never writes) is read
     * as the pseudo node of that name, or as a container on no network, so a rule still sees its end.
     */
    NetworkMap.Node node(String name) {
        NetworkMap.Node n = byName.get(name);
        if (n != null) {
            return n;
        }
        NetworkMap.Kind kind = NetworkMap.OUTSIDE.equals(name) ? NetworkMap.Kind.OUTSIDE
                : NetworkMap.HOST.equals(name) ? NetworkMap.Kind.HOST : NetworkMap.Kind.CONTAINER;
        return new NetworkMap.Node(name, kind, null, List.of(), List.of(), List.of(), null, null, null);
    }

    /** A container that is up (running, paused, restarting): one that is created, exited or dead breaks no static rule. */
    static boolean up(NetworkMap.Node n) {
        return n.kind() == NetworkMap.Kind.CONTAINER && (n.state() == null || !DOWN.contains(n.state()));
    }

    /** Whether the connections of the edge came from outside: from the outside node or through a published port. */
    boolean fromOutside(NetworkMap.Edge e) {
        return e.published() || node(e.client()).kind() == NetworkMap.Kind.OUTSIDE;
    }
}
