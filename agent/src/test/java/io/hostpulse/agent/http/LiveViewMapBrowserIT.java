package io.hostpulse.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.hostpulse.collectors.docker.netmap.NetworkMap;
import io.hostpulse.collectors.docker.netmap.render.MapJson;
import io.hostpulse.exporters.liveview.LiveView;
import io.hostpulse.exporters.liveview.LiveViewConfig;
import io.hostpulse.exporters.liveview.LiveViewHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live view's network map in headless Chromium: a {@link LiveView} and {@link LiveViewHttp} on a JDK HTTP server
 * on 127.0.0.1 with a map source serving fixed {@code /api/v1/map} JSON (version 1, /work/MAP_JSON.md's shape), and
 * the SVG the page draws checked from the DOM: one group per network, each container's name inside its home
 * network's box (by geometry), one curve per edge from the client's box to the server's with its label, dashed for a
 * remembered edge, a hostile container name shown as text with no script run. A generated 50-container map on 6
 * networks checks the layout stays readable (nothing overlaps, every name fits), and a map written by the agent's own
 * {@link MapJson} is drawn as its model says. Screenshots:
 * target/liveview-map-screenshot.png and target/liveview-map-50-screenshot.png.
 */
class LiveViewMapBrowserIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    static final String NOTE = "nf_conntrack accounting is off (net.netfilter.nf_conntrack_acct=0): no byte counts";
    static final AtomicReference<String> MAP = new AtomicReference<>();
    static Path dir;
    static HttpServer server;
    static LiveView view;
    static LiveViewHttp http;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("liveview-map-it");
        view = new LiveView(LiveViewConfig.defaults(), Clock.systemUTC());
        view.attach("dockerhost");
        http = new LiveViewHttp(view, true, "127.0.0.1:0");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", http);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The agent's wiring in small: json from the test's current map, no other format. */
    static void mapOn(String json) {
        MAP.set(json);
        view.mapSource(format -> {
            if (!format.equals("json")) {
                throw new IllegalArgumentException("this test serves json only");
            }
            return MAP.get();
        });
    }

    @AfterAll
    static void stop() {
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.stop(0);
        }
        if (view != null) {
            view.close();
        }
    }

    /** web and the hostile one on frontend_net, app on both (drawn in backend_net), db on the internal backend_net. */
    static final String SMALL = """
            {"version": 1, "host": "dockerhost", "time": "2026-12-01T11:00:00Z",
             "networks": [
               {"name": "backend_net", "driver": "bridge", "internal": true, "subnets": ["172.20.0.0/16"]},
               {"name": "frontend_net", "driver": "bridge", "internal": false, "subnets": ["172.21.0.0/16"]}],
             "nodes": [
               {"name": "%s", "kind": "container", "home": "frontend_net", "networks": ["frontend_net"],
                "published": [], "listening": [], "state": "running"},
               {"name": "app", "kind": "container", "home": "backend_net", "networks": ["backend_net", "frontend_net"],
                "published": [], "listening": [{"port": 8000, "proto": "tcp"}], "project": "shop", "service": "app", "state": "running"},
               {"name": "db", "kind": "container", "home": "backend_net", "networks": ["backend_net"],
                "published": [], "listening": [{"port": 5432, "proto": "tcp"}], "state": "running"},
               {"name": "outside", "kind": "outside", "networks": [], "published": [], "listening": []},
               {"name": "web", "kind": "container", "home": "frontend_net", "networks": ["frontend_net"],
                "published": [{"host_ip": "0.0.0.0", "host_port": 8080, "container_port": 80, "proto": "tcp"}],
                "listening": [{"port": 80, "proto": "tcp"}], "state": "running"}],
             "edges": [
               {"client": "app", "server": "db", "port": 5432, "proto": "tcp", "network": "backend_net", "connections": 0,
                "first_seen": "2026-11-28T09:00:00Z", "last_seen": "2026-11-30T22:15:00Z", "published": false},
               {"client": "outside", "server": "web", "port": 80, "proto": "tcp", "network": "frontend_net", "connections": 1,
                "first_seen": "2026-12-01T10:00:00Z", "last_seen": "2026-12-01T11:00:00Z", "published": true},
               {"client": "web", "server": "app", "port": 8000, "proto": "tcp", "network": "frontend_net", "connections": 2,
                "first_seen": "2026-12-01T10:30:00Z", "last_seen": "2026-12-01T11:00:00Z", "bytes": 123456,
                "bytes_per_second": 2048.0, "published": false}],
             "coverage": {"containers": 4, "readable": 4, "unreadable": [], "conntrack": false, "note": "%s"}}
            """.formatted(HOSTILE, NOTE);

    @Test
    void theMapIsDrawnFromTheApiWithEveryNameAsText() throws Exception {
        mapOn(SMALL);
        try (Cdp b = Cdp.launch(dir.resolve("chromium-" + System.nanoTime()), 1400, 1000)) {
            // before any page script: catch an alert() that an injected name could run
            b.call("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                    "window.__alerts = []; window.alert = (m) => window.__alerts.push(String(m));"));
            b.navigate(base);
            b.await("document.querySelector('#map svg.netmap') && !document.querySelector('#map').hidden", Duration.ofSeconds(30));
            assertThat(texts(b.eval("[...document.querySelectorAll('#map svg g.net')].map(g => g.dataset.network)")))
                    .as("the network Outside connects to first, next to it, then the model order").containsExactly("frontend_net", "backend_net");
            // each container once, in its home network's group, its name's box inside the network's box
            Map<String, String> home = new LinkedHashMap<>();
            home.put("web", "frontend_net");
            home.put(HOSTILE, "frontend_net");
            home.put("app", "backend_net");
            home.put("db", "backend_net");
            for (Map.Entry<String, String> e : home.entrySet()) {
                JsonNode n = b.eval("(() => { const name = " + JSON.writeValueAsString(e.getKey()) + ";"
                        + " const gs = [...document.querySelectorAll('#map g.node')].filter(g => g.dataset.name === name);"
                        + " const g = gs[0], net = g.closest('g.net'), t = g.querySelector('text.name').getBBox(),"
                        + " box = net.querySelector('rect.box').getBBox(), r = g.querySelector('rect').getBBox();"
                        + " return {count: gs.length, net: net.dataset.network, text: g.querySelector('text.name').textContent,"
                        + " t: [t.x, t.y, t.width, t.height], box: [box.x, box.y, box.width, box.height], node: [r.x, r.y, r.width, r.height]}; })()");
                assertThat(n.path("count").asInt()).as(e.getKey()).isEqualTo(1);
                assertThat(n.path("net").asText()).as(e.getKey()).isEqualTo(e.getValue());
                assertThat(n.path("text").asText()).as(e.getKey()).isEqualTo(e.getKey());
                assertInside(e.getKey() + "'s name in its network", n.path("t"), n.path("box"));
                assertInside(e.getKey() + "'s name in its node", n.path("t"), n.path("node"));
                assertThat(n.path("t").get(2).asDouble()).as(e.getKey() + " drawn with a width").isGreaterThan(5);
            }
            // the hostile name is text: no element made from it, no script run
            assertThat(b.eval("document.querySelectorAll('img').length").asInt()).isZero();
            assertThat(b.eval("window.__alerts.length").asInt()).isZero();
            assertThat(b.eval("[...document.querySelectorAll('#map text')].some(t => t.textContent === "
                    + JSON.writeValueAsString(HOSTILE) + ")").asBoolean()).isTrue();
            // the pseudo node, outside any network
            assertThat(b.eval("document.querySelector('#map g.node.outside').closest('g.net') === null").asBoolean()).isTrue();
            assertThat(b.eval("document.querySelector('#map g.node.outside text.name').textContent").asText()).isEqualTo("Outside");
            // published port on the container, the internal network marked
            assertThat(b.eval("document.querySelector('#map g.node[data-name=web] text.ports').textContent").asText())
                    .contains("8080→80/tcp");
            assertThat(b.eval("document.querySelector('#map g.net[data-network=backend_net]').classList.contains('internal')").asBoolean()).isTrue();
            assertThat(b.eval("document.querySelector('#map g.net[data-network=backend_net] text.badge').textContent").asText()).isEqualTo("internal");
            assertThat(b.eval("document.querySelector('#map g.net[data-network=frontend_net]').classList.contains('internal')").asBoolean()).isFalse();
            assertThat(b.eval("document.querySelector('#map g.node[data-name=app] text.also').textContent").asText()).isEqualTo("also on frontend_net");
            // edges: one curve each, from the client's box to the server's, with its label; dashed when remembered
            JsonNode edges = b.eval("[...document.querySelectorAll('#map g.edge')].map(g => { const p = g.querySelector('path');"
                    + " const box = (n) => { const r = [...document.querySelectorAll('#map g.node')].find(x => x.dataset.name === n).querySelector('rect').getBBox(); return [r.x, r.y, r.width, r.height]; };"
                    + " const s = p.getPointAtLength(0), e = p.getPointAtLength(p.getTotalLength());"
                    + " return {client: g.dataset.client, server: g.dataset.server, paths: g.querySelectorAll('path').length,"
                    + " label: g.querySelector('text.lbl').textContent, dash: getComputedStyle(p).strokeDasharray,"
                    + " title: g.querySelector('title').textContent, start: [s.x, s.y], end: [e.x, e.y], from: box(g.dataset.client), to: box(g.dataset.server)}; })");
            assertThat(edges).hasSize(3);
            Map<String, JsonNode> byPair = new LinkedHashMap<>();
            edges.forEach(e -> byPair.put(e.path("client").asText() + ">" + e.path("server").asText(), e));
            assertThat(byPair).containsOnlyKeys("app>db", "outside>web", "web>app");
            assertThat(byPair.get("web>app").path("label").asText()).isEqualTo("8000/tcp · 2 conn · 2.0 KiB/s");
            assertThat(byPair.get("outside>web").path("label").asText()).isEqualTo("80/tcp · 1 conn");
            assertThat(byPair.get("app>db").path("label").asText()).isEqualTo("5432/tcp · 0 conn");
            for (JsonNode e : edges) {
                String pair = e.path("client").asText() + ">" + e.path("server").asText();
                assertThat(e.path("paths").asInt()).as(pair).isEqualTo(1);
                assertOnBorder(pair + " starts at the client", e.path("start"), e.path("from"));
                assertOnBorder(pair + " ends at the server", e.path("end"), e.path("to"));
                assertThat(e.path("title").asText()).as(pair).contains("first seen").contains("last seen");
                if (pair.equals("app>db")) {
                    assertThat(e.path("dash").asText()).as(pair + " remembered: dashed").isNotEqualTo("none");
                    assertThat(e.path("title").asText()).contains("2026-11-28T09:00:00Z").contains("2026-11-30T22:15:00Z").contains("remembered");
                } else {
                    assertThat(e.path("dash").asText()).as(pair + " seen now: solid").isEqualTo("none");
                }
            }
            assertThat(byPair.get("web>app").path("title").asText()).contains("on frontend_net").contains("2 connections now");
            // the coverage note and the summary
            assertThat(b.eval("document.querySelector('#map-note').textContent").asText()).isEqualTo(NOTE);
            assertThat(b.eval("document.querySelector('#map-summary').textContent").asText())
                    .contains("4 containers on 2 networks").contains("3 edges (1 remembered)");
            shot(b, Path.of("target", "liveview-map-screenshot.png"));
            // a changed map is drawn within the page's 10 s refresh
            MAP.set(SMALL.replace("\"connections\": 0", "\"connections\": 4"));
            b.await("document.querySelector('#map g.edge[data-client=app][data-server=db] text.lbl').textContent === '5432/tcp · 4 conn'",
                    Duration.ofSeconds(20));
            assertThat(b.eval("getComputedStyle(document.querySelector('#map g.edge[data-client=app] path')).strokeDasharray").asText())
                    .isEqualTo("none");
            assertThat(b.consoleErrors).as("console errors").isEmpty();
            assertThat(b.requests).isNotEmpty().allSatisfy(u -> assertThat(u).startsWith(base));
        }
    }

    @Test
    void fiftyContainersOnSixNetworksStayReadable() throws Exception {
        mapOn(generated(50));
        try (Cdp b = Cdp.launch(dir.resolve("chromium-" + System.nanoTime()), 1600, 1100)) {
            b.navigate(base);
            b.await("document.querySelectorAll('#map g.node.container').length === 50", Duration.ofSeconds(30));
            JsonNode g = b.eval("(() => { const bb = (e) => { const r = e.getBBox(); return [r.x, r.y, r.width, r.height]; };"
                    + " return {nets: [...document.querySelectorAll('#map g.net')].map(n => ({name: n.dataset.network, box: bb(n.querySelector('rect.box'))})),"
                    + " nodes: [...document.querySelectorAll('#map g.node')].map(n => ({name: n.dataset.name, net: n.closest('g.net') ? n.closest('g.net').dataset.network : null,"
                    + " rect: bb(n.querySelector('rect')), text: bb(n.querySelector('text.name')), shown: n.querySelector('text.name').textContent})),"
                    + " edges: document.querySelectorAll('#map g.edge path').length, labels: document.querySelectorAll('#map g.edge text.lbl').length,"
                    + " svg: document.querySelector('#map svg.netmap').getBoundingClientRect().width,"
                    + " width: +document.querySelector('#map svg.netmap').getAttribute('width'),"
                    + " font: parseFloat(getComputedStyle(document.querySelector('#map text.name')).fontSize)}; })()");
            JsonNode model = JSON.readTree(MAP.get());
            assertThat(g.path("nets")).hasSize(6);
            assertThat(g.at("/nets/0/name").asText()).as("npm's network, next to Outside").isEqualTo("frontend_net");
            assertThat(g.path("edges").asInt()).isEqualTo(model.path("edges").size());
            assertThat(g.path("labels").asInt()).isEqualTo(model.path("edges").size());
            // drawn at its own size (the section scrolls), in the page's font size
            assertThat(g.path("svg").asDouble()).isEqualTo(g.path("width").asDouble());
            assertThat(g.path("font").asDouble()).isGreaterThanOrEqualTo(11);
            Map<String, JsonNode> netBox = new LinkedHashMap<>();
            g.path("nets").forEach(n -> netBox.put(n.path("name").asText(), n.path("box")));
            List<JsonNode> rects = new ArrayList<>();
            for (JsonNode n : g.path("nodes")) {
                rects.add(n.path("rect"));
                if (n.path("net").isNull()) {
                    netBox.values().forEach(box -> assertThat(overlap(n.path("rect"), box)).as(n.path("name") + " outside every network").isFalse());
                    continue;
                }
                String name = n.path("name").asText();
                assertThat(n.path("net").asText()).as(name).isEqualTo(homeOf(model, name));
                assertInside(name + " in its network", n.path("rect"), netBox.get(n.path("net").asText()));
                assertInside(name + "'s text in its node", n.path("text"), n.path("rect"));
                assertThat(name).as("shown as written or cut with …").startsWith(n.path("shown").asText().replace("…", ""));
            }
            for (int i = 0; i < rects.size(); i++) {
                for (int j = i + 1; j < rects.size(); j++) {
                    assertThat(overlap(rects.get(i), rects.get(j))).as("nodes %s and %s overlap", g.path("nodes").get(i).path("name"),
                            g.path("nodes").get(j).path("name")).isFalse();
                }
            }
            List<JsonNode> boxes = new ArrayList<>(netBox.values());
            for (int i = 0; i < boxes.size(); i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    assertThat(overlap(boxes.get(i), boxes.get(j))).as("network boxes %d and %d overlap", i, j).isFalse();
                }
            }
            b.eval("document.querySelector('#map').scrollIntoView()");
            shot(b, Path.of("target", "liveview-map-50-screenshot.png"));
            assertThat(b.consoleErrors).as("console errors").isEmpty();
        }
    }

    /** The contract end to end: the map the agent's own JSON writer writes is the map the page draws. */
    @Test
    void thePageDrawsWhatTheAgentsJsonWriterWrites() throws Exception {
        java.time.Instant t = java.time.Instant.parse("2026-12-01T11:00:00Z");
        NetworkMap m = new NetworkMap("dockerhost", t,
                List.of(new NetworkMap.Network("net_a", "bridge", false, List.of("172.30.0.0/16")),
                        new NetworkMap.Network("net_b", "bridge", true, List.of("172.31.0.0/16", "fd00:31::/64"))),
                List.of(new NetworkMap.Node("app", NetworkMap.Kind.CONTAINER, "net_a", List.of("net_a", "net_b"), List.of(),
                                List.of(new NetworkMap.Listen(8000, "tcp")), "shop", "app", "running"),
                        new NetworkMap.Node("db", NetworkMap.Kind.CONTAINER, "net_b", List.of("net_b"), List.of(),
                                List.of(new NetworkMap.Listen(5432, "tcp")), null, null, "running"),
                        new NetworkMap.Node(NetworkMap.HOST, NetworkMap.Kind.HOST, null, List.of(), List.of(), List.of(), null, null, null),
                        new NetworkMap.Node("web", NetworkMap.Kind.CONTAINER, "net_a", List.of("net_a"),
                                List.of(new NetworkMap.PublishedPort("0.0.0.0", 8080, 80, "tcp")), List.of(), null, null, "running")),
                List.of(new NetworkMap.Edge("app", "db", 5432, "tcp", "net_b", 1, t.minusSeconds(600), t, 4096L, 512.0, false),
                        new NetworkMap.Edge(NetworkMap.HOST, "web", 80, "tcp", "net_a", 1, t.minusSeconds(60), t, null, null, true),
                        new NetworkMap.Edge("web", "app", 8000, "tcp", "net_a", 0, t.minusSeconds(7200), t.minusSeconds(3600), null, null, false)),
                new NetworkMap.Coverage(3, 3, List.of(), true, null));
        mapOn(MapJson.write(m));
        try (Cdp b = Cdp.launch(dir.resolve("chromium-" + System.nanoTime()), 1400, 1000)) {
            b.navigate(base);
            b.await("document.querySelectorAll('#map g.edge').length === 3", Duration.ofSeconds(30));
            for (NetworkMap.Node n : m.nodes()) {
                String net = b.eval("(() => { const g = [...document.querySelectorAll('#map g.node')].find(x => x.dataset.name === "
                        + JSON.writeValueAsString(n.name()) + "); return g ? (g.closest('g.net') ? g.closest('g.net').dataset.network : 'none') : null; })()").asText();
                assertThat(net).as(n.name()).isEqualTo(n.home() == null ? "none" : n.home());
            }
            assertThat(b.eval("document.querySelector('#map g.node.host text.name').textContent").asText()).isEqualTo("Host");
            assertThat(b.eval("document.querySelector('#map g.edge[data-client=app] text.lbl').textContent").asText())
                    .isEqualTo("5432/tcp · 1 conn · 512 B/s");
            assertThat(b.eval("document.querySelector('#map g.edge[data-client=host]').classList.contains('published')").asBoolean()).isTrue();
            assertThat(b.eval("document.querySelector('#map g.edge[data-client=web] path').getAttribute('stroke-dasharray')").asText()).isEqualTo("5 4");
            assertThat(b.eval("document.querySelector('#map g.edge[data-client=web] title').textContent").asText())
                    .contains("first seen 2026-12-01T09:00:00Z").contains("last seen 2026-12-01T10:00:00Z");
            assertThat(b.eval("document.querySelector('#map g.net[data-network=net_b] title').textContent").asText()).contains("fd00:31::/64");
            assertThat(b.eval("document.querySelector('#map-note').textContent").asText()).isEmpty();
            assertThat(b.consoleErrors).as("console errors").isEmpty();
        }
    }

    @Test
    void withTheMapOffTheSectionIsHiddenAndTheMapNeverAskedFor() throws Exception {
        view.mapSource(null);
        try (Cdp b = Cdp.launch(dir.resolve("chromium-" + System.nanoTime()), 1400, 1000)) {
            b.navigate(base);
            b.await("document.body && document.body.dataset.sequence", Duration.ofSeconds(30));
            assertThat(b.eval("document.querySelector('#map').hidden").asBoolean()).isTrue();
            assertThat(b.eval("document.querySelectorAll('#map svg').length").asInt()).isZero();
            assertThat(b.requests).noneMatch(u -> u.contains("/api/v1/map"));
            // switched on while the page is open: the next snapshot on the stream says so, and the page draws it
            mapOn(SMALL);
            b.await("document.querySelectorAll('#map g.net').length === 2 && !document.querySelector('#map').hidden", Duration.ofSeconds(20));
            assertThat(b.consoleErrors).as("console errors (a 404 would be one)").isEmpty();
        }
    }

    /**
     * A homelab of {@code n} containers: a proxy and apps on frontend_net, workers on backend_net, databases on the
     * internal db_net, monitoring on monitoring_net, media on media_net, two on the host network; the apps also on
     * backend_net, the workers also on db_net; the proxy publishes 80 and 443; edges: outside to the proxy, the proxy
     * to every app, each app to a worker, each worker to a database, prometheus to everyone (some remembered).
     */
    static String generated(int n) throws Exception {
        ObjectNode m = JSON.createObjectNode();
        m.put("version", 1).put("host", "homelab").put("time", "2026-12-01T11:00:00Z");
        ArrayNode nets = m.putArray("networks");
        String[][] spec = {{"backend_net", "true"}, {"db_net", "true"}, {"frontend_net", "false"}, {"host", "false"},
                {"media_net", "false"}, {"monitoring_net", "false"}};
        for (String[] s : spec) {
            nets.addObject().put("name", s[0]).put("driver", s[0].equals("host") ? "host" : "bridge")
                    .put("internal", Boolean.parseBoolean(s[1])).putArray("subnets");
        }
        record C(String name, String home, List<String> networks) {
        }
        List<C> cs = new ArrayList<>();
        cs.add(new C("npm", "frontend_net", List.of("frontend_net", "monitoring_net")));
        String[] homes = {"frontend_net", "backend_net", "db_net", "monitoring_net", "media_net"};
        int[] counts = {14, 12, 9, 7, 6};
        for (int h = 0; h < homes.length; h++) {
            for (int i = 0; i < counts[h] && cs.size() < n - 2; i++) {
                String home = homes[h];
                String name = switch (home) {
                    case "frontend_net" -> "app-" + (i + 1) + (i == 3 ? "-with-a-rather-long-compose-service-name" : "");
                    case "backend_net" -> "worker-" + (i + 1);
                    case "db_net" -> "postgres-" + (i + 1);
                    case "monitoring_net" -> i == 0 ? "prometheus" : "exporter-" + i;
                    default -> "media-" + (i + 1);
                };
                List<String> on = switch (home) {
                    case "frontend_net" -> List.of("backend_net", "frontend_net");
                    case "backend_net" -> List.of("backend_net", "db_net");
                    default -> List.of(home);
                };
                cs.add(new C(name, home, on));
            }
        }
        cs.add(new C("netdata", "host", List.of("host")));
        cs.add(new C("tailscale", "host", List.of("host")));
        ArrayNode nodes = m.putArray("nodes");
        for (C c : cs) {
            ObjectNode o = nodes.addObject().put("name", c.name()).put("kind", "container").put("home", c.home());
            c.networks().forEach(o.putArray("networks")::add);
            ArrayNode pub = o.putArray("published");
            if (c.name().equals("npm")) {
                pub.addObject().put("host_ip", "0.0.0.0").put("host_port", 80).put("container_port", 80).put("proto", "tcp");
                pub.addObject().put("host_ip", "0.0.0.0").put("host_port", 443).put("container_port", 443).put("proto", "tcp");
            }
            o.putArray("listening").addObject().put("port", 8080).put("proto", "tcp");
            o.put("state", c.name().equals("media-2") ? "exited" : "running");
        }
        nodes.addObject().put("name", "outside").put("kind", "outside").putArray("networks");
        ArrayNode edges = m.putArray("edges");
        List<String> apps = cs.stream().filter(c -> c.name().startsWith("app-")).map(C::name).toList();
        List<String> workers = cs.stream().filter(c -> c.name().startsWith("worker-")).map(C::name).toList();
        List<String> dbs = cs.stream().filter(c -> c.name().startsWith("postgres-")).map(C::name).toList();
        edge(edges, "outside", "npm", 443, "frontend_net", 12, true);
        for (int i = 0; i < apps.size(); i++) {
            edge(edges, "npm", apps.get(i), 8080, "frontend_net", i % 4 == 0 ? 0 : 3, false);
            edge(edges, apps.get(i), workers.get(i % workers.size()), 9000, "backend_net", 1, false);
        }
        for (int i = 0; i < workers.size(); i++) {
            edge(edges, workers.get(i), dbs.get(i % dbs.size()), 5432, "db_net", i % 3 == 0 ? 0 : 2, false);
        }
        for (C c : cs) {
            if (c.networks().contains("monitoring_net") && !c.name().equals("prometheus")) {
                edge(edges, "prometheus", c.name(), 9100, "monitoring_net", 1, false);
            }
        }
        m.putObject("coverage").put("containers", cs.size()).put("readable", cs.size() - 1).put("conntrack", true)
                .put("note", "1 container's sockets could not be read").putArray("unreadable").add("tailscale");
        return JSON.writeValueAsString(m);
    }

    static void edge(ArrayNode edges, String client, String server, int port, String network, int conns, boolean published) {
        ObjectNode e = edges.addObject().put("client", client).put("server", server).put("port", port).put("proto", "tcp")
                .put("network", network).put("connections", conns).put("first_seen", "2026-11-24T08:00:00Z")
                .put("last_seen", conns > 0 ? "2026-12-01T11:00:00Z" : "2026-11-30T18:00:00Z").put("published", published);
        if (conns > 0) {
            e.put("bytes", 1000L * conns * port).put("bytes_per_second", 37.5 * conns * (port % 7 + 1));
        }
    }

    static String homeOf(JsonNode map, String name) {
        for (JsonNode n : map.path("nodes")) {
            if (n.path("name").asText().equals(name)) {
                return n.path("home").asText();
            }
        }
        throw new AssertionError("no node " + name);
    }

    /** The area of the page around the map (scrolled into view), clipped to it so the picture shows the map itself. */
    static void shot(Cdp b, Path png) throws Exception {
        JsonNode r = b.eval("(() => { const s = document.querySelector('#map'); s.scrollIntoView(); const r = s.getBoundingClientRect();"
                + " return [r.left + scrollX, r.top + scrollY, Math.max(r.width, s.scrollWidth), r.height]; })()");
        JsonNode shot = b.call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", r.get(0).asDouble(), "y", r.get(1).asDouble(), "width", r.get(2).asDouble(),
                        "height", r.get(3).asDouble(), "scale", 1)));
        Files.createDirectories(png.getParent());
        Files.write(png, java.util.Base64.getDecoder().decode(shot.path("data").asText()));
    }

    static void assertInside(String what, JsonNode inner, JsonNode outer) {
        double x = inner.get(0).asDouble(), y = inner.get(1).asDouble(), w = inner.get(2).asDouble(), h = inner.get(3).asDouble();
        double ox = outer.get(0).asDouble(), oy = outer.get(1).asDouble(), ow = outer.get(2).asDouble(), oh = outer.get(3).asDouble();
        assertThat(x >= ox && y >= oy && x + w <= ox + ow && y + h <= oy + oh)
                .as("%s: %s inside %s", what, inner, outer).isTrue();
    }

    /** The point lies on the rectangle's border (within 1.5 px). */
    static void assertOnBorder(String what, JsonNode p, JsonNode r) {
        double x = p.get(0).asDouble(), y = p.get(1).asDouble();
        double rx = r.get(0).asDouble(), ry = r.get(1).asDouble(), rw = r.get(2).asDouble(), rh = r.get(3).asDouble();
        double e = 1.5;
        boolean within = x >= rx - e && x <= rx + rw + e && y >= ry - e && y <= ry + rh + e;
        boolean onSide = Math.abs(x - rx) <= e || Math.abs(x - rx - rw) <= e || Math.abs(y - ry) <= e || Math.abs(y - ry - rh) <= e;
        assertThat(within && onSide).as("%s: %s on the border of %s", what, p, r).isTrue();
    }

    static boolean overlap(JsonNode a, JsonNode b) {
        return a.get(0).asDouble() < b.get(0).asDouble() + b.get(2).asDouble() && b.get(0).asDouble() < a.get(0).asDouble() + a.get(2).asDouble()
                && a.get(1).asDouble() < b.get(1).asDouble() + b.get(3).asDouble() && b.get(1).asDouble() < a.get(1).asDouble() + a.get(3).asDouble();
    }

    static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
