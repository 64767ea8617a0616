package io.hostpulse.collectors.docker.netmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostpulse.collectors.docker.netmap.render.MapJson;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.testing.GoldenFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A real reading (testcases/netmap-web-app-db, see its SOURCES.md) through the whole part: points, map, events. */
public class NetworkMapPartTest {
    static final Path CASE = Path.of("src/test/resources/testcases/netmap-web-app-db");
    static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    static final Map<String, String> ENGINE = Map.of("engine_host", "vm", "server_version", "20.10.24+dfsg1");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    /** read_ms is a measured time: left out of the golden text. */
    public static List<Point> withoutTimings(List<Point> points) {
        List<Point> out = new ArrayList<>();
        for (Point p : points) {
            Map<String, Object> f = new java.util.LinkedHashMap<>(p.fields());
            f.remove("read_ms");
            out.add(new Point(p.measurement(), p.tags(), f, p.time()));
        }
        return out;
    }

    static List<JsonNode> inspects() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String c : List.of("web", "app", "db")) {
            out.add(JSON.readTree(CASE.resolve("inspect-" + c + ".json").toFile()));
        }
        return out;
    }

    static NetworkMapConfig config() {
        return NetworkMapConfig.from(ConfigNode.of(Map.of("rules", List.of(Map.of("name", "db_only_from_app",
                "kind", "accept_only", "to", "container:db", "from", List.of("container:app"))))));
    }

    NetworkMapPart part(List<Event> events) {
        return new NetworkMapPart(config(), CASE.resolve("proc"), data, true, "rec-host", events::add);
    }

    @Test
    void theRecordedReadingGivesTheGoldenPointsAndMap() throws IOException {
        List<Event> events = new ArrayList<>();
        try (NetworkMapPart p = part(events)) {
            List<Point> points = p.collect(inspects(), JSON.readTree(CASE.resolve("networks.json").toFile()), ENGINE, T0);
            assertThat(points).filteredOn(x -> x.measurement().equals("docker_netmap")).singleElement()
                    .satisfies(x -> assertThat((Double) x.field("read_ms")).isPositive());
            GoldenFile.check(CASE.resolve("expected.lp"), GoldenFile.render(withoutTimings(points), List.of()));
            String map = MapJson.write(p.latest());
            GoldenFile.check(CASE.resolve("expected-map.json"), map.endsWith("\n") ? map : map + "\n");
            NetworkMap m = p.latest();
            assertThat(m.edges()).extracting(e -> e.client() + "->" + e.server() + ":" + e.port() + "@" + e.network())
                    .containsExactly("app->db:5432@net_b", "host->web:80@net_a", "web->app:8000@net_a", "web->db:5432@net_b");
            assertThat(points).filteredOn(x -> x.measurement().equals("docker_segmentation")).singleElement()
                    .satisfies(x -> {
                        assertThat(x.tags()).containsEntry("client", "web").containsEntry("server", "db")
                                .containsEntry("port", "5432").containsEntry("network", "net_b");
                        assertThat(x.field("violations")).isEqualTo(1L);
                    });
            // a first start with nothing remembered: one event for the whole first reading, not four
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.labels()).containsEntry("action", "network_map");
                assertThat(e.message()).contains("4 edges");
            });
        }
    }

    /** The recorded tree without web's direct connection to db (both ends' lines taken out). */
    static Path withoutDirectConnection(Path dir) throws IOException {
        Path proc = dir.resolve("proc");
        try (var files = Files.walk(CASE.resolve("proc"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = proc.resolve(CASE.resolve("proc").relativize(f).toString());
                Files.createDirectories(to.getParent());
                // web 10.77.2.2 -> db 10.77.2.4:5432 (0x1538), as db's tcp6 and web's tcp show it
                List<String> kept = Files.readAllLines(f).stream()
                        .filter(l -> !l.contains("0000000000000000FFFF000002024D0A") && !l.contains("04024D0A:1538")
                                || l.contains("03024D0A")).toList();
                Files.write(to, kept);
            }
        }
        return proc;
    }

    @Test
    void aNewEdgeIsAnEventAndARestartRemembersTheEdges(@TempDir Path tree) throws IOException {
        JsonNode networks = JSON.readTree(CASE.resolve("networks.json").toFile());
        List<Event> first = new ArrayList<>();
        try (NetworkMapPart p = new NetworkMapPart(config(), withoutDirectConnection(tree), data, true, "h", first::add)) {
            p.collect(inspects(), networks, ENGINE, T0);
            assertThat(p.latest().edges()).extracting(e -> e.client() + "->" + e.server())
                    .containsExactly("app->db", "host->web", "web->app");
        }
        assertThat(first).singleElement().satisfies(e -> assertThat(e.labels()).containsEntry("action", "network_map"));
        assertThat(data.resolve(EdgeStore.FILE)).exists();
        List<Event> again = new ArrayList<>();
        try (NetworkMapPart p = part(again)) {
            p.collect(inspects(), networks, ENGINE, T0.plusSeconds(60));
            assertThat(again).singleElement().satisfies(e -> {
                assertThat(e.labels()).containsEntry("action", "network_edge").containsEntry("network", "net_b");
                assertThat(e.metadata()).containsEntry("client", "web").containsEntry("server", "db").containsEntry("port", "5432");
                assertThat(e.message()).isEqualTo("new connection web → db:5432/tcp on net_b");
            });
            NetworkMap.Edge appDb = p.latest().edges().stream().filter(e -> e.client().equals("app")).findFirst().orElseThrow();
            assertThat(appDb.firstSeen()).isEqualTo(T0);
        }
    }

    @Test
    void anUnreadableContainerIsCountedAndTheRestIsDrawn(@TempDir Path emptyProc) throws IOException {
        List<Event> events = new ArrayList<>();
        Path proc = Files.createDirectories(emptyProc.resolve("proc"));
        // only app's tables are there; web and db are not visible (the agent is not in the host's PID namespace)
        List<JsonNode> inspects = inspects();
        int appPid = inspects.get(1).path("State").path("Pid").asInt();
        Path net = Files.createDirectories(proc.resolve(appPid + "/net"));
        for (String f : List.of("tcp", "tcp6", "udp", "udp6")) {
            Files.copy(CASE.resolve("proc/" + appPid + "/net/" + f), net.resolve(f));
        }
        try (NetworkMapPart p = new NetworkMapPart(config(), proc, null, true, "h", events::add)) {
            List<Point> points = p.collect(inspects, JSON.readTree(CASE.resolve("networks.json").toFile()), ENGINE, T0);
            Point summary = points.stream().filter(x -> x.measurement().equals("docker_netmap")).findFirst().orElseThrow();
            assertThat(summary.field("containers")).isEqualTo(3L);
            assertThat(summary.field("containers_unreadable")).isEqualTo(2L);
            assertThat(p.latest().coverage().unreadable()).containsExactly("db", "web");
            assertThat(p.latest().coverage().note()).contains("2 of 3");
            // seen from app's side alone: web->app and app->db are still edges
            assertThat(p.latest().edges()).extracting(e -> e.client() + "->" + e.server())
                    .containsExactly("app->db", "web->app");
        }
    }

    @Test
    void withAnIntervalTheSocketsAreReadLessOftenAndTheBreachesStayWritten() throws IOException {
        NetworkMapConfig every60 = NetworkMapConfig.from(ConfigNode.of(Map.of("interval", "60s", "rules", List.of(Map.of(
                "name", "db_only_from_app", "kind", "accept_only", "to", "container:db", "from", List.of("container:app"))))));
        JsonNode networks = JSON.readTree(CASE.resolve("networks.json").toFile());
        try (NetworkMapPart p = new NetworkMapPart(every60, CASE.resolve("proc"), null, true, "h", e -> { })) {
            List<Point> first = p.collect(inspects(), networks, ENGINE, T0);
            assertThat(first).extracting(Point::measurement).contains("docker_flow", "docker_netmap", "docker_segmentation");
            List<Point> between = p.collect(inspects(), networks, ENGINE, T0.plusSeconds(10));
            assertThat(between).singleElement().satisfies(x -> {
                assertThat(x.measurement()).isEqualTo("docker_segmentation");
                assertThat(x.time()).isEqualTo(T0.plusSeconds(10));
                assertThat(x.tags()).containsEntry("client", "web");
            });
            assertThat(p.latest().time()).isEqualTo(T0);
            assertThat(p.collect(inspects(), networks, ENGINE, T0.plusSeconds(60))).extracting(Point::measurement)
                    .contains("docker_flow", "docker_netmap");
            assertThat(p.latest().time()).isEqualTo(T0.plusSeconds(60));
        }
    }
}
