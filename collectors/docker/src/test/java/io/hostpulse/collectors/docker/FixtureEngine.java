package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test support: a real HTTP server on 127.0.0.1 that answers like a Docker engine with the replies recorded
 * from dockerd 20.10 (src/test/resources/docker-api/recorded-dockerd-20.10), for any number of containers,
 * with an optional per-request latency, and with faults set per path (status, body, delay). Records every
 * request as "METHOD path?query".
 */
final class FixtureEngine implements AutoCloseable {
    private static final Pattern VERSIONED = Pattern.compile("^/v\\d+\\.\\d+(/.*)$");
    private static final Pattern CONTAINER = Pattern.compile("^/containers/([^/]+)/(json|stats)$");
    static final String DOCKERD = "recorded-dockerd-20.10/";
    static final String PODMAN = "recorded-podman-4.3/";
    /** dockerd 20.10, one container (app) on two networks, with labels; the engine-wide replies come from {@link #DOCKERD}. */
    static final String TWO_NETWORKS = "recorded-dockerd-20.10-two-networks/";
    /** The pid in {@link #TWO_NETWORKS}' inspect, and the MACs its eth0 (hp-front) and eth1 (hp-back) have. */
    static final int TWO_NETWORKS_PID = 29624;
    static final Map<String, String> TWO_NETWORKS_MACS = Map.of("eth0", "02:42:0a:e7:01:03", "eth1", "02:42:0a:e7:02:03");

    record Reply(int status, String body, Duration delay) {
        static Reply of(int status, String body) {
            return new Reply(status, body, Duration.ZERO);
        }
    }

    final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Path (without version prefix) -> the reply to give instead of the recorded one. */
    final Map<String, Reply> faults = new ConcurrentHashMap<>();
    volatile int containers;
    volatile Duration latency = Duration.ZERO;
    volatile String apiVersion = "1.41";
    /** NDJSON sent on the first /events connection only (a reconnect gets an idle stream). */
    final java.util.concurrent.atomic.AtomicReference<String> events = new java.util.concurrent.atomic.AtomicReference<>("");
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fixture-engine");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closed = new CountDownLatch(1);
    private final String dir;
    private final JsonNode listEntry;
    private final JsonNode inspect;
    private final JsonNode stats;

    FixtureEngine(int containers) throws IOException {
        this(containers, DOCKERD);
    }

    /** @param dir the recorded engine: {@link #DOCKERD} or {@link #PODMAN} */
    FixtureEngine(int containers, String dir) throws IOException {
        this.dir = dir;
        this.listEntry = Fixtures.json(file("containers_json.json")).get(0);
        this.inspect = Fixtures.json(file("containers_CID_json.json"));
        this.stats = Fixtures.json(file("containers_CID_stats_stream_false_one-shot_true.json"));
        // the JDK server otherwise waits on Nagle + delayed ACK (~40 ms) between header and body
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.containers = containers;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The recorded reply of this engine, or dockerd's where this recording has none. */
    private String file(String name) {
        return Fixtures.exists(dir + name) ? dir + name : DOCKERD + name;
    }

    /**
     * A host /proc under {@code root} in which the {@link #TWO_NETWORKS} container's interfaces have their recorded
     * MACs (eth0 received the 1 MB file from hp-front, eth1 the 3 MB one from hp-back), so the collector maps them.
     */
    static java.nio.file.Path twoNetworksProc(java.nio.file.Path root) throws IOException {
        java.nio.file.Path net = root.resolve(TWO_NETWORKS_PID + "/root/sys/class/net");
        for (Map.Entry<String, String> e : TWO_NETWORKS_MACS.entrySet()) {
            java.nio.file.Files.createDirectories(net.resolve(e.getKey()));
            java.nio.file.Files.writeString(net.resolve(e.getKey()).resolve("address"), e.getValue() + "\n");
        }
        return root;
    }

    String endpoint() {
        return "tcp://127.0.0.1:" + server.getAddress().getPort();
    }

    static String id(int i) {
        return String.format("%064x", i + 1);
    }

    static String name(int i) {
        return String.format("c%04d", i);
    }

    private void handle(HttpExchange ex) throws IOException {
        String raw = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        requests.add(ex.getRequestMethod() + " " + raw + (query == null ? "" : "?" + query));
        Matcher v = VERSIONED.matcher(raw);
        String path = v.matches() ? v.group(1) : raw;
        try {
            sleep(latency);
            Reply fault = faults.get(path);
            if (fault != null) {
                sleep(fault.delay());
                send(ex, fault.status(), fault.body());
                return;
            }
            if (path.equals("/events")) {
                byte[] b = events.getAndSet("").getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                out.write(b);
                out.flush();
                closed.await(30, TimeUnit.SECONDS); // a live stream stays open
                ex.close();
                return;
            }
            send(ex, 200, route(path));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.close();
        } catch (RuntimeException e) {
            send(ex, 500, "{\"message\":\"fixture engine: " + e.getMessage() + "\"}");
        }
    }

    private String route(String path) {
        switch (path) {
            case "/_ping":
                return "OK";
            case "/version":
                return ((ObjectNode) Fixtures.json(file("version.json"))).put("ApiVersion", apiVersion).toString();
            case "/info":
                return ((ObjectNode) Fixtures.json(file("info.json"))).put("Containers", containers)
                        .put("ContainersRunning", containers).toString();
            case "/networks":
                return Fixtures.text(file("networks.json"));
            case "/containers/json": {
                ArrayNode a = Fixtures.JSON.createArrayNode();
                for (int i = 0; i < containers; i++) {
                    ObjectNode e = listEntry.deepCopy();
                    e.put("Id", id(i));
                    e.putArray("Names").add("/" + name(i));
                    a.add(e);
                }
                return a.toString();
            }
            default:
        }
        Matcher m = CONTAINER.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException("no route for " + path);
        }
        String cid = m.group(1);
        int i = Integer.parseInt(cid, 16) - 1;
        if (m.group(2).equals("json")) {
            ObjectNode n = inspect.deepCopy();
            n.put("Id", cid).put("Name", "/" + name(i));
            return n.toString();
        }
        ObjectNode n = stats.deepCopy();
        n.put(n.has("Id") ? "Id" : "id", cid).put("name", "/" + name(i));
        return n.toString();
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero()) {
            Thread.sleep(d.toMillis());
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", body.startsWith("{") || body.startsWith("[") ? "application/json" : "text/plain");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
