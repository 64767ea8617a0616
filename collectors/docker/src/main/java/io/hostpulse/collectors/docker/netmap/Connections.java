package io.hostpulse.collectors.docker.netmap;

import io.hostpulse.collectors.docker.netmap.socket.Socket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure: the socket tables of the containers -&gt; the connections between nodes. Rules:
 * <ul>
 *   <li>which end is the server: the end whose namespace listens on its port; a container that does not listen on
 *       its end of a connection with the host or outside is the client (connections from outside arrive at a
 *       listening port, so a peer-to-peer client's random ports never make it a server); between two containers
 *       neither of which listens there (a server that accepts one connection and stops listening, like
 *       {@code nc -l}, or an end that could not be read), the end whose port is outside the kernel's default
 *       ephemeral range (32768-60999) while the other's is inside; else the lower port;</li>
 *   <li>the other end is named by its address: a container's address on a Docker network is that container; a
 *       gateway or other host address is the {@link NetworkMap#HOST} node, or the host-mode container listening on
 *       that port; any other address is {@link NetworkMap#OUTSIDE};</li>
 *   <li>one connection is seen from both ends when both are containers: it is counted once (by its 4-tuple), and
 *       the end that names a container wins over the end that only sees the host;</li>
 *   <li>loopback sockets and sockets whose both ends are the same container are not connections between nodes;</li>
 *   <li>an outside server's port in the ephemeral range is written as 0, so a peer-to-peer client's connections to
 *       many peers' random ports are one edge, not one series per port.</li>
 * </ul>
 */
public final class Connections {
    private Connections() {
    }

    /**
     * One connection.
     *
     * @param key       proto, client address and port, server address and port: the same from both ends, and the
     *                  key nf_conntrack's tuples are matched on
     * @param network   the network crossed: the one holding the server's address, else the client's
     * @param published the server is a container reached on a port it publishes, from the host or outside
     */
    public record Connection(String key, String client, String server, int port, String proto, String network,
                             boolean published) {
    }

    /** A peer address resolved: its node and the network the address is on (null for outside or unknown). */
    private record Peer(String node, String network) {
    }

    /**
     * @param sockets       container id -&gt; its sockets (own-namespace containers: their namespace's table;
     *                      host-mode containers: the host table's sockets their processes hold)
     * @param hostAddresses the host's own addresses besides the networks' gateways (may be empty)
     */
    public static List<Connection> resolve(Topology t, Map<String, List<Socket>> sockets, Set<String> hostAddresses) {
        Map<String, Peer> byAddress = new HashMap<>();
        Map<String, Topology.Container> byId = new HashMap<>();
        Map<String, Topology.Container> byName = new HashMap<>();
        Set<String> host = new HashSet<>(hostAddresses);
        for (Topology.Net n : t.networks()) {
            host.addAll(n.gateways());
        }
        for (Topology.Container c : t.containers()) {
            byId.put(c.id(), c);
            byName.put(c.name(), c);
            if (!c.running() || c.hostMode() || c.sharesNetwork()) {
                continue;
            }
            c.addresses().forEach((net, ips) -> ips.forEach(ip -> byAddress.put(ip, new Peer(c.name(), net))));
        }
        // host-mode containers serve on the host's addresses: a connection to a host address on their port is theirs
        Map<String, String> hostListeners = new HashMap<>();
        for (Map.Entry<String, List<Socket>> e : sockets.entrySet()) {
            Topology.Container c = byId.get(e.getKey());
            if (c != null && c.hostMode()) {
                for (Socket s : e.getValue()) {
                    if (s.listening()) {
                        hostListeners.putIfAbsent(s.proto() + "/" + s.localPort(), c.name());
                    }
                }
            }
        }
        // what each readable container listens on, by its addresses: tells the far end of a connection which side serves
        Map<String, Set<String>> listeningById = new HashMap<>();
        Map<String, Set<String>> listeningByIp = new HashMap<>();
        for (Map.Entry<String, List<Socket>> e : sockets.entrySet()) {
            Set<String> l = new HashSet<>();
            for (Socket s : e.getValue()) {
                if (s.listening()) {
                    l.add(s.proto() + "/" + s.localPort());
                }
            }
            listeningById.put(e.getKey(), l);
            Topology.Container c = byId.get(e.getKey());
            if (c != null && !c.hostMode()) {
                c.addresses().values().forEach(ips -> ips.forEach(ip -> listeningByIp.put(ip, l)));
            }
        }
        Map<String, Connection> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Socket>> e : sockets.entrySet()) {
            Topology.Container c = byId.get(e.getKey());
            if (c == null || !c.running() || c.sharesNetwork()) {
                continue;
            }
            Set<String> listening = listeningById.get(e.getKey());
            for (Socket s : e.getValue()) {
                if (!s.established() || loopback(s.localIp()) || loopback(s.remoteIp())) {
                    continue;
                }
                boolean incoming = incoming(s, listening, byAddress.containsKey(s.remoteIp()),
                        listeningByIp.get(s.remoteIp()),
                        host.contains(s.remoteIp()) && hostListeners.containsKey(s.proto() + "/" + s.remotePort()));
                Peer self = c.hostMode() ? new Peer(c.name(), NetworkMap.HOST_NETWORK) : own(c, s.localIp());
                Peer other = peer(s.remoteIp(), incoming ? -1 : s.remotePort(), s.proto(), byAddress, host, hostListeners);
                if (other.node().equals(self.node())) {
                    continue;
                }
                Connection k = incoming
                        ? connection(s.proto(), other, s.remoteIp(), s.remotePort(), self, s.localIp(), s.localPort(), c)
                        : connection(s.proto(), self, s.localIp(), s.localPort(), other, s.remoteIp(), s.remotePort(),
                        byName.get(other.node()));
                Connection before = out.get(k.key());
                if (before == null || better(k, before)) {
                    out.put(k.key(), k);
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private static Connection connection(String proto, Peer client, String clientIp, int clientPort, Peer server,
                                         String serverIp, int serverPort, Topology.Container serverContainer) {
        String network = server.network() != null ? server.network() : client.network();
        boolean published = false;
        if (serverContainer != null && !serverContainer.hostMode()
                && (NetworkMap.HOST.equals(client.node()) || NetworkMap.OUTSIDE.equals(client.node()))) {
            for (NetworkMap.PublishedPort p : serverContainer.published()) {
                if (p.containerPort() == serverPort && p.proto().equals(proto)) {
                    published = true;
                    break;
                }
            }
        }
        String key = proto + "|" + clientIp + "|" + clientPort + "|" + serverIp + "|" + serverPort;
        // peers off the host on random high ports (peer-to-peer) are one edge, port 0, not one series per peer port
        int port = NetworkMap.OUTSIDE.equals(server.node()) && ephemeral(serverPort) ? 0 : serverPort;
        return new Connection(key, client.node(), server.node(), port, proto, network, published);
    }

    /** Whether this end of an established socket is the server (see the class comment). */
    static boolean incoming(Socket s, Set<String> localListening, boolean remoteIsContainer, Set<String> remoteListening,
                            boolean remoteHostListener) {
        if (localListening.contains(s.proto() + "/" + s.localPort())) {
            return true;
        }
        if (!remoteIsContainer || remoteHostListener
                || remoteListening != null && remoteListening.contains(s.proto() + "/" + s.remotePort())) {
            return false;
        }
        boolean localEphemeral = ephemeral(s.localPort());
        boolean remoteEphemeral = ephemeral(s.remotePort());
        if (localEphemeral != remoteEphemeral) {
            return remoteEphemeral;
        }
        return s.localPort() < s.remotePort();
    }

    /** Linux's default net.ipv4.ip_local_port_range. */
    static boolean ephemeral(int port) {
        return port >= 32768 && port <= 60999;
    }

    /** A container named at either end beats the host seen through a gateway address. */
    private static boolean better(Connection now, Connection before) {
        return pseudo(before.client()) && !pseudo(now.client()) || pseudo(before.server()) && !pseudo(now.server());
    }

    private static boolean pseudo(String node) {
        return NetworkMap.HOST.equals(node) || NetworkMap.OUTSIDE.equals(node);
    }

    private static Peer own(Topology.Container c, String localIp) {
        for (Map.Entry<String, List<String>> e : c.addresses().entrySet()) {
            if (e.getValue().contains(localIp)) {
                return new Peer(c.name(), e.getKey());
            }
        }
        return new Peer(c.name(), null);
    }

    private static Peer peer(String ip, int port, String proto, Map<String, Peer> byAddress, Set<String> host,
                             Map<String, String> hostListeners) {
        Peer p = byAddress.get(ip);
        if (p != null) {
            return p;
        }
        if (host.contains(ip)) {
            String c = port > 0 ? hostListeners.get(proto + "/" + port) : null;
            return new Peer(c != null ? c : NetworkMap.HOST, c != null ? NetworkMap.HOST_NETWORK : null);
        }
        return new Peer(NetworkMap.OUTSIDE, null);
    }

    static boolean loopback(String ip) {
        return ip == null || ip.startsWith("127.") || ip.equals("::1");
    }
}
