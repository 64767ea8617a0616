package io.hostpulse.agent.netmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hostpulse.agent.Main;
import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.ConfigLoader;
import io.hostpulse.agent.run.Agent;
import io.hostpulse.agent.selfmetrics.SelfMetrics;
import io.hostpulse.collectors.docker.netmap.NetworkMap;
import io.hostpulse.collectors.docker.netmap.render.MapJson;
import io.hostpulse.core.Event;
import io.hostpulse.testing.DockerDaemon;
import net.sourceforge.plantuml.SourceStringReader;
import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The network map end to end against a private dockerd and the whole agent: web on net_a (publishing a port), app
 * on net_a and net_b, db on net_b (internal); web connects to app, app to db, the test to web's published port.
 * The map served at /api/v1/map and printed by {@code hostpulse map} has exactly those edges; then web is attached
 * to net_b and connects to db directly, which breaks the rule "db accepts only from app": a webhook alert names
 * both containers, the port and the network, and it resolves once that connection ends.
 */
class NetworkMapDockerIT {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A server that keeps listening (busybox nc's persistent mode), its clients holding one connection open. */
    static final String SERVE = "nc -ll -p %d -e cat";

    @TempDir
    static Path tmp;
    static DockerDaemon docker;
    static HttpServer hooks;
    static final List<JsonNode> hookBodies = new CopyOnWriteArrayList<>();
    static final List<Event> events = new CopyOnWriteArrayList<>();
    static int published;

    @BeforeAll
    static void start() throws Exception {
        docker = DockerDaemon.start();
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/hook", ex -> {
            hookBodies.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hooks.start();
        published = freePort();
        String img = DockerDaemon.IMAGE;
        docker.docker("network", "create", "--subnet", "10.77.1.0/24", "net_a");
        docker.docker("network", "create", "--internal", "--subnet", "10.77.2.0/24", "net_b");
        docker.docker("run", "-d", "--name", "db", "--network", "net_b", "--ip", "10.77.2.4", img,
                "sh", "-c", SERVE.formatted(5432));
        docker.docker("create", "--name", "app", "--network", "net_a", "--ip", "10.77.1.3", img,
                "sh", "-c", "(" + SERVE.formatted(8000) + ") & sleep 1; sleep 999999 | nc 10.77.2.4 5432");
        docker.docker("network", "connect", "--ip", "10.77.2.3", "net_b", "app");
        docker.docker("start", "app");
        docker.docker("run", "-d", "--name", "web", "--network", "net_a", "--ip", "10.77.1.2",
                "-p", "127.0.0.1:" + published + ":80", img,
                "sh", "-c", "(" + SERVE.formatted(80) + ") & sleep 1; sleep 999999 | nc 10.77.1.3 8000");
        docker.docker("run", "-d", "--name", "idle", "--network", "none", img, "sleep", "999999");
    }

    @AfterAll
    static void stop() {
        if (hooks != null) {
            hooks.stop(0);
        }
        if (docker != null) {
            docker.close();
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    static List<String> edges(NetworkMap m, boolean currentOnly) {
        return m.edges().stream().filter(e -> !currentOnly || e.connections() > 0)
                .map(e -> e.client() + "->" + e.server() + ":" + e.port() + "/" + e.proto() + "@" + e.network()
                        + (e.published() ? " published" : "") + " x" + e.connections()).toList();
    }

    static String cli(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute(args)).as("hostpulse " + String.join(" ", args)).isZero();
        } finally {
            System.setOut(out);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theMapHasExactlyTheObservedEdgesAndABrokenRuleIsAnAlertUntilTheConnectionStops() throws Exception {
        int http = freePort();
        String yaml = """
                agent:
                  hostname: it-map
                  data_dir: "%s"
                  interval: 2s
                  http:
                    listen: 127.0.0.1:%d
                collectors:
                  host:
                    enabled: false
                  smart:
                    enabled: false
                  sensors:
                    enabled: false
                  docker:
                    endpoint: %s
                    interval: 1s
                    events: false
                    network_map:
                      rules:
                        - name: db_only_from_app
                          kind: accept_only
                          to: "container:db"
                          from: ["container:app"]
                alerts:
                  webhooks:
                    - name: rec
                      url: http://127.0.0.1:%d/hook
                """.formatted(tmp.resolve("data"), http, docker.host(), hooks.getAddress().getPort());
        Path cfgFile = Files.writeString(tmp.resolve("it.yaml"), yaml);
        AgentConfig cfg = new ConfigLoader(Plugins.builtIn(), System.getenv(), Clock.systemUTC()).load(cfgFile);
        SelfMetrics metrics = new SelfMetrics();
        Agent agent = new Agent(cfg, io.hostpulse.agent.wiring.Wiring.forRun(cfg, metrics, Clock.systemUTC(), events::add),
                metrics, Clock.systemUTC());
        agent.start();
        // web connects to app a second after its own listener started: then its published port has a backend
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> edges(MapJson.read(get(http, "/api/v1/map")), false).contains("web->app:8000/tcp@net_a x1"));
        try (Socket viaPublished = new Socket("127.0.0.1", published)) {
            List<String> expected = List.of("app->db:5432/tcp@net_b x1", "host->web:80/tcp@net_a published x1",
                    "web->app:8000/tcp@net_a x1");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> edges(MapJson.read(get(http, "/api/v1/map")), false), e -> e.equals(expected));
            NetworkMap map = MapJson.read(get(http, "/api/v1/map"));
            assertThat(map.node("app").networks()).containsExactly("net_a", "net_b");
            assertThat(map.node("app").home()).isEqualTo("net_a"); // it serves web there
            assertThat(map.node("db").home()).isEqualTo("net_b");
            assertThat(map.node("web").published()).singleElement()
                    .satisfies(p -> assertThat(p.hostPort()).isEqualTo(published));
            assertThat(map.node("db").listening()).extracting(NetworkMap.Listen::port).contains(5432);
            assertThat(map.node("idle").home()).isNull();
            assertThat(map.networks()).extracting(NetworkMap.Network::name).contains("net_a", "net_b");
            assertThat(map.coverage().unreadable()).isEmpty();
            assertThat(hookBodies).noneMatch(b -> b.get("rule").asText().equals("segmentation"));

            // hostpulse map asks the agent: PlantUML with one package per network, which the PlantUML library renders
            String puml = cli("map", "-c", cfgFile.toString());
            assertThat(puml).startsWith("@startuml").contains("package \"net_a").contains("package \"net_b")
                    .contains("**web**").contains("**app**").contains("**db**").contains("also on net_b").contains("5432/tcp").contains("8000/tcp");
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            new SourceStringReader(puml).outputImage(svg, new FileFormatOption(FileFormat.SVG));
            assertThat(svg.toString(StandardCharsets.UTF_8)).contains("web").contains("app").contains("db")
                    .doesNotContain("Syntax Error");
            assertThat(cli("map", "-c", cfgFile.toString(), "--format", "mermaid")).contains("flowchart LR").contains("subgraph net_net_b");
            assertThat(edges(MapJson.read(cli("map", "-c", cfgFile.toString(), "--format", "json")), false)).isEqualTo(expected);
            String suggested = cli("map", "-c", cfgFile.toString(), "--suggest");
            assertThat(suggested).contains("kind: accept_only");
            // every edge was an event once
            assertThat(events).filteredOn(e -> "network_edge".equals(e.labels().get("action")) || "network_map".equals(e.labels().get("action")))
                    .isNotEmpty();

            // someone attaches web to the database network, and web talks to db directly
            docker.docker("network", "connect", "--ip", "10.77.2.2", "net_b", "web");
            docker.docker("exec", "-d", "web", "sh", "-c", "sleep 999999 | nc 10.77.2.4 5432 & echo $! > /tmp/direct.pid; wait");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                    hookBodies.stream().anyMatch(b -> b.get("rule").asText().equals("segmentation")
                            && b.get("status").asText().equals("firing")));
            JsonNode firing = hookBodies.stream().filter(b -> b.get("rule").asText().equals("segmentation")).findFirst().orElseThrow();
            assertThat(firing.get("message").asText()).contains("db_only_from_app").contains("web").contains("db")
                    .contains("5432").contains("net_b");
            assertThat(firing.get("labels").path("client").asText()).isEqualTo("web");
            assertThat(firing.get("labels").path("server").asText()).isEqualTo("db");
            assertThat(firing.get("level").asText()).isEqualTo("critical");
            assertThat(edges(MapJson.read(get(http, "/api/v1/map")), true)).contains("web->db:5432/tcp@net_b x1");
            assertThat(events).anyMatch(e -> "alert".equals(e.source()) && e.message().contains("db_only_from_app"));

            docker.docker("exec", "web", "sh", "-c", "kill $(cat /tmp/direct.pid)");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                    hookBodies.stream().anyMatch(b -> b.get("rule").asText().equals("segmentation")
                            && b.get("status").asText().equals("resolved")));
            NetworkMap after = MapJson.read(get(http, "/api/v1/map"));
            assertThat(edges(after, true)).doesNotContain("web->db:5432/tcp@net_b x1");
            assertThat(edges(after, false)).contains("web->db:5432/tcp@net_b x0"); // remembered, not seen now
        } finally {
            agent.close();
            metrics.close();
        }
        // the agent kept its edges: a fresh local reading (no agent) still shows the remembered direct edge
        String local = cli("map", "-c", cfgFile.toString(), "--local", "--format", "json");
        assertThat(edges(MapJson.read(local), false)).contains("web->db:5432/tcp@net_b x0", "app->db:5432/tcp@net_b x1");
        assertThat(Files.exists(tmp.resolve("data").resolve("netmap-edges.json"))).isTrue();
    }
}
