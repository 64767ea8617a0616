package io.hostpulse.collectors.docker.netmap;

import io.hostpulse.collectors.docker.netmap.socket.Socket;
import io.hostpulse.collectors.docker.netmap.socket.SocketState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionsTest {

    private static List<String> edges(List<Connections.Connection> cs) {
        return cs.stream().map(c -> c.client() + "->" + c.server() + ":" + c.port() + "/" + c.proto() + "@" + c.network()
                + (c.published() ? " published" : "")).sorted().toList();
    }

    @Test
    void aConnectionSeenFromBothEndsIsOneEdgeOnTheServersNetwork() {
        Topologies t = Topologies.small()
                .connect("id-web", "10.1.0.2", 40000, "id-app", "10.1.0.3", 8000)
                .connect("id-app", "10.2.0.3", 50000, "id-db", "10.2.0.4", 5432);
        assertThat(edges(Connections.resolve(t.topology(), t.sockets, Set.of())))
                .containsExactly("app->db:5432/tcp@net_b", "web->app:8000/tcp@net_a");
    }

    @Test
    void oneEndUnreadableStillGivesTheEdge() {
        Topologies t = Topologies.small().connect("id-app", "10.2.0.3", 50000, "id-db", "10.2.0.4", 5432);
        t.sockets.remove("id-db"); // db's namespace could not be read
        assertThat(edges(Connections.resolve(t.topology(), t.sockets, Set.of()))).containsExactly("app->db:5432/tcp@net_b");
        Topologies u = Topologies.small().connect("id-app", "10.2.0.3", 50000, "id-db", "10.2.0.4", 5432);
        u.sockets.remove("id-app");
        assertThat(edges(Connections.resolve(u.topology(), u.sockets, Set.of()))).containsExactly("app->db:5432/tcp@net_b");
    }

    @Test
    void twoConnectionsOfOneEdgeAreTwoConnectionsWithDifferentKeys() {
        Topologies t = Topologies.small()
                .connect("id-web", "10.1.0.2", 40000, "id-app", "10.1.0.3", 8000)
                .connect("id-web", "10.1.0.2", 40001, "id-app", "10.1.0.3", 8000);
        List<Connections.Connection> cs = Connections.resolve(t.topology(), t.sockets, Set.of());
        assertThat(cs).hasSize(2);
        assertThat(cs.get(0).key()).isNotEqualTo(cs.get(1).key());
    }

    @Test
    void theGatewayIsTheHostAndAPublishedPortIsMarked() {
        Topologies t = Topologies.small()
                .connect(null, "10.1.0.1", 33333, "id-web", "10.1.0.2", 80) // docker-proxy of 8080->80
                .connect(null, "10.2.0.1", 33334, "id-db", "10.2.0.4", 5432); // the host, not through a published port
        assertThat(edges(Connections.resolve(t.topology(), t.sockets, Set.of())))
                .containsExactly("host->db:5432/tcp@net_b", "host->web:80/tcp@net_a published");
    }

    @Test
    void otherAddressesAreOutsideAndAHostLanAddressIsTheHost() {
        Topologies t = Topologies.small()
                .connect("id-web", "10.1.0.2", 40000, null, "93.184.216.34", 443)
                .connect("id-app", "10.2.0.3", 40001, null, "192.168.1.10", 8086)
                .connect(null, "203.0.113.9", 51000, "id-web", "10.1.0.2", 80); // DNAT without the userland proxy
        assertThat(edges(Connections.resolve(t.topology(), t.sockets, Set.of("192.168.1.10"))))
                .containsExactly("app->host:8086/tcp@net_b", "outside->web:80/tcp@net_a published",
                        "web->outside:443/tcp@net_a");
    }

    @Test
    void hostModeContainersAreNamedByTheSocketsTheyHoldAndWinOverTheHost() {
        Topologies t = Topologies.small();
        t.container("kuma", "host", Map.of(), List.of());
        t.listen("kuma", 3001);
        // app -> kuma through the gateway; kuma -> db from the gateway (both ends readable)
        t.connect("id-app", "10.2.0.3", 41000, "id-kuma", "10.2.0.1", 3001);
        t.connect("id-kuma", "10.2.0.1", 45454, "id-db", "10.2.0.4", 5432);
        assertThat(edges(Connections.resolve(t.topology(), t.sockets, Set.of())))
                .containsExactly("app->kuma:3001/tcp@host", "kuma->db:5432/tcp@net_b");
    }

    @Test
    void loopbackSelfAndNonEstablishedSocketsAreNotEdges() {
        Topologies t = Topologies.small();
        List<Socket> app = t.sockets.get("id-app");
        app.add(new Socket("tcp", "127.0.0.1", 40000, "127.0.0.1", 8000, SocketState.ESTABLISHED, 1));
        app.add(new Socket("tcp", "::1", 40001, "::1", 8000, SocketState.ESTABLISHED, 2));
        app.add(new Socket("tcp", "10.1.0.3", 40002, "10.1.0.3", 8000, SocketState.ESTABLISHED, 3)); // to itself
        app.add(new Socket("tcp", "10.2.0.3", 40003, "10.2.0.4", 5432, SocketState.TIME_WAIT, 4));
        app.add(new Socket("tcp", "10.2.0.3", 40004, "10.2.0.4", 5432, SocketState.SYN_SENT, 5));
        assertThat(Connections.resolve(t.topology(), t.sockets, Set.of())).isEmpty();
    }

    @Test
    void connectedUdpIsAnEdgeAndSharedNamespacesAndStoppedContainersAreSkipped() {
        Topologies t = Topologies.small();
        t.sockets.get("id-app").add(new Socket("udp", "10.2.0.3", 53000, "10.2.0.4", 514, SocketState.ESTABLISHED, 9));
        t.containers.add(new Topology.Container("id-side", "side", "running", 7, "container:id-app", Map.of(), List.of(),
                null, null, null));
        t.sockets.put("id-side", List.of(new Socket("tcp", "10.1.0.3", 1, "10.1.0.2", 80, SocketState.ESTABLISHED, 10)));
        t.containers.add(new Topology.Container("id-old", "old", "exited", 0, "bridge", Map.of("net_b", List.of("10.2.0.9")),
                List.of(), null, null, null));
        t.sockets.put("id-old", List.of(new Socket("tcp", "10.2.0.9", 1, "10.2.0.4", 5432, SocketState.ESTABLISHED, 11)));
        assertThat(edges(Connections.resolve(t.topology(), t.sockets, Set.of()))).containsExactly("app->db:514/udp@net_b");
    }

    @Test
    void ipv6AddressesResolveLikeIpv4() {
        Topologies t = new Topologies();
        t.net("v6net", "fd00:1::/64", "fd00:1::1");
        t.container("a", "bridge", Map.of("v6net", "fd00:1::2"), List.of());
        t.container("b", "bridge", Map.of("v6net", "fd00:1::3"), List.of());
        t.listen("b", 443);
        t.connect("id-a", "fd00:1::2", 40000, "id-b", "fd00:1::3", 443);
        assertThat(edges(Connections.resolve(t.topology(), t.sockets, Set.of()))).containsExactly("a->b:443/tcp@v6net");
    }

    @Test
    void aServerThatStoppedListeningIsFoundByItsPortFromBothEnds() {
        Topologies t = new Topologies();
        t.net("net_b", "10.2.0.0/16", "10.2.0.1");
        t.container("app", "bridge", Map.of("net_b", "10.2.0.3"), List.of());
        t.container("db", "bridge", Map.of("net_b", "10.2.0.4"), List.of()); // nc -l: no LISTEN socket once it accepted
        t.connect("id-app", "10.2.0.3", 50792, "id-db", "10.2.0.4", 5432);
        assertThat(edges(Connections.resolve(t.topology(), t.sockets, Set.of()))).containsExactly("app->db:5432/tcp@net_b");
        t.sockets.remove("id-app");
        assertThat(edges(Connections.resolve(t.topology(), t.sockets, Set.of()))).containsExactly("app->db:5432/tcp@net_b");
    }

    @Test
    void whichEndServes() {
        Socket out = new Socket("tcp", "10.0.0.2", 50000, "10.0.0.3", 5432, SocketState.ESTABLISHED, 1);
        assertThat(Connections.incoming(out, Set.of(), true, null, false)).isFalse();
        assertThat(Connections.incoming(out, Set.of("tcp/50000"), true, null, false)).isTrue(); // it listens there
        Socket high = new Socket("tcp", "10.0.0.2", 32767, "10.0.0.3", 61000, SocketState.ESTABLISHED, 1);
        assertThat(Connections.incoming(high, Set.of(), true, null, false)).isTrue(); // neither ephemeral: the lower port serves
        assertThat(Connections.incoming(high, Set.of(), true, Set.of("tcp/61000"), false)).isFalse(); // the far end listens
        assertThat(Connections.incoming(high, Set.of(), false, null, false)).isFalse(); // the far end is not a container
        Socket both = new Socket("tcp", "10.0.0.2", 40000, "10.0.0.3", 45000, SocketState.ESTABLISHED, 1);
        assertThat(Connections.incoming(both, Set.of(), true, null, true)).isFalse(); // a host-mode container listens there
        assertThat(Connections.incoming(both, Set.of(), true, null, false)).isTrue();
    }

    @Test
    void aPeerToPeerClientOnRandomPortsIsOneEdgePerRemotePortNotAServer() {
        Topologies t = Topologies.small();
        t.listen("app", 51413); // a torrent client listens on its peer port and connects out from random ones
        for (int i = 0; i < 20; i++) {
            t.connect("id-app", "10.2.0.3", 40000 + i, null, "198.51.100." + (i + 1), 50000 + i);
        }
        t.connect("id-app", "10.2.0.3", 40100, null, "198.51.100.99", 443);
        List<Connections.Connection> cs = Connections.resolve(t.topology(), t.sockets, Set.of());
        assertThat(cs).hasSize(21);
        assertThat(edges(cs).stream().distinct().toList())
                .containsExactly("app->outside:0/tcp@net_b", "app->outside:443/tcp@net_b"); // random peer ports fold to 0
    }
}
