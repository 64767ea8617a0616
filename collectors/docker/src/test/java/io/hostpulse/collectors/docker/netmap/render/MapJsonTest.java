package io.hostpulse.collectors.docker.netmap.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostpulse.collectors.docker.netmap.NetworkMap;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Coverage;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Edge;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Kind;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Listen;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Network;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Node;
import io.hostpulse.collectors.docker.netmap.NetworkMap.PublishedPort;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON of /api/v1/map: the contract's example, the round trip over varied maps, and the reader's errors. */
class MapJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-12-01T11:00:00Z");

    /** The model of the example in the contract (MAP_JSON.md, copied to netmap/render/map-json-contract.json). */
    static NetworkMap contractExample() {
        return new NetworkMap("dockerhost", T,
                List.of(new Network("backend_net", "bridge", true, List.of("172.20.0.0/16")),
                        new Network("host", "host", false, List.of())),
                List.of(new Node("app", Kind.CONTAINER, "backend_net", List.of("backend_net", "db_net"),
                                List.of(new PublishedPort("0.0.0.0", 8080, 80, "tcp")), List.of(new Listen(80, "tcp")),
                                "shop", "app", "running"),
                        new Node("outside", Kind.OUTSIDE, null, List.of(), List.of(), List.of(), null, null, null)),
                List.of(new Edge("web", "app", 80, "tcp", "backend_net", 2, Instant.parse("2026-12-01T10:00:00Z"), T,
                        12345L, 410.5, false)),
                new Coverage(3, 3, List.of(), false,
                        "nf_conntrack accounting is off (net.netfilter.nf_conntrack_acct=0): no byte counts"));
    }

    @Test
    void theWriterWritesTheContractsExample() throws Exception {
        String contract = Files.readString(Path.of("src/test/resources/netmap/render/map-json-contract.json"),
                StandardCharsets.UTF_8);
        assertThat(JSON.readTree(MapJson.write(contractExample()))).isEqualTo(JSON.readTree(contract));
        assertThat(MapJson.read(contract)).isEqualTo(contractExample());
    }

    @Test
    void nullsAreOmittedListsAlwaysPresentKeysSnakeCase() {
        String json = MapJson.write(contractExample());
        assertThat(json).doesNotContain("null").doesNotContain("bytesPerSecond").contains("\"bytes_per_second\": 410.5")
                .contains("\"kind\": \"outside\",\n      \"networks\": [],\n      \"published\": [],\n"
                        + "      \"listening\": []\n    }");
    }

    @Test
    void aRateThatIsNotANumberIsWrittenAsAbsent() {
        NetworkMap m = contractExample();
        Edge e = m.edges().get(0);
        Edge nan = new Edge(e.client(), e.server(), e.port(), e.proto(), e.network(), e.connections(), e.firstSeen(),
                e.lastSeen(), e.bytes(), Double.NaN, e.published());
        String json = MapJson.write(new NetworkMap(m.host(), m.time(), m.networks(), m.nodes(), List.of(nan),
                m.coverage()));
        assertThat(json).doesNotContain("bytes_per_second").doesNotContain("NaN");
        assertThat(MapJson.read(json).edges().get(0).bytesPerSecond()).isNull();
    }

    @Test
    void readingWhatWasWrittenGivesTheSameMapForVariedMaps() {
        Random random = new Random(20261201);
        for (int i = 0; i < 500; i++) {
            NetworkMap m = randomMap(random);
            String json = MapJson.write(m);
            assertThat(MapJson.read(json)).as("map %d:\n%s", i, json).isEqualTo(m);
        }
    }

    @Test
    void unknownKeysAndExplicitNullsForNullableKeysAreAccepted() throws Exception {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(MapJson.write(contractExample()));
        tree.put("added_in_version_1_1", "x");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("nodes").get(1)).putNull("home").put("zone", 3);
        assertThat(MapJson.read(tree.toString())).isEqualTo(contractExample());
    }

    @Test
    void textThatIsNotJsonIsAClearError() {
        assertThatThrownBy(() -> MapJson.read("{\"version\": 1,\n \"host\": "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("map JSON does not parse: ")
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> MapJson.read("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("map JSON is empty");
        assertThatThrownBy(() -> MapJson.read("[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("map JSON: expected an object at the top, got a list");
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() throws Exception {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(MapJson.write(contractExample()));
        tree.remove("host");
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("nodes").get(1);
        node.put("kind", "vm");
        var edge = (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("edges").get(0);
        edge.put("port", 70000).put("last_seen", "yesterday").put("published", "no");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("coverage")).put("unreadable", "a");
        assertThatThrownBy(() -> MapJson.read(tree.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("map JSON: host: missing; "
                        + "nodes[1].kind: expected one of container, host, outside, got \"vm\"; "
                        + "edges[0].port: expected a whole number from 0 to 65535, got 70000; "
                        + "edges[0].last_seen: expected an ISO-8601 time like 2026-12-01T11:00:00Z, got \"yesterday\"; "
                        + "edges[0].published: expected true or false, got a string; "
                        + "coverage.unreadable: expected a list, got a string");
    }

    @Test
    void anotherVersionIsRefusedByName() {
        assertThatThrownBy(() -> MapJson.read("{\"version\": 2, \"hosts\": []}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("map JSON: version: 2 is not supported (this hostpulse reads version 1)");
        assertThatThrownBy(() -> MapJson.read("{\"host\": \"h\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("map JSON: version: missing (this hostpulse reads version 1); time: missing");
    }

    /** A map of random shape: hostile and non-ASCII text, nullable values absent or present, extreme numbers. */
    static NetworkMap randomMap(Random r) {
        Supplier<String> text = () -> pick(r, "web", "a\"b", "x\ny\t\u0001", "über-ñet", "@enduml", "",
                "\uD83D\uDE00 emoji", "back\\slash", "frontend_net", "-->", "}", "%%{init}%%");
        Supplier<Instant> time = () -> Instant.ofEpochSecond(1_700_000_000L + r.nextInt(100_000_000),
                r.nextBoolean() ? 0 : r.nextInt(1_000_000_000));
        List<Network> networks = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            networks.add(new Network(text.get(), pick(r, "bridge", "overlay", "host", "null"), r.nextBoolean(),
                    list(r, 3, () -> pick(r, "172.20.0.0/16", "fd00::/64", "10.0.0.0/8"))));
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = r.nextInt(6); i > 0; i--) {
            nodes.add(new Node(text.get(), Kind.values()[r.nextInt(3)], r.nextBoolean() ? null : text.get(),
                    list(r, 3, text), list(r, 2, () -> new PublishedPort(pick(r, "0.0.0.0", "::", "127.0.0.1"),
                    r.nextInt(65536), r.nextInt(65536), pick(r, "tcp", "udp"))),
                    list(r, 3, () -> new Listen(r.nextInt(65536), pick(r, "tcp", "udp"))), nullable(r, text),
                    nullable(r, text), nullable(r, () -> pick(r, "running", "exited", "created"))));
        }
        List<Edge> edges = new ArrayList<>();
        for (int i = r.nextInt(6); i > 0; i--) {
            edges.add(new Edge(text.get(), text.get(), r.nextInt(65536), pick(r, "tcp", "udp"), text.get(),
                    r.nextInt(3) == 0 ? 0 : r.nextInt(Integer.MAX_VALUE), time.get(), time.get(),
                    nullable(r, () -> r.nextBoolean() ? (long) r.nextInt(1000) : Long.MAX_VALUE),
                    nullable(r, () -> pick(r, 0.0, -0.0, 410.5, 1e-9, 1.7976931348623157E308, r.nextDouble() * 1e6)),
                    r.nextBoolean()));
        }
        Coverage coverage = new Coverage(r.nextInt(100), r.nextInt(100), list(r, 3, text), r.nextBoolean(),
                nullable(r, text));
        return new NetworkMap(text.get(), time.get(), networks, nodes, edges, coverage);
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private static <T> T nullable(Random r, Supplier<T> value) {
        return r.nextInt(3) == 0 ? null : value.get();
    }

    private static <T> List<T> list(Random r, int max, Supplier<T> item) {
        List<T> out = new ArrayList<>();
        for (int i = r.nextInt(max + 1); i > 0; i--) {
            out.add(item.get());
        }
        return out;
    }
}
