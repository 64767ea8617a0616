package io.hostpulse.collectors.docker.netmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostpulse.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The edges seen so far, so that a map shows last week's edges and not only this second's. Rules:
 * <ul>
 *   <li>an edge is (client, server, port, proto, network); it keeps when it was first and last seen;</li>
 *   <li>an edge not seen for {@code retention} is forgotten;</li>
 *   <li>at most {@code maxEdges} are kept: beyond that the ones seen longest ago go first, and when the edges seen
 *       in one reading alone are more, the ones with the fewest connections are not taken and are counted
 *       ({@link Update#dropped()});</li>
 *   <li>with a file, the store is loaded at start and written atomically when an edge is added or forgotten, and
 *       otherwise at most every {@link #SAVE_EVERY} (so a crash loses at most that much of "last seen"); an
 *       unreadable file is logged once and the store starts empty;</li>
 *   <li>without a file ({@code hostpulse test}, no data directory) it lives in memory only.</li>
 * </ul>
 * Time comes from the readings. Not thread-safe: the Docker collector calls it from its collection only.
 */
public final class EdgeStore {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final Duration SAVE_EVERY = Duration.ofMinutes(5);
    /** The file's name in the agent's data directory. */
    public static final String FILE = "netmap-edges.json";

    private final Path file;
    private final boolean writable;
    private final Duration retention;
    private final int maxEdges;
    private final Map<String, Known> edges = new LinkedHashMap<>();
    private Instant savedAt;
    private boolean writeFailing;

    /** What is kept of one edge. */
    private record Known(String client, String server, int port, String proto, String network, boolean published,
                         Instant firstSeen, Instant lastSeen) {
    }

    /**
     * One edge as a reading saw it: its connections now, and conntrack's bytes and rate where known.
     */
    public record Seen(String client, String server, int port, String proto, String network, boolean published,
                       int connections, Long bytes, Double bytesPerSecond) {
        String key() {
            return EdgeStore.key(client, server, port, proto, network);
        }
    }

    /**
     * @param edges   the seen edges with their counts and every remembered one (connections 0), sorted
     * @param added   the edges no earlier reading (nor the file) had: one event each
     * @param dropped seen edges not kept because of {@code maxEdges}
     */
    public record Update(List<NetworkMap.Edge> edges, List<NetworkMap.Edge> added, int dropped) {
    }

    public EdgeStore(Path file, Duration retention, int maxEdges) {
        this(file, true, retention, maxEdges);
    }

    /** A store that loads {@code file} but never writes it ({@code hostpulse map} beside a running agent). */
    public static EdgeStore readOnly(Path file, Duration retention, int maxEdges) {
        return new EdgeStore(file, false, retention, maxEdges);
    }

    private EdgeStore(Path file, boolean writable, Duration retention, int maxEdges) {
        this.file = file;
        this.writable = writable;
        this.retention = retention;
        this.maxEdges = maxEdges;
        load();
    }

    /** Takes one reading's edges at {@code now}. */
    public Update observe(List<Seen> seen, Instant now) {
        Map<String, Seen> current = new HashMap<>();
        for (Seen s : seen) {
            current.merge(s.key(), s, EdgeStore::sum);
        }
        boolean changed = edges.values().removeIf(k -> k.lastSeen().isBefore(now.minus(retention)));
        List<Seen> order = new ArrayList<>(current.values());
        order.sort(Comparator.comparingInt(Seen::connections).reversed().thenComparing(Seen::key));
        int dropped = 0;
        List<NetworkMap.Edge> added = new ArrayList<>();
        Map<String, Seen> taken = new HashMap<>();
        for (Seen s : order) {
            Known k = edges.get(s.key());
            if (k == null) {
                if (taken.size() >= maxEdges) {
                    dropped++;
                    continue;
                }
                k = new Known(s.client(), s.server(), s.port(), s.proto(), s.network(), s.published(), now, now);
                added.add(edge(k, s));
                changed = true;
            } else {
                k = new Known(k.client(), k.server(), k.port(), k.proto(), k.network(), k.published() || s.published(),
                        k.firstSeen(), now);
            }
            edges.put(s.key(), k);
            taken.put(s.key(), s);
        }
        if (edges.size() > maxEdges) {
            List<Map.Entry<String, Known>> old = new ArrayList<>(edges.entrySet());
            old.removeIf(e -> taken.containsKey(e.getKey()));
            old.sort(Comparator.comparing((Map.Entry<String, Known> e) -> e.getValue().lastSeen()).thenComparing(Map.Entry::getKey));
            for (int i = 0; i < old.size() && edges.size() > maxEdges; i++) {
                edges.remove(old.get(i).getKey());
            }
            changed = true;
        }
        List<NetworkMap.Edge> out = new ArrayList<>(edges.size());
        edges.forEach((key, k) -> out.add(edge(k, taken.get(key))));
        out.sort(ORDER);
        added.sort(ORDER);
        if (changed || savedAt == null || !now.isBefore(savedAt.plus(SAVE_EVERY))) {
            save(now);
        }
        return new Update(out, added, dropped);
    }

    /** Writes the file now (the agent stops). */
    public void flush(Instant now) {
        save(now);
    }

    public int size() {
        return edges.size();
    }

    static final Comparator<NetworkMap.Edge> ORDER = Comparator.comparing(NetworkMap.Edge::client)
            .thenComparing(NetworkMap.Edge::server).thenComparingInt(NetworkMap.Edge::port)
            .thenComparing(NetworkMap.Edge::proto).thenComparing(NetworkMap.Edge::network);

    private static NetworkMap.Edge edge(Known k, Seen s) {
        return new NetworkMap.Edge(k.client(), k.server(), k.port(), k.proto(), k.network(),
                s == null ? 0 : s.connections(), k.firstSeen(), k.lastSeen(), s == null ? null : s.bytes(),
                s == null ? null : s.bytesPerSecond(), k.published());
    }

    private static Seen sum(Seen a, Seen b) {
        return new Seen(a.client(), a.server(), a.port(), a.proto(), a.network(), a.published() || b.published(),
                a.connections() + b.connections(), add(a.bytes(), b.bytes()),
                a.bytesPerSecond() == null && b.bytesPerSecond() == null ? null
                        : (a.bytesPerSecond() == null ? 0 : a.bytesPerSecond()) + (b.bytesPerSecond() == null ? 0 : b.bytesPerSecond()));
    }

    private static Long add(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Long.valueOf(a + b);
    }

    static String key(String client, String server, int port, String proto, String network) {
        return client + "\u0000" + server + "\u0000" + port + "\u0000" + proto + "\u0000" + network;
    }

    private void load() {
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || root.path("version").asInt() != 1 || !root.path("edges").isArray()) {
                throw new IOException("not a version 1 edge file");
            }
            for (JsonNode e : root.path("edges")) {
                Known k = new Known(text(e, "client"), text(e, "server"), e.path("port").asInt(), text(e, "proto"),
                        text(e, "network"), e.path("published").asBoolean(false),
                        Instant.parse(text(e, "first_seen")), Instant.parse(text(e, "last_seen")));
                if (k.client() == null || k.server() == null || k.proto() == null || k.network() == null) {
                    throw new IOException("an edge lacks client, server, proto or network");
                }
                edges.put(key(k.client(), k.server(), k.port(), k.proto(), k.network()), k);
            }
        } catch (IOException | RuntimeException e) {
            edges.clear();
            LOG.warn("network map: edge file {} is unreadable ({}); starting with no remembered edges", file,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private void save(Instant now) {
        savedAt = now;
        if (file == null || !writable) {
            return;
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", 1);
        ArrayNode list = root.putArray("edges");
        for (Known k : edges.values()) {
            ObjectNode o = list.addObject();
            o.put("client", k.client());
            o.put("server", k.server());
            o.put("port", k.port());
            o.put("proto", k.proto());
            o.put("network", k.network());
            o.put("published", k.published());
            o.put("first_seen", k.firstSeen().toString());
            o.put("last_seen", k.lastSeen().toString());
        }
        try {
            AtomicFiles.write(file, MAPPER.writeValueAsBytes(root));
            if (writeFailing) {
                LOG.info("network map: {} is written again", file);
            }
            writeFailing = false;
        } catch (IOException e) {
            if (writeFailing) {
                return;
            }
            writeFailing = true;
            LOG.warn("network map: cannot write {} ({}); edges are kept in memory and written again later", file, e.getMessage());
        }
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }
}
