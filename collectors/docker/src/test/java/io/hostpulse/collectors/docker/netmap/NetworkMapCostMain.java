package io.hostpulse.collectors.docker.netmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostpulse.collectors.docker.DockerCollector;
import io.hostpulse.collectors.docker.DockerConfig;
import io.hostpulse.collectors.docker.netmap.socket.SocketReader;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.testing.DockerDaemon;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: what the network map adds to one Docker collection on a real engine. Starts the test-fixtures'
 * private dockerd, 5 networks (10.88.1-5.0/24, static addresses, no DNS) and 50 busybox containers (3 in host mode)
 * whose {@code nc} servers and clients hold about 120 connections open between them, then times
 * {@link DockerCollector#collect} with {@code network_map.enabled} true and false, alternating, plus the map's own
 * step ({@link NetworkMapPart#collect} on the same inspect replies) and the socket-table reads alone. Then a
 * {@code python3} helper (root: setns into the containers' namespaces, no process per connection) opens more
 * connections between the same containers until the containers hold SOCKETS sockets, and measures again.
 * <pre>java -cp ... io.hostpulse.collectors.docker.netmap.NetworkMapCostMain [COLLECTIONS=20] [SOCKETS=10000]</pre>
 * Needs root, docker.io, busybox-static and python3. See BENCHMARKS.md for the numbers and the command.
 */
public final class NetworkMapCostMain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Port the python helper's listeners use in the server containers. */
    private static final int HOLDER_PORT = 21000;

    /** Holds N connections between container namespaces: one process, both ends' sockets in the containers. */
    private static final String HOLDER = """
            import ctypes, os, resource, socket, sys
            hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            libc = ctypes.CDLL(None, use_errno=True)
            def enter(pid):
                fd = os.open("/proc/%s/ns/net" % pid, os.O_RDONLY)
                if libc.setns(fd, 0x40000000) != 0:
                    raise OSError(ctypes.get_errno(), "setns " + pid)
                os.close(fd)
            keep, listeners = [], {}
            while True:
                line = sys.stdin.readline().split()
                if not line or line[0] == "go":
                    break
                cpid, spid, ip, port, n = line[0], line[1], line[2], int(line[3]), int(line[4])
                if spid not in listeners:
                    enter(spid)
                    l = socket.socket()
                    l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    l.bind(("0.0.0.0", port))
                    l.listen(4096)
                    listeners[spid] = l
                enter(cpid)
                for i in range(n):
                    keep.append(socket.create_connection((ip, port), timeout=10))
                    keep.append(listeners[spid].accept()[0])
            ehash = open("/proc/sys/net/ipv4/tcp_ehash_entries").read().strip()
            print("ready", len(keep), "sockets held; a container's net.ipv4.tcp_ehash_entries=" + ehash, flush=True)
            sys.stdin.read()
            """;

    /** One container: name, networks with its address on each (empty: host mode), its command. */
    private record Spec(String name, Map<String, String> ips, List<String> command) {
    }

    /** A client's connections: which container, to which address and port, how many. */
    private record Link(String client, String server, String ip, int port, int count) {
    }

    public static void main(String[] args) throws Exception {
        int collections = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int wantSockets = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        System.out.println("loadavg at start: " + loadavg() + "; net.ipv4.tcp_ehash_entries="
                + proc("/proc/sys/net/ipv4/tcp_ehash_entries") + "; net.ipv4.tcp_child_ehash_entries="
                + proc("/proc/sys/net/ipv4/tcp_child_ehash_entries") + " (negative: this "
                + "namespace's own table)");
        try (DockerDaemon d = DockerDaemon.start()) {
            List<Link> links = new ArrayList<>();
            List<Spec> specs = topology(links);
            String[][] nets = {{"hp-front", "1", ""}, {"hp-back", "2", ""}, {"hp-db", "3", "--internal"},
                    {"hp-mon", "4", ""}, {"hp-media", "5", ""}};
            for (String[] n : nets) {
                List<String> a = new ArrayList<>(List.of("network", "create", "--subnet", "10.88." + n[1] + ".0/24",
                        "--gateway", "10.88." + n[1] + ".1"));
                if (!n[2].isEmpty()) {
                    a.add(n[2]);
                }
                a.add(n[0]);
                d.docker(a.toArray(String[]::new));
            }
            long t0 = System.nanoTime();
            for (Spec s : specs) {
                start(d, s);
            }
            System.out.printf("started %d containers in %.0f s%n", specs.size(), (System.nanoTime() - t0) / 1e9);
            int expected = links.stream().mapToInt(Link::count).sum();

            DockerCollector on = DockerCollector.create(config(d, true));
            DockerCollector off = DockerCollector.create(config(d, false));
            awaitConnections(on, expected);
            measure("nc connections", d, on, off, collections);

            int have = sockets(on);
            if (wantSockets > have) {
                Map<String, Integer> pids = pids(d, specs);
                List<Link> own = links.stream().filter(l -> !hostMode(specs, l.client()) && !hostMode(specs, l.server())).toList();
                int conns = (wantSockets - have) / 2;
                Process holder = new ProcessBuilder("python3", "-c", HOLDER).redirectErrorStream(true).start();
                try (Writer w = new java.io.OutputStreamWriter(holder.getOutputStream(), StandardCharsets.US_ASCII)) {
                    for (int i = 0; i < own.size(); i++) {
                        Link l = own.get(i);
                        int n = conns / own.size() + (i < conns % own.size() ? 1 : 0);
                        w.write(pids.get(l.client()) + " " + pids.get(l.server()) + " " + l.ip() + " " + HOLDER_PORT + " " + n + "\n");
                    }
                    w.write("go\n");
                    w.flush();
                    BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII));
                    String line = r.readLine();
                    if (line == null || !line.startsWith("ready")) {
                        throw new IllegalStateException("socket holder failed: " + line + " " + drain(r));
                    }
                    System.out.println("python holder: " + line);
                    measure("nc + python-held connections", d, on, off, collections);
                } finally {
                    holder.getOutputStream().close();
                    if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                        holder.destroyForcibly();
                    }
                }
            }
            on.close();
            off.close();
        }
    }

    /**
     * The containers: a proxy, 10 apps (front + back), 10 workers (back + db), 8 databases (db, internal), 5
     * monitoring (prometheus on mon + front + back), 7 media, 6 misc on front, 3 host-mode. Started in this order,
     * so that every client's server listens before the client connects.
     */
    private static List<Spec> topology(List<Link> links) {
        List<Spec> out = new ArrayList<>();
        List<String> dbs = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            out.add(spec("db" + i, Map.of("hp-db", "10.88.3." + (10 + i)), 5432, List.of(), links));
            dbs.add("db" + i);
        }
        for (int i = 1; i <= 10; i++) {
            out.add(spec("worker" + i, ordered("hp-back", "10.88.2." + (30 + i), "hp-db", "10.88.3." + (30 + i)), 9000,
                    List.of(link("worker" + i, "db" + (i % 8 + 1), "10.88.3." + (10 + i % 8 + 1), 5432, 1),
                            link("worker" + i, "db" + ((i + 3) % 8 + 1), "10.88.3." + (10 + (i + 3) % 8 + 1), 5432, 1)), links));
        }
        for (int i = 1; i <= 10; i++) {
            out.add(spec("app" + i, ordered("hp-front", "10.88.1." + (50 + i), "hp-back", "10.88.2." + (50 + i)), 8000,
                    List.of(link("app" + i, "worker" + i, "10.88.2." + (30 + i), 9000, 2)), links));
        }
        List<Link> proxy = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            proxy.add(link("proxy", "app" + i, "10.88.1." + (50 + i), 8000, 2));
        }
        out.add(spec("proxy", Map.of("hp-front", "10.88.1.10"), 443, proxy, links));
        List<Link> scrape = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            scrape.add(link("prometheus", "app" + i, "10.88.1." + (50 + i), 8000, 1));
            scrape.add(link("prometheus", "worker" + i, "10.88.2." + (30 + i), 9000, 1));
        }
        out.add(spec("prometheus", ordered("hp-mon", "10.88.4.10", "hp-front", "10.88.1.20", "hp-back", "10.88.2.20"),
                9090, scrape, links));
        out.add(spec("grafana", Map.of("hp-mon", "10.88.4.11"), 3000,
                List.of(link("grafana", "prometheus", "10.88.4.10", 9090, 3)), links));
        for (int i = 1; i <= 3; i++) {
            out.add(spec("mon" + i, Map.of("hp-mon", "10.88.4." + (20 + i)), 9100 + i,
                    List.of(link("mon" + i, "prometheus", "10.88.4.10", 9090, 1)), links));
        }
        out.add(spec("media1", Map.of("hp-media", "10.88.5.10"), 8096, List.of(), links));
        for (int i = 2; i <= 7; i++) {
            out.add(spec("media" + i, Map.of("hp-media", "10.88.5." + (10 + i)), 7878,
                    List.of(link("media" + i, "media1", "10.88.5.10", 8096, 2)), links));
        }
        for (int i = 1; i <= 6; i++) {
            out.add(spec("misc" + i, Map.of("hp-front", "10.88.1." + (100 + i)), 8080,
                    List.of(link("misc" + i, "proxy", "10.88.1.10", 443, 2)), links));
        }
        // host mode: listeners on the host's ports (a private engine: pick ports nothing else uses)
        out.add(spec("hostsvc1", Map.of(), 19101, List.of(), links));
        out.add(spec("hostsvc2", Map.of(), 19102, List.of(link("hostsvc2", "app1", "10.88.1.51", 8000, 2)), links));
        out.add(spec("hostsvc3", Map.of(), 19103, List.of(), links));
        return out;
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Link link(String client, String server, String ip, int port, int count) {
        return new Link(client, server, ip, port, count);
    }

    /** A container serving {@code nc -ll -p PORT -e cat} and holding its clients' connections open. */
    private static Spec spec(String name, Map<String, String> ips, int port, List<Link> clients, List<Link> all) {
        all.addAll(clients);
        StringBuilder sh = new StringBuilder("nc -ll -p " + port + " -e cat & sleep 1; ");
        for (Link l : clients) {
            for (int i = 0; i < l.count(); i++) {
                sh.append("sleep 999999 | nc ").append(l.ip()).append(' ').append(l.port()).append(" & ");
            }
        }
        sh.append("wait");
        return new Spec(name, ips, List.of("sh", "-c", sh.toString()));
    }

    private static void start(DockerDaemon d, Spec s) throws Exception {
        List<String> a = new ArrayList<>(List.of("run", "-d", "--name", s.name()));
        List<Map.Entry<String, String>> nets = new ArrayList<>(s.ips().entrySet());
        if (nets.isEmpty()) {
            a.addAll(List.of("--network", "host"));
        } else {
            a.addAll(List.of("--network", nets.get(0).getKey(), "--ip", nets.get(0).getValue()));
        }
        if (nets.size() > 1) {
            // connect the other networks before the command runs: created, connected, then started
            a.set(0, "create");
            a.remove(1);
        }
        a.add(DockerDaemon.IMAGE);
        a.addAll(s.command());
        d.docker(a.toArray(String[]::new));
        if (nets.size() > 1) {
            for (Map.Entry<String, String> n : nets.subList(1, nets.size())) {
                d.docker("network", "connect", "--ip", n.getValue(), n.getKey(), s.name());
            }
            d.docker("start", s.name());
        }
    }

    private static boolean hostMode(List<Spec> specs, String name) {
        return specs.stream().anyMatch(s -> s.name().equals(name) && s.ips().isEmpty());
    }

    private static DockerConfig config(DockerDaemon d, boolean map) {
        return DockerConfig.from(ConfigNode.of(Map.of("endpoint", d.host(), "events", false, "stats_parallelism", 64,
                        "container_timeout", "30s", "network_map", Map.of("enabled", map))),
                HostPaths.defaults(), Map.of());
    }

    /** Waits until the map sees every nc connection (both ends), at most 90 s. */
    private static void awaitConnections(DockerCollector on, int expected) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Point p = null;
        while (System.nanoTime() < until) {
            p = netmap(on);
            if (p != null && connectionsNow(on) >= expected) {
                break;
            }
            Thread.sleep(2000);
        }
        System.out.println("nc connections expected " + expected + ", seen " + connectionsNow(on) + "; docker_netmap "
                + (p == null ? "missing" : p.fields()));
    }

    private static int connectionsNow(DockerCollector on) {
        NetworkMap m = on.networkMap().latest();
        return m == null ? 0 : m.edges().stream().mapToInt(NetworkMap.Edge::connections).sum();
    }

    private static int sockets(DockerCollector on) throws Exception {
        return ((Number) netmap(on).fields().get("sockets")).intValue();
    }

    private static Point netmap(DockerCollector c) throws Exception {
        Recorder r = new Recorder();
        c.collect(Instant.now(), r);
        return r.points.stream().filter(x -> x.measurement().equals("docker_netmap")).findFirst().orElse(null);
    }

    private static void measure(String label, DockerDaemon d, DockerCollector on, DockerCollector off, int n) throws Exception {
        String load0 = loadavg();
        for (int i = 0; i < 3; i++) {
            netmap(on);
            netmap(off);
        }
        long[][] wall = new long[2][n];
        long[][] cpu = new long[2][n];
        long[][] proc = new long[2][n];
        Point last = null;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                boolean map = (i + k) % 2 == 0;
                DockerCollector c = map ? on : off;
                Recorder r = new Recorder();
                long p0 = os.getProcessCpuTime();
                long c0 = collectorCpu();
                long w0 = System.nanoTime();
                c.collect(Instant.now(), r);
                int at = map ? 0 : 1;
                wall[at][i] = System.nanoTime() - w0;
                cpu[at][i] = collectorCpu() - c0;
                proc[at][i] = os.getProcessCpuTime() - p0;
                if (!r.errors.isEmpty()) {
                    System.out.println("  errors: " + r.errors);
                }
                if (map) {
                    last = r.points.stream().filter(x -> x.measurement().equals("docker_netmap")).findFirst().orElse(last);
                }
            }
        }
        System.out.printf("%n== %s: %d collections each, map on/off alternating; docker_netmap %s%n", label, n,
                last == null ? "missing" : last.fields());
        row("DockerCollector.collect wall", wall);
        row("  collector threads' CPU (caller + workers)", cpu);
        row("  JVM process CPU", proc);

        // the map's own step, on the same inspect replies the collector hands it
        List<JsonNode> inspects = new ArrayList<>();
        for (JsonNode c : JSON.readTree(d.get("/containers/json?all=1"))) {
            inspects.add(JSON.readTree(d.get("/containers/" + c.get("Id").asText() + "/json")));
        }
        JsonNode networks = JSON.readTree(d.get("/networks"));
        NetworkMapPart part = on.networkMap();
        int m = Math.max(n, 30);
        long[] pw = new long[m];
        long[] pc = new long[m];
        for (int i = 0; i < m + 3; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            part.collect(inspects, networks, Map.of(), Instant.now());
            if (i >= 3) {
                pw[i - 3] = System.nanoTime() - w0;
                pc[i - 3] = THREADS.getCurrentThreadCpuTime() - c0;
            }
        }
        row("NetworkMapPart.collect alone: wall", pw);
        row("  its thread's CPU", pc);

        // the reads alone: every own-namespace container's 4 tables
        SocketReader reader = new SocketReader(Path.of("/proc"));
        List<Integer> pids = new ArrayList<>();
        for (JsonNode i : inspects) {
            if (!"host".equals(i.path("HostConfig").path("NetworkMode").asText()) && i.path("State").path("Pid").asInt() > 0) {
                pids.add(i.path("State").path("Pid").asInt());
            }
        }
        long[] rw = new long[m];
        long[] rc = new long[m];
        for (int i = 0; i < m; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            for (int pid : pids) {
                reader.read(pid);
            }
            rw[i] = System.nanoTime() - w0;
            rc[i] = THREADS.getCurrentThreadCpuTime() - c0;
        }
        row("SocketReader.read of " + pids.size() + " namespaces: wall", rw);
        row("  its thread's CPU", rc);
        System.out.println("loadavg: before " + load0 + ", after " + loadavg());
    }

    private static void row(String what, long[][] onOff) {
        System.out.printf("%-46s on: median %7.1f ms p90 %7.1f ms | off: median %7.1f ms p90 %7.1f ms | added (median): %6.1f ms%n",
                what, pct(onOff[0], 50), pct(onOff[0], 90), pct(onOff[1], 50), pct(onOff[1], 90),
                pct(onOff[0], 50) - pct(onOff[1], 50));
    }

    private static void row(String what, long[] v) {
        System.out.printf("%-46s median %7.1f ms p90 %7.1f ms%n", what, pct(v, 50), pct(v, 90));
    }

    private static double pct(long[] v, int p) {
        long[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(s.length * p / 100.0) - 1)] / 1e6;
    }

    /** CPU of the calling thread and the collectors' worker threads. */
    private static long collectorCpu() {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t == Thread.currentThread() || t.getName().startsWith("hostpulse-docker")) {
                long v = THREADS.getThreadCpuTime(t.getId());
                if (v > 0) {
                    sum += v;
                }
            }
        }
        return sum;
    }

    private static Map<String, Integer> pids(DockerDaemon d, List<Spec> specs) throws Exception {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Spec s : specs) {
            out.put(s.name(), Integer.parseInt(d.docker("inspect", "-f", "{{.State.Pid}}", s.name())));
        }
        return out;
    }

    /** A proc file's text (read to its end: proc files have no size). */
    private static String proc(String file) throws Exception {
        try (var in = Files.newInputStream(Path.of(file))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
    }

    private static String loadavg() throws Exception {
        return String.join(" ", List.of(proc("/proc/loadavg").split(" ")).subList(0, 3));
    }

    private static String drain(BufferedReader r) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String l = r.readLine(); l != null; l = r.readLine()) {
            b.append(l).append(' ');
        }
        return b.toString();
    }

    /** Keeps the points and errors of one collection. */
    private static final class Recorder implements Accumulator {
        final List<Point> points = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        @Override
        public void add(Point p) {
            points.add(p);
        }

        @Override
        public void addEvent(io.hostpulse.core.Event e) {
        }

        @Override
        public void addError(String source, Throwable t) {
            errors.add(source + ": " + t.getMessage());
        }
    }
}
