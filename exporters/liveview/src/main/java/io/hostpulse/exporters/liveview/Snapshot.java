package io.hostpulse.exporters.liveview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the API's documents (version 1, see exporters/liveview/README.md) from the latest batches. Pure. Every
 * number is a field of a point of the same batch, copied under its own name (tags beside it); the only derived
 * values are the byte rates of diskio, net and each container's network and block I/O (named {@code *_per_second}), the container names of processes,
 * the members of Docker networks, which are joins of those points, and the sensors section's {@code level} and
 * {@code vendor} labels ({@link SensorsSection}).
 */
final class Snapshot {
    static final String API = "hostpulse/v1";
    static final String PROCSTAT = "procstat";
    static final List<String> SECTIONS = List.of("host", "processes", "containers", "networks", "disks", "sensors", "alerts", "events");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS_IN_SNAPSHOT = 20;

    private final String host;
    private final String auth;
    private final long sequence;
    private final Instant generated;
    private final Map<String, List<Point>> latest;
    private final Map<String, Instant> latestTime;
    private final Rates rates;
    private final Rates dockerRates;
    private final List<AlertBoard.Alert> alerts;
    private final List<Event> events;

    Snapshot(String host, String auth, long sequence, Instant generated, Map<String, List<Point>> latest,
             Map<String, Instant> latestTime, Rates rates, Rates dockerRates, List<AlertBoard.Alert> alerts, List<Event> events) {
        this.host = host;
        this.auth = auth;
        this.sequence = sequence;
        this.generated = generated;
        this.latest = latest;
        this.latestTime = latestTime;
        this.rates = rates;
        this.dockerRates = dockerRates;
        this.alerts = alerts;
        this.events = events;
    }

    ObjectNode build() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("api", API);
        doc.put("host", host);
        doc.put("sequence", sequence);
        doc.put("generated", generated.toString());
        doc.put("auth", auth);
        ObjectNode times = doc.putObject("collected");
        latestTime.forEach((s, t) -> times.put(s, t.toString()));
        doc.set("host_metrics", hostSection());
        doc.set("processes", processes());
        doc.set("containers", containers());
        doc.set("networks", networks());
        doc.set("disks", disks());
        doc.set("sensors", SensorsSection.build(points(Sources.SENSORS), points(Sources.NVIDIA)));
        doc.set("alerts", alerts());
        doc.set("levels", levels());
        ArrayNode ev = doc.putArray("events");
        List<Event> last = events.subList(Math.max(0, events.size() - EVENTS_IN_SNAPSHOT), events.size());
        for (int i = last.size() - 1; i >= 0; i--) {
            ev.add(event(last.get(i)));
        }
        ObjectNode spark = doc.putObject("spark");
        Instant ht = latestTime.get(Sources.HOST);
        if (ht != null) {
            spark.put("time", ht.toEpochMilli() / 1000.0);
            ObjectNode values = spark.putObject("values");
            for (Point p : points(Sources.HOST)) {
                if (p.measurement().equals("cpu") && p.field("usage_active") instanceof Number n) {
                    values.put("cpu:" + p.tag("cpu"), n.doubleValue());
                }
            }
            rates.current().forEach(values::put);
        }
        return doc;
    }

    private List<Point> points(String source) {
        return latest.getOrDefault(source, List.of());
    }

    private List<Point> of(String source, String measurement) {
        return points(source).stream().filter(p -> p.measurement().equals(measurement)).toList();
    }

    /** Tags then fields of a point, flat. */
    static ObjectNode flat(Point p) {
        ObjectNode n = JSON.createObjectNode();
        p.tags().forEach((k, v) -> {
            if (!k.equals("host")) {
                n.put(k, v);
            }
        });
        p.fields().forEach((k, v) -> n.set(k, JSON.valueToTree(v)));
        return n;
    }

    static ObjectNode fields(Point p) {
        ObjectNode n = JSON.createObjectNode();
        p.fields().forEach((k, v) -> n.set(k, JSON.valueToTree(v)));
        return n;
    }

    private ObjectNode hostSection() {
        ObjectNode h = JSON.createObjectNode();
        Instant t = latestTime.get(Sources.HOST);
        h.put("time", t == null ? null : t.toString());
        for (String m : List.of("system", "mem", "swap", "processes", "kernel")) {
            List<Point> l = of(Sources.HOST, m);
            if (!l.isEmpty()) {
                h.set(m, fields(l.get(0)));
            }
        }
        ObjectNode cpu = h.putObject("cpu");
        ArrayNode cores = cpu.putArray("cores");
        for (Point p : of(Sources.HOST, "cpu")) {
            if ("cpu-total".equals(p.tag("cpu"))) {
                cpu.set("total", fields(p));
            } else {
                cores.add(flat(p));
            }
        }
        ArrayNode fs = h.putArray("filesystems");
        of(Sources.HOST, "disk").stream().sorted(Comparator.comparing(p -> String.valueOf(p.tag("path"))))
                .forEach(p -> fs.add(flat(p)));
        ArrayNode dio = h.putArray("diskio");
        for (Point p : of(Sources.HOST, "diskio")) {
            ObjectNode n = flat(p);
            putRate(n, "read_bytes_per_second", "diskio:" + p.tag("name") + ":read");
            putRate(n, "write_bytes_per_second", "diskio:" + p.tag("name") + ":write");
            dio.add(n);
        }
        ArrayNode net = h.putArray("net");
        for (Point p : of(Sources.HOST, "net")) {
            ObjectNode n = flat(p);
            putRate(n, "recv_bytes_per_second", "net:" + p.tag("interface") + ":recv");
            putRate(n, "sent_bytes_per_second", "net:" + p.tag("interface") + ":sent");
            net.add(n);
        }
        return h;
    }

    private void putRate(ObjectNode n, String name, String key) {
        Double r = rates.get(key);
        if (r != null) {
            n.put(name, r);
        }
    }

    /** container id (full) -> name, from docker_container_status. */
    private Map<String, String> containerNames() {
        Map<String, String> m = new HashMap<>();
        for (Point p : of(Sources.DOCKER, "docker_container_status")) {
            if (p.field("container_id") instanceof String id && p.tag("container_name") != null) {
                m.put(id, p.tag("container_name"));
            }
        }
        return m;
    }

    private ArrayNode processes() {
        Map<String, String> names = containerNames();
        ArrayNode a = JSON.createArrayNode();
        for (Point p : points(Sources.PROCESSES)) {
            ObjectNode n = flat(p);
            if (p.field("container_id") instanceof String id) {
                String name = names.get(id);
                if (name != null) {
                    n.put("container_name", name);
                }
            }
            a.add(n);
        }
        return a;
    }

    private ArrayNode containers() {
        Map<String, ObjectNode> byName = new LinkedHashMap<>();
        for (Point p : points(Sources.DOCKER)) {
            String name = p.tag("container_name");
            if (name == null) {
                continue;
            }
            ObjectNode c = byName.computeIfAbsent(name, k -> {
                ObjectNode n = JSON.createObjectNode();
                n.put("name", k);
                n.putObject("tags");
                return n;
            });
            ObjectNode tags = (ObjectNode) c.get("tags");
            p.tags().forEach((k, v) -> {
                if (!k.equals("host") && !k.equals("cpu") && !k.equals("network") && !k.equals("device")
                        && !k.equals("interface")) {
                    tags.put(k, v);
                }
            });
            switch (p.measurement()) {
                case "docker_container_status" -> {
                    c.set("status", fields(p));
                    c.put("state", p.tag("container_status"));
                    if (p.field("container_id") instanceof String id) {
                        c.put("id", id);
                    }
                }
                case "docker_container_health" -> {
                    c.set("health", fields(p));
                }
                case "docker_container_cpu" -> {
                    if ("cpu-total".equals(p.tag("cpu"))) {
                        c.set("cpu", fields(p));
                    }
                }
                case "docker_container_mem" -> c.set("mem", fields(p));
                case "docker_container_net" -> {
                    if ("total".equals(p.tag("network"))) {
                        c.set("net", fields(p));
                    }
                }
                case "docker_container_blkio" -> {
                    if ("total".equals(p.tag("device"))) {
                        c.set("blkio", fields(p));
                    }
                }
                default -> {
                }
            }
        }
        byName.forEach((name, c) -> {
            ObjectNode r = JSON.createObjectNode();
            for (String[] k : new String[][]{{"rx", "rx_bytes_per_second"}, {"tx", "tx_bytes_per_second"},
                    {"read", "read_bytes_per_second"}, {"write", "write_bytes_per_second"}}) {
                Double v = dockerRates.get("ctr:" + name + ":" + k[0]);
                if (v != null) {
                    r.put(k[1], v);
                }
            }
            if (!r.isEmpty()) {
                c.set("rates", r);
            }
        });
        List<ObjectNode> l = new ArrayList<>(byName.values());
        l.sort(Comparator.comparing(n -> n.path("name").asText()));
        ArrayNode a = JSON.createArrayNode();
        l.forEach(a::add);
        return a;
    }

    private ArrayNode networks() {
        Map<String, List<String>> members = new HashMap<>();
        for (Point p : of(Sources.DOCKER, "docker_container_network")) { // one row per container x Docker network
            String net = p.tag("network");
            if (net != null && p.tag("container_name") != null) {
                List<String> l = members.computeIfAbsent(net, k -> new ArrayList<>());
                if (!l.contains(p.tag("container_name"))) {
                    l.add(p.tag("container_name"));
                }
            }
        }
        ArrayNode a = JSON.createArrayNode();
        of(Sources.DOCKER, "docker_network").stream().sorted(Comparator.comparing(p -> String.valueOf(p.tag("network"))))
                .forEach(p -> {
                    ObjectNode n = flat(p);
                    ArrayNode m = n.putArray("members");
                    members.getOrDefault(p.tag("network"), List.of()).stream().sorted().forEach(m::add);
                    a.add(n);
                });
        return a;
    }

    private ArrayNode disks() {
        Map<String, ArrayNode> attrs = new HashMap<>();
        for (Point p : of(Sources.SMART, "smart_attribute")) {
            attrs.computeIfAbsent(p.tag("device"), k -> JSON.createArrayNode()).add(flat(p));
        }
        ArrayNode a = JSON.createArrayNode();
        of(Sources.SMART, "smart_device").stream().sorted(Comparator.comparing(p -> String.valueOf(p.tag("device"))))
                .forEach(p -> {
                    ObjectNode n = flat(p);
                    n.set("attributes", attrs.getOrDefault(p.tag("device"), JSON.createArrayNode()));
                    a.add(n);
                });
        return a;
    }

    private ArrayNode alerts() {
        ArrayNode a = JSON.createArrayNode();
        for (AlertBoard.Alert al : alerts) {
            a.add(JSON.valueToTree(al));
        }
        return a;
    }

    /** The worst firing level per header item (cpu, mem, swap, load, disk), for colouring. */
    private ObjectNode levels() {
        ObjectNode n = JSON.createObjectNode();
        for (String k : List.of("cpu", "mem", "swap", "load")) {
            n.put(k, "ok");
        }
        for (AlertBoard.Alert al : alerts) {
            String item = item(al);
            if (item != null && !"critical".equals(n.path(item).asText())) {
                n.put(item, al.level());
            }
        }
        return n;
    }

    private static String item(AlertBoard.Alert a) {
        String m = a.measurement() != null ? a.measurement() : a.rule();
        if (m.startsWith("cpu")) {
            return "cpu";
        }
        if (m.startsWith("mem")) {
            return "mem";
        }
        if (m.startsWith("swap")) {
            return "swap";
        }
        if (m.startsWith("system") || m.startsWith("load")) {
            return "load";
        }
        return null;
    }

    static ObjectNode event(Event e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", e.time().toString());
        n.put("source", e.source());
        n.put("level", e.level());
        n.put("message", e.message());
        n.set("labels", JSON.valueToTree(e.labels()));
        n.set("metadata", JSON.valueToTree(e.metadata()));
        return n;
    }

    /** One section of a built snapshot, as its own document. */
    static ObjectNode section(ObjectNode snapshot, String section) {
        ObjectNode n = JSON.createObjectNode();
        n.put("api", API);
        n.set("host", snapshot.get("host"));
        n.set("generated", snapshot.get("generated"));
        n.set("collected", snapshot.get("collected"));
        n.set(section, snapshot.get(section.equals("host") ? "host_metrics" : section));
        return n;
    }

    static ObjectNode history(History h) {
        ObjectNode n = JSON.createObjectNode();
        n.put("api", API);
        ObjectNode s = n.putObject("series");
        h.all().forEach((k, d) -> {
            ArrayNode a = s.putArray(k);
            for (double[] v : (Deque<double[]>) d) {
                a.addArray().add(v[0]).add(v[1]);
            }
        });
        return n;
    }

    static ObjectNode events(String host, List<Event> events) {
        ObjectNode n = JSON.createObjectNode();
        n.put("api", API);
        n.put("host", host);
        ArrayNode a = n.putArray("events");
        events.forEach(e -> a.add(event(e)));
        return n;
    }

    static String write(ObjectNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
