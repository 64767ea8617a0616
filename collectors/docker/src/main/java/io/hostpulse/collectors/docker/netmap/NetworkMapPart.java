package io.hostpulse.collectors.docker.netmap;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostpulse.collectors.docker.netmap.rules.Violation;
import io.hostpulse.collectors.docker.netmap.rules.ViolationPoints;
import io.hostpulse.collectors.docker.netmap.socket.ConntrackEntry;
import io.hostpulse.collectors.docker.netmap.socket.ConntrackReader;
import io.hostpulse.collectors.docker.netmap.socket.Socket;
import io.hostpulse.collectors.docker.netmap.socket.SocketReader;
import io.hostpulse.core.Event;
import io.hostpulse.core.EventSink;
import io.hostpulse.core.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Docker collector's network map, once per collection: reads each running container's socket tables from the
 * host's /proc (its network namespace, no exec into it), nf_conntrack's counts when they are there, resolves the
 * connections to edges ({@link Connections}), remembers them ({@link EdgeStore}), builds the {@link NetworkMap},
 * checks the segmentation rules, and returns the points: {@code docker_flow} per edge seen now,
 * {@code docker_segmentation} per violation and one {@code docker_netmap} summary. A new edge is an event. A
 * container whose sockets cannot be read is logged once and counted; the rest of the map is still drawn.
 */
public final class NetworkMapPart implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkMapPart.class);

    private final NetworkMapConfig cfg;
    private final Path proc;
    private final String host;
    private final EventSink events;
    private final SocketReader sockets;
    private final ConntrackReader conntrack;
    private final ProcessSockets processSockets;
    private final EdgeStore store;
    private final FlowBytes flowBytes = new FlowBytes();
    private final Set<String> loggedOnce = ConcurrentHashMap.newKeySet();
    private final boolean hadEdges;
    private boolean first = true;
    private List<String> unmatched = List.of();
    private List<Point> lastViolations = List.of();
    private volatile NetworkMap latest;

    /**
     * @param dataDir where the edges are kept (null: in memory only)
     * @param writable false: the edge file is read but never written ({@code hostpulse map} beside the agent)
     */
    public NetworkMapPart(NetworkMapConfig cfg, Path proc, Path dataDir, boolean writable, String host, EventSink events) {
        this.cfg = cfg;
        this.proc = proc;
        this.host = host;
        this.events = events;
        this.sockets = new SocketReader(proc);
        this.conntrack = new ConntrackReader(proc);
        this.processSockets = new ProcessSockets(proc);
        Path file = dataDir == null ? null : dataDir.resolve(EdgeStore.FILE);
        this.store = writable ? new EdgeStore(file, cfg.retention(), cfg.maxEdges())
                : EdgeStore.readOnly(file, cfg.retention(), cfg.maxEdges());
        this.hadEdges = store.size() > 0;
    }

    /** The map of the last collection; null before the first. */
    public NetworkMap latest() {
        return latest;
    }

    /**
     * @param inspects  the inspect replies of the selected containers
     * @param networks  the engine's /networks reply (null when it failed)
     * @param baseTags  the engine tags every Docker point carries
     */
    public List<Point> collect(List<JsonNode> inspects, JsonNode networks, Map<String, String> baseTags, Instant now) {
        NetworkMap last = latest;
        if (last != null && !cfg.interval().isZero()
                && Duration.between(last.time(), now).compareTo(cfg.interval().minusMillis(500)) < 0) {
            List<Point> again = new ArrayList<>(lastViolations.size());
            for (Point p : lastViolations) {
                again.add(new Point(p.measurement(), p.tags(), p.fields(), now));
            }
            return again;
        }
        Topology t = TopologyMapper.topology(inspects, networks);

        Map<String, List<Socket>> tables = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        int own = 0;
        int malformed = 0;
        int socketCount = 0;
        List<Topology.Container> hostMode = new ArrayList<>();
        long readStart = System.nanoTime();
        for (Topology.Container c : t.containers()) {
            if (!c.running() || c.sharesNetwork()) {
                continue;
            }
            if (c.hostMode()) {
                hostMode.add(c);
                continue;
            }
            own++;
            try {
                SocketReader.Tables r = sockets.read(c.pid());
                tables.put(c.id(), r.sockets());
                malformed += r.malformed();
                socketCount += r.sockets().size();
            } catch (IOException | RuntimeException e) {
                unreadable.add(c.name());
                once("sockets", "network map: cannot read the sockets of container {} under {} ({}); such containers "
                        + "are left out of the map (the agent needs the host's PID namespace and /proc; root when /proc is "
                        + "mounted with hidepid)", c.name(), proc, e.getClass().getSimpleName());
            }
        }
        if (!hostMode.isEmpty()) {
            malformed += hostModeSockets(hostMode, tables, unreadable);
        }
        double readMs = (System.nanoTime() - readStart) / 1e6;
        if (own > 0) {
            hashHint(readMs / own);
        }
        List<ConntrackEntry> ct = null;
        String note = null;
        if (cfg.conntrack()) {
            ConntrackReader.Reading r = conntrack.read();
            if (r.accounting() && r.table() != null) {
                ct = r.table().entries();
                malformed += r.table().malformed();
            } else {
                note = r.note();
            }
        }
        Set<String> hostAddresses = HostAddresses.read(proc);
        List<Connections.Connection> conns = Connections.resolve(t, tables, hostAddresses);
        EdgeStore.Update u = store.observe(seen(conns, flowBytes.count(conns, ct, now)), now);
        if (u.dropped() > 0) {
            once("dropped", "network map: more than {} edges (max_edges); {} edges seen now are not kept (counted in "
                    + "docker_netmap edges_dropped)", cfg.maxEdges(), u.dropped());
        }
        String coverageNote = note(unreadable, own + hostMode.size(), note);
        NetworkMap map = MapBuilder.build(host, now, t, tables, u.edges(),
                new NetworkMap.Coverage(own + hostMode.size(), own + hostMode.size() - unreadable.size(),
                        new ArrayList<>(new TreeSet<>(unreadable)), ct != null, coverageNote));
        latest = map;
        announce(u.added(), now);
        first = false;

        List<Point> out = new ArrayList<>();
        int current = 0;
        for (NetworkMap.Edge e : u.edges()) {
            if (e.connections() == 0) {
                continue;
            }
            current++;
            out.add(Point.builder("docker_flow").tags(baseTags).tag("client", e.client()).tag("server", e.server())
                    .tag("port", Integer.toString(e.port())).tag("proto", e.proto()).tag("network", e.network())
                    .time(now)
                    .field("connections", (long) e.connections())
                    .field("bytes", e.bytes())
                    .field("bytes_per_second", e.bytesPerSecond())
                    .field("published", e.published())
                    .field("first_seen", e.firstSeen().getEpochSecond())
                    .build());
        }
        List<String> nowUnmatched = cfg.rules().unmatchedNetworks(map);
        if (!nowUnmatched.equals(unmatched)) {
            nowUnmatched.forEach(line -> LOG.warn("network map: {}", line));
            unmatched = nowUnmatched;
        }
        List<Violation> violations = cfg.rules().check(map);
        List<Point> violationPoints = ViolationPoints.points(violations, baseTags, now);
        lastViolations = violationPoints;
        out.addAll(violationPoints);
        out.add(Point.builder("docker_netmap").tags(baseTags).time(now)
                .field("edges_now", (long) current)
                .field("edges_known", (long) u.edges().size())
                .field("edges_dropped", (long) u.dropped())
                .field("containers", (long) (own + hostMode.size()))
                .field("containers_unreadable", (long) unreadable.size())
                .field("sockets", (long) socketCount)
                .field("malformed_lines", (long) malformed)
                .field("read_ms", Math.round(readMs * 100) / 100.0)
                .field("conntrack", ct != null)
                .field("violations", (long) violations.size())
                .build());
        return out;
    }

    /** The connections counted per edge, with conntrack's bytes per edge where known (NetworkMapBench uses it too). */
    static List<EdgeStore.Seen> seen(List<Connections.Connection> conns, Map<String, FlowBytes.Counted> counted) {
        Map<String, EdgeStore.Seen> seen = new LinkedHashMap<>();
        for (Connections.Connection c : conns) {
            String key = EdgeStore.key(c.client(), c.server(), c.port(), c.proto(), c.network());
            FlowBytes.Counted b = counted.get(key);
            seen.merge(key, new EdgeStore.Seen(c.client(), c.server(), c.port(), c.proto(), c.network(), c.published(),
                            1, b == null ? null : b.bytes(), b == null ? null : b.bytesPerSecond()),
                    (a, x) -> new EdgeStore.Seen(a.client(), a.server(), a.port(), a.proto(), a.network(),
                            a.published() || x.published(), a.connections() + 1, a.bytes(), a.bytesPerSecond()));
        }
        return new ArrayList<>(seen.values());
    }

    /**
     * Host-mode containers share the host's table: read it once and give each container the sockets its processes
     * hold (by inode).
     */
    private int hostModeSockets(List<Topology.Container> hostMode, Map<String, List<Socket>> tables, List<String> unreadable) {
        SocketReader.Tables host;
        try {
            host = sockets.read(hostMode.get(0).pid());
        } catch (IOException | RuntimeException e) {
            hostMode.forEach(c -> unreadable.add(c.name()));
            once("hostsockets", "network map: cannot read the host's sockets under {} ({}); host-network containers "
                    + "are left out of the map", proc, e.getClass().getSimpleName());
            return 0;
        }
        for (Topology.Container c : hostMode) {
            try {
                Set<Long> inodes = processSockets.inodes(c.pid());
                List<Socket> mine = new ArrayList<>();
                for (Socket s : host.sockets()) {
                    if (s.inode() != 0 && inodes.contains(s.inode())) {
                        mine.add(s);
                    }
                }
                tables.put(c.id(), mine);
            } catch (IOException | RuntimeException e) {
                unreadable.add(c.name());
                once("fds", "network map: cannot read the open files of host-network container {} ({}); its "
                        + "connections show as the host's (the agent needs root or CAP_SYS_PTRACE)", c.name(),
                        e.getClass().getSimpleName());
            }
        }
        return host.malformed();
    }

    /**
     * Reading /proc/<pid>/net/tcp walks the whole TCP hash of the namespace, and containers share the host's (262,144
     * buckets on a 16 GB host, about 4 ms per table) unless net.ipv4.tcp_child_ehash_entries gives each new namespace
     * its own: said once, with the measured cost, when it costs more than a millisecond per container.
     */
    private void hashHint(double msPerContainer) {
        if (msPerContainer < 1.0 || !loggedOnce.add("hash")) {
            return; // looked at once: the setting only changes for containers started later
        }
        if (!"0".equals(sysctl("net/ipv4/tcp_child_ehash_entries"))) {
            return;
        }
        LOG.info("network map: reading a container's sockets takes {} ms because containers share the host's TCP hash "
                + "({} buckets); sysctl net.ipv4.tcp_child_ehash_entries=1024 (Linux 6.1+, persist it in /etc/sysctl.d) "
                + "gives containers started afterwards their own, which makes these reads more than 10 times cheaper",
                String.format(java.util.Locale.ROOT, "%.1f", msPerContainer), sysctl("net/ipv4/tcp_ehash_entries"));
    }

    private String sysctl(String path) {
        try {
            return io.hostpulse.core.io.ProcFiles.text(proc.resolve("sys").resolve(path)).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String note(List<String> unreadable, int containers, String conntrackNote) {
        List<String> parts = new ArrayList<>();
        if (!unreadable.isEmpty()) {
            parts.add(unreadable.size() + " of " + containers + " containers' sockets could not be read (they are "
                    + "missing from the edges)");
        }
        if (conntrackNote != null) {
            parts.add(conntrackNote);
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** One event per new edge; on a first start with no remembered edges, one event for all of them. */
    private void announce(List<NetworkMap.Edge> added, Instant now) {
        if (added.isEmpty()) {
            return;
        }
        if (first && !hadEdges && added.size() > 1) {
            Map<String, String> labels = new TreeMap<>(Map.of("action", "network_map"));
            events.accept(new Event(now, "docker", "info", "network map: first reading found " + added.size()
                    + " edges between containers", labels, Map.of("edges", Integer.toString(added.size()))));
            return;
        }
        for (NetworkMap.Edge e : added) {
            Map<String, String> labels = new TreeMap<>();
            labels.put("action", "network_edge");
            labels.put("network", e.network());
            Map<String, String> meta = new HashMap<>();
            meta.put("client", e.client());
            meta.put("server", e.server());
            meta.put("port", Integer.toString(e.port()));
            meta.put("proto", e.proto());
            meta.put("published", Boolean.toString(e.published()));
            events.accept(new Event(now, "docker", "info", "new connection " + e.client() + " → " + e.server() + ":"
                    + e.port() + "/" + e.proto() + " on " + e.network(), labels, meta));
        }
    }

    private void once(String key, String format, Object... args) {
        if (loggedOnce.add(key)) {
            LOG.warn(format, args);
        }
    }

    @Override
    public void close() {
        NetworkMap m = latest;
        if (m != null) {
            store.flush(m.time());
        }
    }
}
