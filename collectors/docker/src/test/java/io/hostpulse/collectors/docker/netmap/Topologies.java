package io.hostpulse.collectors.docker.netmap;

import io.hostpulse.collectors.docker.netmap.socket.Socket;
import io.hostpulse.collectors.docker.netmap.socket.SocketState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test builder: the small case (web on net_a, app on net_a and net_b, db on net_b) and sockets. */
final class Topologies {
    final List<Topology.Container> containers = new ArrayList<>();
    final List<Topology.Net> networks = new ArrayList<>();
    final Map<String, List<Socket>> sockets = new LinkedHashMap<>();
    private long inode = 1000;

    static Topologies small() {
        Topologies t = new Topologies();
        t.net("net_a", "10.1.0.0/16", "10.1.0.1").net("net_b", "10.2.0.0/16", "10.2.0.1");
        t.container("web", "bridge", Map.of("net_a", "10.1.0.2"), List.of(new NetworkMap.PublishedPort("0.0.0.0", 8080, 80, "tcp")));
        t.container("app", "bridge", Map.of("net_a", "10.1.0.3", "net_b", "10.2.0.3"), List.of());
        t.container("db", "bridge", Map.of("net_b", "10.2.0.4"), List.of());
        t.listen("web", 80).listen("app", 8000).listen("db", 5432);
        return t;
    }

    Topologies net(String name, String subnet, String gateway) {
        networks.add(new Topology.Net(name, "bridge", true, List.of(subnet), List.of(gateway)));
        return this;
    }

    Topologies container(String name, String mode, Map<String, String> ips, List<NetworkMap.PublishedPort> published) {
        Map<String, List<String>> a = new LinkedHashMap<>();
        ips.forEach((k, v) -> a.put(k, List.of(v)));
        containers.add(new Topology.Container("id-" + name, name, "running", 100 + containers.size(), mode, a,
                published, "shop", name, null));
        sockets.putIfAbsent("id-" + name, new ArrayList<>());
        return this;
    }

    Topologies listen(String name, int port) {
        sockets.get("id-" + name).add(new Socket("tcp", "0.0.0.0", port, "0.0.0.0", 0, SocketState.LISTEN, inode++));
        return this;
    }

    /** One TCP connection, as both ends' tables show it (an end that is not a container here is not added). */
    Topologies connect(String clientId, String clientIp, int clientPort, String serverId, String serverIp, int serverPort) {
        if (clientId != null) {
            sockets.get(clientId).add(new Socket("tcp", clientIp, clientPort, serverIp, serverPort, SocketState.ESTABLISHED, inode++));
        }
        if (serverId != null) {
            sockets.get(serverId).add(new Socket("tcp", serverIp, serverPort, clientIp, clientPort, SocketState.ESTABLISHED, inode++));
        }
        return this;
    }

    Topology topology() {
        return new Topology(containers, networks);
    }
}
