package io.hostpulse.collectors.docker.netmap;

import java.time.Instant;
import java.util.List;

/**
 * The host's network map at one moment, the one model behind {@code hostpulse map} (PlantUML, Mermaid, JSON),
 * {@code /api/v1/map}, the live view's drawing and the segmentation rules. Plain data, immutable; lists are sorted
 * (networks and nodes by name, edges by client, server, port) so the same host draws the same text every time.
 *
 * <p>Nodes are the containers plus at most two pseudo nodes: {@link #HOST} (the host's own processes, including
 * Docker's userland proxy, and any host address) and {@link #OUTSIDE} (every address that is neither a container's
 * nor the host's). Peers off the host are never named by address, so the edge count stays bounded.
 *
 * @param host     the agent's host name
 * @param time     when the sockets were read
 * @param networks every Docker network the engine reported, plus {@link #HOST_NETWORK} when a container uses it
 * @param nodes    containers (running or not) and the pseudo nodes that take part in an edge
 * @param edges    observed edges: the ones seen now (connections &gt; 0) and the remembered ones within the retention
 *                 (connections == 0)
 * @param coverage what the agent could see, so a reader knows what an empty map means
 */
public record NetworkMap(String host, Instant time, List<Network> networks, List<Node> nodes, List<Edge> edges,
                         Coverage coverage) {

    /** The pseudo network of containers with {@code network_mode: host}; drawn as "Host Network". */
    public static final String HOST_NETWORK = "host";
    /** The pseudo node for the host itself (its processes, the userland proxy of published ports, its addresses). */
    public static final String HOST = "host";
    /** The pseudo node for every address that is neither a container's nor the host's. */
    public static final String OUTSIDE = "outside";

    public NetworkMap {
        networks = List.copyOf(networks);
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public enum Kind { CONTAINER, HOST, OUTSIDE }

    /**
     * One Docker network.
     *
     * @param name     the network's name ({@code frontend_net}), or {@link #HOST_NETWORK}
     * @param driver   bridge, overlay, macvlan, host, ...
     * @param internal created with {@code --internal} (no route off the host)
     * @param subnets  its IPAM subnets in CIDR form, IPv4 and IPv6
     */
    public record Network(String name, String driver, boolean internal, List<String> subnets) {
        public Network {
            subnets = List.copyOf(subnets);
        }
    }

    /**
     * A container or a pseudo node.
     *
     * @param name      container name (without the leading slash), or {@link #HOST} / {@link #OUTSIDE}
     * @param kind      what it is
     * @param home      the network it is drawn in (see {@code MapBuilder}); {@link #HOST_NETWORK} for host-mode
     *                  containers; null for pseudo nodes and for containers on no network
     * @param networks  every network it is a member of, sorted; empty for pseudo nodes
     * @param published ports published on the host
     * @param listening ports it listens on inside its own network namespace (TCP LISTEN, bound UDP)
     * @param project   compose project label, null when none
     * @param service   compose service label, null when none
     * @param state     container state (running, exited, ...); null for pseudo nodes
     */
    public record Node(String name, Kind kind, String home, List<String> networks, List<PublishedPort> published,
                       List<Listen> listening, String project, String service, String state) {
        public Node {
            networks = List.copyOf(networks);
            published = List.copyOf(published);
            listening = List.copyOf(listening);
        }
    }

    /** A published port: {@code hostIp:hostPort -> containerPort/proto} ({@code hostIp} "0.0.0.0" or "::" for all). */
    public record PublishedPort(String hostIp, int hostPort, int containerPort, String proto) {
    }

    /** A port a container serves: {@code port/proto} (proto "tcp" or "udp"). */
    public record Listen(int port, String proto) {
    }

    /**
     * One edge: connections from {@code client} to {@code server}'s {@code port} over {@code network}. An edge, not
     * a connection: the client's ephemeral ports are not part of it.
     *
     * @param client         the node that opened the connections
     * @param server         the node that accepted them
     * @param port           the server's port (for an outside server, the remote port)
     * @param proto          "tcp" or "udp"
     * @param network        the Docker network the connections crossed (the one holding the server's address; for
     *                       an outside server, the client's network); {@link #HOST_NETWORK} in the host's namespace
     * @param connections    established connections now (0: remembered, not seen in this reading)
     * @param firstSeen      first reading that saw it (kept in the data dir across restarts)
     * @param lastSeen       last reading that saw it
     * @param bytes          bytes both ways of the connections tracked now, from nf_conntrack with accounting on;
     *                       null when conntrack gives no counts
     * @param bytesPerSecond bytes per second both ways since the previous reading; null without counts or before a
     *                       second reading
     * @param published      the connections arrived through a port the server publishes on the host (the client is
     *                       {@link #HOST} or {@link #OUTSIDE}): "from outside" for the segmentation rules
     */
    public record Edge(String client, String server, int port, String proto, String network, int connections,
                       Instant firstSeen, Instant lastSeen, Long bytes, Double bytesPerSecond, boolean published) {
    }

    /**
     * What the agent could read.
     *
     * @param containers running containers with their own network namespace
     * @param readable   of those, how many had their socket tables read
     * @param unreadable names of the ones that could not be read (no host PID namespace, no privilege), sorted
     * @param conntrack  whether nf_conntrack gave byte counts this reading
     * @param note       one sentence for a reader when something is missing (null when all was seen)
     */
    public record Coverage(int containers, int readable, List<String> unreadable, boolean conntrack, String note) {
        public Coverage {
            unreadable = List.copyOf(unreadable);
        }
    }

    /** The node of that name, or null. */
    public Node node(String name) {
        for (Node n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }
}
