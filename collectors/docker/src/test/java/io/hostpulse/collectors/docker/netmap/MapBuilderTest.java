package io.hostpulse.collectors.docker.netmap;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MapBuilderTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final NetworkMap.Coverage ALL = new NetworkMap.Coverage(3, 3, List.of(), false, null);

    static NetworkMap.Edge edge(String client, String server, int port, String network) {
        return new NetworkMap.Edge(client, server, port, "tcp", network, 1, T0, T0, null, null, false);
    }

    @Test
    void aContainerOnTwoNetworksIsDrawnWhereItServes() {
        Topologies t = Topologies.small();
        NetworkMap m = MapBuilder.build("h", T0, t.topology(), t.sockets,
                List.of(edge("web", "app", 8000, "net_a"), edge("app", "db", 5432, "net_b")), ALL);
        assertThat(m.node("app").home()).isEqualTo("net_a");
        assertThat(m.node("app").networks()).containsExactly("net_a", "net_b");
        assertThat(m.node("db").home()).isEqualTo("net_b");
        assertThat(m.node("web").published()).hasSize(1);
        assertThat(m.node("app").listening()).containsExactly(new NetworkMap.Listen(8000, "tcp"));
        assertThat(m.nodes()).extracting(NetworkMap.Node::name).containsExactly("app", "db", "web");
        // served on net_b instead: drawn there
        NetworkMap n = MapBuilder.build("h", T0, t.topology(), t.sockets, List.of(edge("db", "app", 8000, "net_b")), ALL);
        assertThat(n.node("app").home()).isEqualTo("net_b");
    }

    @Test
    void withoutServingTheNetworkItOpensMostThenItsProjectThenTheSmallerOne() {
        Topologies t = Topologies.small();
        NetworkMap opened = MapBuilder.build("h", T0, t.topology(), t.sockets, List.of(edge("app", "db", 5432, "net_b")), ALL);
        assertThat(opened.node("app").home()).isEqualTo("net_b");
        Topologies u = new Topologies();
        u.net("big", "10.1.0.0/16", "10.1.0.1").net("small", "10.2.0.0/16", "10.2.0.1");
        u.container("x", "bridge", Map.of("big", "10.1.0.2", "small", "10.2.0.2"), List.of());
        u.container("y", "bridge", Map.of("big", "10.1.0.3"), List.of());
        u.container("z", "bridge", Map.of("big", "10.1.0.4"), List.of());
        // all in project "shop": the project has 3 on big, 1 on small
        assertThat(MapBuilder.build("h", T0, u.topology(), u.sockets, List.of(), ALL).node("x").home()).isEqualTo("big");
        List<Topology.Container> noProject = new ArrayList<>();
        for (Topology.Container c : u.containers) {
            noProject.add(new Topology.Container(c.id(), c.name(), c.state(), c.pid(), c.networkMode(), c.addresses(),
                    c.published(), null, null, null));
        }
        assertThat(MapBuilder.build("h", T0, new Topology(noProject, u.networks), u.sockets, List.of(), ALL).node("x").home())
                .isEqualTo("small");
    }

    @Test
    void theLabelWinsWhenItNamesOneOfItsNetworks() {
        Topologies t = Topologies.small();
        t.containers.replaceAll(c -> c.name().equals("app") ? new Topology.Container(c.id(), c.name(), c.state(), c.pid(),
                c.networkMode(), c.addresses(), c.published(), null, null, "net_b") : c);
        assertThat(MapBuilder.build("h", T0, t.topology(), t.sockets, List.of(edge("web", "app", 8000, "net_a")), ALL)
                .node("app").home()).isEqualTo("net_b");
        t.containers.replaceAll(c -> c.name().equals("app") ? new Topology.Container(c.id(), c.name(), c.state(), c.pid(),
                c.networkMode(), c.addresses(), c.published(), null, null, "no_such_net") : c);
        assertThat(MapBuilder.build("h", T0, t.topology(), t.sockets, List.of(edge("web", "app", 8000, "net_a")), ALL)
                .node("app").home()).isEqualTo("net_a");
    }

    @Test
    void pseudoNodesAndTheHostNetworkAppearOnlyWhenUsed() {
        Topologies t = Topologies.small();
        t.networks.add(new Topology.Net("host", "host", false, List.of(), List.of()));
        t.networks.add(new Topology.Net("none", "null", false, List.of(), List.of()));
        NetworkMap quiet = MapBuilder.build("h", T0, t.topology(), t.sockets, List.of(), ALL);
        assertThat(quiet.networks()).extracting(NetworkMap.Network::name).containsExactly("net_a", "net_b");
        t.container("kuma", "host", Map.of("host", ""), List.of());
        NetworkMap busy = MapBuilder.build("h", T0, t.topology(), t.sockets,
                List.of(edge("outside", "web", 80, "net_a"), edge("kuma", "db", 5432, "net_b")), ALL);
        assertThat(busy.networks()).extracting(NetworkMap.Network::name).containsExactly("host", "net_a", "net_b");
        assertThat(busy.node("kuma").home()).isEqualTo(NetworkMap.HOST_NETWORK);
        assertThat(busy.node("outside").kind()).isEqualTo(NetworkMap.Kind.OUTSIDE);
        assertThat(busy.node("host")).isNull();
        assertThat(busy.edges()).extracting(NetworkMap.Edge::client).containsExactly("kuma", "outside");
    }
}
