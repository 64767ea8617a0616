package io.hostpulse.collectors.docker.netmap;

import io.hostpulse.collectors.docker.netmap.render.MapJson;
import io.hostpulse.collectors.docker.netmap.render.PlantUml;
import io.hostpulse.collectors.docker.netmap.rules.SegmentationRules;
import io.hostpulse.collectors.docker.netmap.rules.Violation;
import io.hostpulse.collectors.docker.netmap.socket.Socket;
import io.hostpulse.collectors.docker.netmap.socket.SocketState;
import io.hostpulse.core.config.ConfigNode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * JMH, not run by the build: the pure part of the network map per collection at the size, a homelab host
 * with 50 containers on 6 networks (frontend, backend, db, monitoring, media, iot; apps and workers on two,
 * prometheus on three, 3 in host mode) holding 10,000 sockets in all (listeners, connections between containers
 * with both ends present, some from and to outside). {@code collection} is what {@link NetworkMapPart#collect} does
 * after the reads: {@link Connections#resolve}, the edges counted and remembered ({@link EdgeStore} without a file,
 * steady state: every edge already known), {@link MapBuilder#build} and 4 segmentation rules checked; the other
 * benchmarks are its steps and the renderers. The inputs are built in code (deterministic). The kernel's side (reading
 * the tables) is measured by {@code NetworkMapCostMain} against a real dockerd. Run: see BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NetworkMapBench {
    static final int SOCKETS = 10_000;

    private Topology topology;
    private Map<String, List<Socket>> tables;
    private SegmentationRules rules;
    private EdgeStore store;
    private List<Connections.Connection> connections;
    private List<EdgeStore.Seen> seen;
    private List<NetworkMap.Edge> edges;
    private NetworkMap map;
    private Instant now = Instant.parse("2026-12-01T12:00:00Z");
    private final NetworkMap.Coverage coverage = new NetworkMap.Coverage(50, 50, List.of(), false, null);
    private final FlowBytes flowBytes = new FlowBytes();

    @Setup
    public void setup() {
        Homelab h = Homelab.build(SOCKETS);
        topology = h.topology();
        tables = h.tables;
        rules = rules();
        store = new EdgeStore(null, Duration.ofDays(7), 1000);
        map = collection(); // first reading: every edge is new
        connections = Connections.resolve(topology, tables, Set.of());
        seen = NetworkMapPart.seen(connections, flowBytes.count(connections, null, now));
        edges = store.observe(seen, now).edges();
        int count = tables.values().stream().mapToInt(List::size).sum();
        if (count != SOCKETS || map.nodes().size() < 50 || edges.isEmpty() || rules.check(map).isEmpty()) {
            throw new IllegalStateException("bad bench input: " + count + " sockets, " + map.nodes().size() + " nodes, "
                    + edges.size() + " edges, " + rules.check(map).size() + " violations");
        }
    }

    /** Prints the size of the bench input (containers, sockets, connections, edges, violations). */
    public static void main(String[] args) {
        NetworkMapBench b = new NetworkMapBench();
        b.setup();
        System.out.printf("containers=%d networks=%d sockets=%d connections=%d edges=%d violations=%d (%s) json_bytes=%d "
                        + "plantuml_bytes=%d%n", b.topology.containers().size(), b.topology.networks().size(),
                b.tables.values().stream().mapToInt(List::size).sum(), b.connections.size(), b.edges.size(),
                b.rules.check(b.map).size(), b.rules.check(b.map).stream().map(Violation::rule).distinct().toList(),
                MapJson.write(b.map).length(), PlantUml.render(b.map).length());
    }

    /** The whole pure part of one collection. */
    @Benchmark
    public NetworkMap collection() {
        now = now.plusSeconds(10);
        List<Connections.Connection> conns = Connections.resolve(topology, tables, Set.of());
        EdgeStore.Update u = store.observe(NetworkMapPart.seen(conns, flowBytes.count(conns, null, now)), now);
        NetworkMap m = MapBuilder.build("bench", now, topology, tables, u.edges(), coverage);
        List<Violation> v = rules.check(m);
        return v.size() < 0 ? null : m;
    }

    @Benchmark
    public List<Connections.Connection> resolve() {
        return Connections.resolve(topology, tables, Set.of());
    }

    @Benchmark
    public EdgeStore.Update observe() {
        now = now.plusSeconds(10);
        return store.observe(seen, now);
    }

    @Benchmark
    public NetworkMap build() {
        return MapBuilder.build("bench", now, topology, tables, edges, coverage);
    }

    @Benchmark
    public List<Violation> check() {
        return rules.check(map);
    }

    @Benchmark
    public String json() {
        return MapJson.write(map);
    }

    @Benchmark
    public String plantUml() {
        return PlantUml.render(map);
    }

    /** The four example rules. */
    static SegmentationRules rules() {
        ConfigNode n = ConfigNode.of(Map.of("rules", List.of(
                Map.of("name", "db_from_backend", "kind", "accept_only", "to", "network:db_net",
                        "from", List.of("network:backend_net")),
                Map.of("name", "dmz_apart", "kind", "not_on_both", "networks", List.of("frontend_net", "db_net")),
                Map.of("name", "db_unpublished", "kind", "no_published_ports", "on", "network:db_net"),
                Map.of("name", "only_npm_outside", "kind", "outside_only", "to", List.of("container:npm")))));
        SegmentationRules r = SegmentationRules.parse(n);
        if (!n.problems().all().isEmpty() || r.names().size() != 4) {
            throw new IllegalStateException("bench rules: " + n.problems().all());
        }
        return r;
    }

    /**
     * The bench host: containers, their addresses and their sockets, both ends of each connection between containers
     * in the two tables. Connection counts are fixed per flow; the connections from outside to npm fill up to the
     * wanted number of sockets.
     */
    static final class Homelab {
        final List<Topology.Container> containers = new ArrayList<>();
        final List<Topology.Net> networks = new ArrayList<>();
        final Map<String, List<Socket>> tables = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> ips = new LinkedHashMap<>();
        private final Map<String, Integer> nextHost = new LinkedHashMap<>();
        private final Map<String, String> gateway = new LinkedHashMap<>();
        private int ephemeral = 32768;
        private long inode = 100_000;

        static Homelab build(int sockets) {
            Homelab h = new Homelab();
            String[] nets = {"frontend_net", "backend_net", "db_net", "monitoring_net", "media_net", "iot_net"};
            for (int i = 0; i < nets.length; i++) {
                h.net(nets[i], i + 1);
            }
            h.networks.add(new Topology.Net("host", "host", false, List.of(), List.of()));
            h.container("npm", "bridge", List.of(new NetworkMap.PublishedPort("0.0.0.0", 443, 443, "tcp"),
                    new NetworkMap.PublishedPort("0.0.0.0", 80, 80, "tcp")), "frontend_net").listen("npm", 80, 443, 81);
            for (int i = 1; i <= 12; i++) {
                h.container("app" + i, "bridge", List.of(), "frontend_net", "backend_net").listen("app" + i, 8000);
            }
            for (int i = 1; i <= 10; i++) {
                h.container("worker" + i, "bridge", List.of(), "backend_net", "db_net").listen("worker" + i, 9000);
            }
            String[][] dbs = {{"postgres1", "5432"}, {"postgres2", "5432"}, {"mariadb1", "3306"}, {"mariadb2", "3306"},
                    {"redis1", "6379"}, {"redis2", "6379"}, {"mongo", "27017"}, {"minio", "9000"}};
            for (String[] d : dbs) {
                h.container(d[0], "bridge", List.of(), "db_net").listen(d[0], Integer.parseInt(d[1]));
            }
            h.container("prometheus", "bridge", List.of(), "monitoring_net", "frontend_net", "backend_net").listen("prometheus", 9090);
            h.container("grafana", "bridge", List.of(new NetworkMap.PublishedPort("0.0.0.0", 3000, 3000, "tcp")),
                    "monitoring_net").listen("grafana", 3000);
            h.container("alertmanager", "bridge", List.of(), "monitoring_net").listen("alertmanager", 9093);
            h.container("loki", "bridge", List.of(), "monitoring_net").listen("loki", 3100);
            h.container("uptime", "bridge", List.of(), "monitoring_net", "db_net").listen("uptime", 3001);
            for (String m : List.of("jellyfin", "sonarr", "radarr", "prowlarr", "qbittorrent", "bazarr")) {
                h.container(m, "bridge", m.equals("jellyfin")
                        ? List.of(new NetworkMap.PublishedPort("0.0.0.0", 8096, 8096, "tcp")) : List.of(), "media_net")
                        .listen(m, m.equals("jellyfin") ? 8096 : 7878);
            }
            h.container("mosquitto", "bridge", List.of(), "iot_net").listen("mosquitto", 1883);
            for (String m : List.of("zigbee2mqtt", "nodered", "esphome", "influxdb")) {
                h.container(m, "bridge", List.of(), "iot_net").listen(m, m.equals("influxdb") ? 8086 : 1880);
            }
            for (String m : List.of("homeassistant", "node_exporter", "pihole")) {
                h.container(m, "host", List.of());
            }
            h.listen("homeassistant", 8123).listen("node_exporter", 9100).listen("pihole", 53, 8053);
            h.tables.get("id-pihole").add(new Socket("udp", "0.0.0.0", 53, "0.0.0.0", 0, SocketState.CLOSE, h.inode++));

            for (int i = 1; i <= 12; i++) {
                h.flow("npm", "app" + i, 8000, "frontend_net", 40);
                h.flow("app" + i, "worker" + (i % 10 + 1), 9000, "backend_net", 15);
                h.flow("app" + i, "worker" + ((i + 4) % 10 + 1), 9000, "backend_net", 15);
                h.flow("prometheus", "app" + i, 8000, "frontend_net", 2);
            }
            for (int i = 1; i <= 10; i++) {
                h.flow("worker" + i, dbs[i % 8][0], Integer.parseInt(dbs[i % 8][1]), "db_net", 60);
                h.flow("worker" + i, dbs[(i + 3) % 8][0], Integer.parseInt(dbs[(i + 3) % 8][1]), "db_net", 60);
                h.flow("prometheus", "worker" + i, 9000, "backend_net", 2);
                h.toOutside("worker" + i, "140.82.112.3", 443, 5);
            }
            h.flow("uptime", "postgres1", 5432, "db_net", 3); // breaks db_from_backend
            h.flow("grafana", "prometheus", 9090, "monitoring_net", 20);
            h.flow("grafana", "loki", 3100, "monitoring_net", 10);
            h.flow("prometheus", "alertmanager", 9093, "monitoring_net", 4);
            h.fromHostMode("prometheus", "monitoring_net", "node_exporter", 9100, 2);
            h.fromOutside("grafana", 3000, 6);
            h.fromOutside("jellyfin", 8096, 30); // breaks only_npm_outside
            for (String m : List.of("sonarr", "radarr", "bazarr")) {
                h.flow(m, "prowlarr", 7878, "media_net", 10);
                h.flow(m, "jellyfin", 8096, "media_net", 6);
                h.toOutside(m, "185.199.108.153", 443, 8);
            }
            h.toOutside("qbittorrent", "93.184.216.34", 6881, 150); // a peer port outside 32768-60999 (see NOTES-mapbench)
            for (String m : List.of("zigbee2mqtt", "nodered", "esphome")) {
                h.flow(m, "mosquitto", 1883, "iot_net", 5);
            }
            h.flow("nodered", "influxdb", 8086, "iot_net", 10);
            h.hostModeTo("homeassistant", "mosquitto", 1883, "iot_net", 4);
            h.hostModeTo("homeassistant", "influxdb", 8086, "iot_net", 4);
            int have = h.tables.values().stream().mapToInt(List::size).sum();
            if (have > sockets) {
                throw new IllegalStateException("more than " + sockets + " sockets before the fill: " + have);
            }
            h.fromOutside("npm", 443, sockets - have);
            return h;
        }

        Topology topology() {
            return new Topology(containers, networks);
        }

        private void net(String name, int n) {
            String prefix = "10.90." + n + ".";
            gateway.put(name, prefix + "1");
            nextHost.put(name, 2);
            networks.add(new Topology.Net(name, "bridge", name.equals("db_net"), List.of(prefix + "0/24"),
                    List.of(prefix + "1")));
        }

        private Homelab container(String name, String mode, List<NetworkMap.PublishedPort> published, String... nets) {
            Map<String, List<String>> a = new LinkedHashMap<>();
            Map<String, String> mine = new LinkedHashMap<>();
            for (String n : nets) {
                int host = nextHost.merge(n, 1, Integer::sum) - 1;
                String ip = gateway.get(n).substring(0, gateway.get(n).length() - 1) + host;
                a.put(n, List.of(ip));
                mine.put(n, ip);
            }
            ips.put(name, mine);
            containers.add(new Topology.Container("id-" + name, name, "running", 1000 + containers.size(), mode, a,
                    published, "homelab", name, null));
            tables.put("id-" + name, new ArrayList<>());
            return this;
        }

        private Homelab listen(String name, int... ports) {
            for (int p : ports) {
                tables.get("id-" + name).add(new Socket("tcp", "0.0.0.0", p, "0.0.0.0", 0, SocketState.LISTEN, inode++));
            }
            return this;
        }

        /** {@code count} connections between two containers on {@code net}: both ends' sockets. */
        private void flow(String client, String server, int port, String net, int count) {
            String cip = ips.get(client).get(net);
            String sip = ips.get(server).get(net);
            for (int i = 0; i < count; i++) {
                pair(client, cip, server, sip, port);
            }
        }

        /** A host-mode container (the host's address on that network) connecting to a container. */
        private void hostModeTo(String hostMode, String server, int port, String net, int count) {
            for (int i = 0; i < count; i++) {
                pair(hostMode, gateway.get(net), server, ips.get(server).get(net), port);
            }
        }

        /** A container connecting to a host-mode one through the gateway of its network. */
        private void fromHostMode(String client, String net, String hostMode, int port, int count) {
            for (int i = 0; i < count; i++) {
                pair(client, ips.get(client).get(net), hostMode, gateway.get(net), port);
            }
        }

        private void pair(String client, String cip, String server, String sip, int port) {
            int cport = port();
            tables.get("id-" + client).add(new Socket("tcp", cip, cport, sip, port, SocketState.ESTABLISHED, inode++));
            tables.get("id-" + server).add(new Socket("tcp", sip, port, cip, cport, SocketState.ESTABLISHED, inode++));
        }

        /** Connections from the internet to a published port: the server's end only (the client end is not here). */
        private void fromOutside(String server, int port, int count) {
            String sip = ips.get(server).values().iterator().next();
            for (int i = 0; i < count; i++) {
                String from = "203.0." + (113 + i / 50_000) + "." + (1 + i % 250);
                tables.get("id-" + server).add(new Socket("tcp", sip, port, from, port(), SocketState.ESTABLISHED, inode++));
            }
        }

        private void toOutside(String client, String ip, int port, int count) {
            String cip = ips.get(client).values().iterator().next();
            for (int i = 0; i < count; i++) {
                tables.get("id-" + client).add(new Socket("tcp", cip, port(), ip, port, SocketState.ESTABLISHED, inode++));
            }
        }

        private int port() {
            int p = ephemeral;
            ephemeral = ephemeral == 60999 ? 32768 : ephemeral + 1;
            return p;
        }
    }
}
