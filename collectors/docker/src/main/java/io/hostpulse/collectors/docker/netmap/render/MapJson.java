package io.hostpulse.collectors.docker.netmap.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostpulse.collectors.docker.netmap.NetworkMap;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link NetworkMap} as the JSON of {@code /api/v1/map} and {@code hostpulse map --format json} (version 1): keys
 * in snake_case, times ISO-8601 UTC, kinds lower case, null values omitted, lists always present, the model's order.
 * The contract is in the module README ("Network map JSON").
 *
 * <p>{@link #read} is strict where a wrong value would mislead (a missing required key, a wrong type, a port out of
 * range, an unknown kind, another version): it reports every problem at once, each with its path
 * ({@code nodes[2].kind}). Keys it does not know are ignored, so a newer writer's additions do not break it.
 * {@code read(write(m))} equals {@code m} for every map whose required values are present and whose rates are
 * finite (a rate that is NaN or infinite is written as absent).
 */
public final class MapJson {
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Two spaces, one value a line, {@code "key": value}, {@code []} for an empty list (as {@code jq} prints it). */
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("").withObjectEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private MapJson() {
    }

    /** The map as indented JSON (two spaces), ending in a newline. */
    public static String write(NetworkMap m) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        put(root, "host", m.host());
        put(root, "time", m.time());
        ArrayNode networks = root.putArray("networks");
        for (NetworkMap.Network n : m.networks()) {
            ObjectNode o = networks.addObject();
            put(o, "name", n.name());
            put(o, "driver", n.driver());
            o.put("internal", n.internal());
            strings(o.putArray("subnets"), n.subnets());
        }
        ArrayNode nodes = root.putArray("nodes");
        for (NetworkMap.Node n : m.nodes()) {
            ObjectNode o = nodes.addObject();
            put(o, "name", n.name());
            put(o, "kind", n.kind() == null ? null : n.kind().name().toLowerCase(Locale.ROOT));
            put(o, "home", n.home());
            strings(o.putArray("networks"), n.networks());
            ArrayNode published = o.putArray("published");
            for (NetworkMap.PublishedPort p : n.published()) {
                ObjectNode po = published.addObject();
                put(po, "host_ip", p.hostIp());
                po.put("host_port", p.hostPort());
                po.put("container_port", p.containerPort());
                put(po, "proto", p.proto());
            }
            ArrayNode listening = o.putArray("listening");
            for (NetworkMap.Listen l : n.listening()) {
                ObjectNode lo = listening.addObject();
                lo.put("port", l.port());
                put(lo, "proto", l.proto());
            }
            put(o, "project", n.project());
            put(o, "service", n.service());
            put(o, "state", n.state());
        }
        ArrayNode edges = root.putArray("edges");
        for (NetworkMap.Edge e : m.edges()) {
            ObjectNode o = edges.addObject();
            put(o, "client", e.client());
            put(o, "server", e.server());
            o.put("port", e.port());
            put(o, "proto", e.proto());
            put(o, "network", e.network());
            o.put("connections", e.connections());
            put(o, "first_seen", e.firstSeen());
            put(o, "last_seen", e.lastSeen());
            if (e.bytes() != null) {
                o.put("bytes", e.bytes());
            }
            if (e.bytesPerSecond() != null && Double.isFinite(e.bytesPerSecond())) {
                o.put("bytes_per_second", e.bytesPerSecond());
            }
            o.put("published", e.published());
        }
        NetworkMap.Coverage c = m.coverage();
        if (c != null) {
            ObjectNode o = root.putObject("coverage");
            o.put("containers", c.containers());
            o.put("readable", c.readable());
            strings(o.putArray("unreadable"), c.unreadable());
            o.put("conntrack", c.conntrack());
            put(o, "note", c.note());
        }
        try {
            return PRETTY.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree did not serialise", e); // cannot happen for a tree of values
        }
    }

    /**
     * Reads a map written by {@link #write} (or by hand, to the same contract).
     *
     * @throws IllegalArgumentException naming every problem with its path, or where the JSON does not parse
     */
    public static NetworkMap read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("map JSON does not parse: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("map JSON is empty");
        }
        Reader r = new Reader();
        NetworkMap m = r.map(root);
        if (!r.problems.isEmpty()) {
            throw new IllegalArgumentException("map JSON: " + String.join("; ", r.problems));
        }
        return m;
    }

    private static void put(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static void put(ObjectNode o, String key, Instant value) {
        if (value != null) {
            o.put(key, value.toString());
        }
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    /** Reads the tree, collecting every problem instead of stopping at the first. */
    private static final class Reader {
        final List<String> problems = new ArrayList<>();

        NetworkMap map(JsonNode root) {
            if (!root.isObject()) {
                problems.add("expected an object at the top, got " + type(root));
                return null;
            }
            JsonNode v = root.get("version");
            if (v == null || v.isNull()) {
                problems.add("version: missing (this hostpulse reads version " + VERSION + ")");
            } else if (!v.isIntegralNumber() || v.asInt() != VERSION) {
                problems.add("version: " + v + " is not supported (this hostpulse reads version " + VERSION + ")");
                return null; // another version's shape: listing its other differences would only be noise
            }
            String host = string(root, "host", "", true);
            Instant time = time(root, "time", "", true);
            List<NetworkMap.Network> networks = list(root, "networks", "", this::network);
            List<NetworkMap.Node> nodes = list(root, "nodes", "", this::node);
            List<NetworkMap.Edge> edges = list(root, "edges", "", this::edge);
            NetworkMap.Coverage coverage = null;
            JsonNode c = field(root, "coverage", "", true);
            if (c != null && expectObject(c, "coverage")) {
                coverage = new NetworkMap.Coverage(integer(c, "containers", "coverage.", 0, Integer.MAX_VALUE),
                        integer(c, "readable", "coverage.", 0, Integer.MAX_VALUE),
                        strings(c, "unreadable", "coverage."), bool(c, "conntrack", "coverage."),
                        string(c, "note", "coverage.", false));
            }
            return problems.isEmpty() ? new NetworkMap(host, time, networks, nodes, edges, coverage) : null;
        }

        NetworkMap.Network network(JsonNode o, String at) {
            return new NetworkMap.Network(string(o, "name", at, true), string(o, "driver", at, true),
                    bool(o, "internal", at), strings(o, "subnets", at));
        }

        NetworkMap.Node node(JsonNode o, String at) {
            return new NetworkMap.Node(string(o, "name", at, true), kind(o, at), string(o, "home", at, false),
                    strings(o, "networks", at), list(o, "published", at, this::published),
                    list(o, "listening", at, this::listen), string(o, "project", at, false),
                    string(o, "service", at, false), string(o, "state", at, false));
        }

        NetworkMap.PublishedPort published(JsonNode o, String at) {
            return new NetworkMap.PublishedPort(string(o, "host_ip", at, true), integer(o, "host_port", at, 0, 65535),
                    integer(o, "container_port", at, 0, 65535), string(o, "proto", at, true));
        }

        NetworkMap.Listen listen(JsonNode o, String at) {
            return new NetworkMap.Listen(integer(o, "port", at, 0, 65535), string(o, "proto", at, true));
        }

        NetworkMap.Edge edge(JsonNode o, String at) {
            Long bytes = null;
            JsonNode b = field(o, "bytes", at, false);
            if (b != null) {
                if (b.isIntegralNumber() && b.canConvertToLong() && b.asLong() >= 0) {
                    bytes = b.asLong();
                } else {
                    problems.add(at + "bytes: expected a whole number >= 0, got " + b);
                }
            }
            Double rate = null;
            JsonNode r = field(o, "bytes_per_second", at, false);
            if (r != null) {
                if (r.isNumber()) {
                    rate = r.asDouble();
                } else {
                    problems.add(at + "bytes_per_second: expected a number, got " + type(r));
                }
            }
            return new NetworkMap.Edge(string(o, "client", at, true), string(o, "server", at, true),
                    integer(o, "port", at, 0, 65535), string(o, "proto", at, true), string(o, "network", at, true),
                    integer(o, "connections", at, 0, Integer.MAX_VALUE), time(o, "first_seen", at, true),
                    time(o, "last_seen", at, true), bytes, rate, bool(o, "published", at));
        }

        private NetworkMap.Kind kind(JsonNode o, String at) {
            String k = string(o, "kind", at, true);
            if (k == null) {
                return null;
            }
            for (NetworkMap.Kind kind : NetworkMap.Kind.values()) {
                if (kind.name().toLowerCase(Locale.ROOT).equals(k)) {
                    return kind;
                }
            }
            problems.add(at + "kind: expected one of container, host, outside, got \"" + k + "\"");
            return null;
        }

        /** The field's value; null (with a problem when required) when missing or JSON null. */
        private JsonNode field(JsonNode o, String key, String at, boolean required) {
            JsonNode v = o.get(key);
            if (v == null || v.isNull()) {
                if (required) {
                    problems.add(at + key + ": missing");
                }
                return null;
            }
            return v;
        }

        private String string(JsonNode o, String key, String at, boolean required) {
            JsonNode v = field(o, key, at, required);
            if (v == null) {
                return null;
            }
            if (!v.isTextual()) {
                problems.add(at + key + ": expected a string, got " + type(v));
                return null;
            }
            return v.textValue();
        }

        private boolean bool(JsonNode o, String key, String at) {
            JsonNode v = field(o, key, at, true);
            if (v != null && !v.isBoolean()) {
                problems.add(at + key + ": expected true or false, got " + type(v));
            }
            return v != null && v.asBoolean();
        }

        private int integer(JsonNode o, String key, String at, int min, int max) {
            JsonNode v = field(o, key, at, true);
            if (v == null) {
                return 0;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
                problems.add(at + key + ": expected a whole number from " + min + " to " + max + ", got " + v);
                return 0;
            }
            return v.asInt();
        }

        private Instant time(JsonNode o, String key, String at, boolean required) {
            String s = string(o, key, at, required);
            if (s == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(at + key + ": expected an ISO-8601 time like 2026-12-01T11:00:00Z, got \"" + s + "\"");
                return null;
            }
        }

        private List<String> strings(JsonNode o, String key, String at) {
            return elements(o, key, at, (v, where) -> {
                if (!v.isTextual()) {
                    problems.add(where + ": expected a string, got " + type(v));
                    return null;
                }
                return v.textValue();
            });
        }

        /** A required list of objects; {@code item} reads each with its path prefix ("nodes[2]."). */
        private <T> List<T> list(JsonNode o, String key, String at, Item<T> item) {
            return elements(o, key, at, (e, where) -> expectObject(e, where) ? item.read(e, where + ".") : null);
        }

        /** A required list; {@code item} gets each element with its path ("nodes[2]"), null to drop it. */
        private <T> List<T> elements(JsonNode o, String key, String at, Item<T> item) {
            JsonNode v = field(o, key, at, true);
            List<T> out = new ArrayList<>();
            if (v == null) {
                return out;
            }
            if (!v.isArray()) {
                problems.add(at + key + ": expected a list, got " + type(v));
                return out;
            }
            for (int i = 0; i < v.size(); i++) {
                T t = item.read(v.get(i), at + key + "[" + i + "]");
                if (t != null) {
                    out.add(t);
                }
            }
            return out;
        }

        private boolean expectObject(JsonNode v, String where) {
            if (!v.isObject()) {
                problems.add(where + ": expected an object, got " + type(v));
                return false;
            }
            return true;
        }

        private static String type(JsonNode v) {
            return v.isNull() ? "null" : v.isTextual() ? "a string" : v.isNumber() ? "a number " + v
                    : v.isBoolean() ? "a boolean" : v.isArray() ? "a list" : v.isObject() ? "an object" : v.toString();
        }
    }

    private interface Item<T> {
        T read(JsonNode value, String where);
    }
}
