package io.hostpulse.collectors.docker.netmap.render;

import io.hostpulse.collectors.docker.netmap.NetworkMap;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Coverage;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Edge;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Kind;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Network;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Node;

import java.time.Instant;
import java.util.List;

/** Short constructors for maps built in tests. */
final class TestMaps {
    static final Instant T = Instant.parse("2026-12-01T11:00:00Z");
    static final Coverage FULL = new Coverage(0, 0, List.of(), false, null);

    private TestMaps() {
    }

    static Network net(String name, boolean internal, String... subnets) {
        return new Network(name, NetworkMap.HOST_NETWORK.equals(name) ? "host" : "bridge", internal, List.of(subnets));
    }

    static Node container(String name, String home, String... networks) {
        return new Node(name, Kind.CONTAINER, home, List.of(networks), List.of(), List.of(), null, null, "running");
    }

    static Node stopped(String name, String home, String... networks) {
        return new Node(name, Kind.CONTAINER, home, List.of(networks), List.of(), List.of(), null, null, "exited");
    }

    static Node outside() {
        return new Node(NetworkMap.OUTSIDE, Kind.OUTSIDE, null, List.of(), List.of(), List.of(), null, null, null);
    }

    static Node host() {
        return new Node(NetworkMap.HOST, Kind.HOST, null, List.of(), List.of(), List.of(), null, null, null);
    }

    static Edge edge(String client, String server, int port, String network, int connections) {
        return new Edge(client, server, port, "tcp", network, connections, T.minusSeconds(3600),
                connections > 0 ? T : T.minusSeconds(600), null, null, false);
    }

    static NetworkMap map(List<Network> networks, List<Node> nodes, List<Edge> edges) {
        return new NetworkMap("testhost", T, networks, nodes, edges, FULL);
    }
}
