package io.hostpulse.exporters.liveview;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The page, assets, API and event stream on a real JDK HTTP server on 127.0.0.1, with and without access control. */
class LiveViewHttpTest {
    HttpServer server;
    LiveViewHttp http;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    LiveView serve(LiveViewConfig cfg) throws Exception {
        LiveView v = new LiveView(cfg, Clock.systemUTC());
        http = new LiveViewHttp(v, true, "127.0.0.1:0");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", http);
        server.start();
        return v;
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .timeout(Duration.ofSeconds(5));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pageAndAssetsComeFromTheJarUnderTheBudget() throws Exception {
        serve(LiveViewConfig.defaults());
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("assets/uPlot.iife.min.js").doesNotContain("http://").doesNotContain("https://");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
        long total = page.body().getBytes(StandardCharsets.UTF_8).length;
        for (String a : new String[]{"/assets/app.js", "/assets/map.js", "/assets/app.css", "/assets/uPlot.iife.min.js", "/assets/uPlot.min.css"}) {
            HttpResponse<String> r = get(a);
            assertThat(r.statusCode()).as(a).isEqualTo(200);
            assertThat(r.body()).as(a).isNotEmpty();
            total += r.body().getBytes(StandardCharsets.UTF_8).length;
        }
        assertThat(get("/assets/uPlot.iife.min.js").body()).contains("uPlot");
        assertThat(total).isEqualTo(http.assetBytes()).isLessThan(200 * 1024);
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/nope").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/snapshot").body()).contains("\"api\":\"hostpulse/v1\"").contains("\"auth\":\"none (loopback only)\"");
        for (String s : Snapshot.SECTIONS) {
            assertThat(get("/api/v1/" + s).statusCode()).as(s).isEqualTo(200);
        }
    }

    @Test
    void aTokenIsRequiredOnceConfigured() throws Exception {
        serve(new LiveViewConfig("liveview", "s3cret", "", "", Duration.ofMinutes(15), 100));
        assertThat(get("/").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/snapshot").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/snapshot", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> ok = get("/api/v1/snapshot", "Authorization", "Bearer s3cret");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"auth\":\"token\"").doesNotContain("s3cret");
        HttpResponse<String> first = get("/?token=s3cret");
        assertThat(first.statusCode()).isEqualTo(200);
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
        assertThat(get("/assets/app.js", "Cookie", cookie.substring(0, cookie.indexOf(';'))).statusCode()).isEqualTo(200);
    }

    @Test
    void basicAuth() throws Exception {
        serve(new LiveViewConfig("liveview", "", "admin", "pw", Duration.ofMinutes(15), 100));
        HttpResponse<String> no = get("/");
        assertThat(no.statusCode()).isEqualTo(401);
        assertThat(no.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");
        String good = "Basic " + Base64.getEncoder().encodeToString("admin:pw".getBytes(StandardCharsets.UTF_8));
        String bad = "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8));
        assertThat(get("/", "Authorization", good).statusCode()).isEqualTo(200);
        assertThat(get("/", "Authorization", bad).statusCode()).isEqualTo(401);
    }

    @Test
    void aPublicEndpointWithoutAuthIsRefused() {
        LiveView v = new LiveView(LiveViewConfig.defaults(), Clock.systemUTC());
        assertThatThrownBy(() -> new LiveViewHttp(v, false, "0.0.0.0:9366"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.0.0.0:9366").hasMessageContaining("token");
    }

    @Test
    void theStreamSendsTheSnapshotNowAndAfterEachBatch() throws Exception {
        LiveView v = serve(LiveViewConfig.defaults());
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/stream")).build();
        HttpResponse<java.io.InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String first = nextData(in);
            assertThat(first).contains("\"sequence\"");
            v.accept(LiveViewTest.hostBatch(java.time.Instant.now(), 1, 1, 33.0));
            String second = nextData(in);
            assertThat(second).contains("\"usage_active\":33.0");
        }
    }

    /** A map source like the agent's: the current map in each known format, an IllegalArgumentException otherwise. */
    static final class ScriptedMap implements java.util.function.Function<String, String> {
        final java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile String json = "{\"version\":1,\"host\":\"nas\",\"nodes\":[{\"name\":\"caf\u00e9\"}]}";
        volatile RuntimeException failure;

        @Override
        public String apply(String format) {
            asked.add(format);
            if (failure != null) {
                throw failure;
            }
            return switch (format) {
                case "json" -> json;
                case "plantuml" -> "@startuml\npackage \"backend_net\" {\n  rectangle \"caf\u00e9\"\n}\n@enduml\n";
                case "mermaid" -> "flowchart LR\n  cafe[\"caf\u00e9\"]\n";
                default -> throw new IllegalArgumentException("no renderer for " + format);
            };
        }
    }

    @Test
    void theMapIsOffWithoutASourceAndSaysHowToTurnItOn() throws Exception {
        serve(LiveViewConfig.defaults());
        for (String q : new String[]{"", "?format=plantuml"}) {
            HttpResponse<String> r = get("/api/v1/map" + q);
            assertThat(r.statusCode()).as(q).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
            JsonNode body = LiveViewTest.JSON.readTree(r.body());
            assertThat(body.path("error").asText()).startsWith("the network map is off: ").contains("network_map")
                    .contains("collectors.docker.network_map.enabled");
        }
    }

    @Test
    void theMapInEachFormatFromTheSource() throws Exception {
        LiveView v = serve(LiveViewConfig.defaults());
        ScriptedMap m = new ScriptedMap();
        v.mapSource(m);
        HttpResponse<String> json = get("/api/v1/map");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/json");
        assertThat(json.headers().firstValue("Cache-Control").orElseThrow()).isEqualTo("no-store");
        assertThat(LiveViewTest.JSON.readTree(json.body()).at("/nodes/0/name").asText()).isEqualTo("caf\u00e9");
        // the source is asked on every request: a changed map is served at once
        m.json = "{\"version\":1,\"host\":\"nas2\"}";
        assertThat(get("/api/v1/map?format=json").body()).contains("nas2");
        HttpResponse<String> puml = get("/api/v1/map?format=plantuml");
        assertThat(puml.statusCode()).isEqualTo(200);
        assertThat(puml.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("text/plain; charset=utf-8");
        assertThat(puml.headers().firstValue("Cache-Control").orElseThrow()).isEqualTo("no-store");
        assertThat(puml.body()).startsWith("@startuml").contains("caf\u00e9");
        HttpResponse<String> mmd = get("/api/v1/map?format=mermaid");
        assertThat(mmd.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("text/plain; charset=utf-8");
        assertThat(mmd.body()).startsWith("flowchart");
        assertThat(m.asked).containsExactly("json", "json", "plantuml", "mermaid");
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.getAddress().getPort() + "/api/v1/map")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void anUnknownMapFormatIs400WithTheKnownOnes() throws Exception {
        LiveView v = serve(LiveViewConfig.defaults());
        ScriptedMap m = new ScriptedMap();
        v.mapSource(m);
        HttpResponse<String> r = get("/api/v1/map?format=graphviz");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/json");
        JsonNode body = LiveViewTest.JSON.readTree(r.body());
        assertThat(body.path("error").asText()).isEqualTo("no renderer for graphviz");
        assertThat(body.path("known").toString()).isEqualTo("[\"json\",\"plantuml\",\"mermaid\"]");
        // the value is %-decoded like the token is, trimmed and lower-cased; the content type follows the format
        HttpResponse<String> puml = get("/api/v1/map?format=%20Plant%75ML");
        assertThat(puml.statusCode()).isEqualTo(200);
        assertThat(puml.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("text/plain; charset=utf-8");
        assertThat(get("/api/v1/map?format=JSON").headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/json");
        assertThat(get("/api/v1/map?format=").statusCode()).isEqualTo(200);
        assertThat(m.asked).containsExactly("graphviz", "plantuml", "json", "json");
    }

    @Test
    void aFailingSourceIs500NamingTheFailure() throws Exception {
        LiveView v = serve(LiveViewConfig.defaults());
        ScriptedMap m = new ScriptedMap();
        m.failure = new IllegalStateException("edge store unreadable");
        v.mapSource(m);
        HttpResponse<String> r = get("/api/v1/map");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(LiveViewTest.JSON.readTree(r.body()).path("error").asText()).contains("edge store unreadable");
        m.failure = null;
        assertThat(get("/api/v1/map").statusCode()).isEqualTo(200);
    }

    @Test
    void theMapNeedsTheSameAccessAsTheRestOfTheApi() throws Exception {
        LiveView v = serve(new LiveViewConfig("liveview", "s3cret", "", "", Duration.ofMinutes(15), 100));
        v.mapSource(new ScriptedMap());
        assertThat(get("/api/v1/map").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/map?format=plantuml").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/map", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/map?format=plantuml&token=s3cret").body()).startsWith("@startuml");
    }

    @Test
    void anUnknownApiListsTheMap() throws Exception {
        serve(LiveViewConfig.defaults());
        HttpResponse<String> r = get("/api/v1/maps");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(LiveViewTest.JSON.readTree(r.body()).path("known").toString()).contains("\"map\"").contains("\"snapshot\"");
    }

    static String nextData(BufferedReader in) throws Exception {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("data: ")) {
                return line.substring(6);
            }
        }
        throw new AssertionError("stream ended");
    }
}
