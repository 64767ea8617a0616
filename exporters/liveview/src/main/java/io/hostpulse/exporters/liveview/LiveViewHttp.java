package io.hostpulse.exporters.liveview;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The live view's HTTP side, mounted by the agent's endpoint at {@code /}: the page and its assets (from this jar:
 * uPlot from its WebJar, the rest from this module's resources), the JSON API under {@code /api/v1/} and the
 * server-sent event stream {@code /api/v1/stream}. Access: open on a loopback address; anywhere else a token or
 * basic auth from the config is required, and without one the agent refuses to start the view (see
 * {@link #LiveViewHttp}). A configured token is required on loopback too.
 */
public final class LiveViewHttp implements HttpHandler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveViewHttp.class);
    /** The config key that turns the map on, named in the 404 of {@code /api/v1/map}. */
    static final String MAP_KEY = "collectors.docker.network_map.enabled";
    static final int MAX_STREAMS = 16;
    private static final String PAGE = "io/hostpulse/exporters/liveview/page/";
    private static final String COOKIE = "hostpulse_token";

    private final LiveView view;
    private final LiveViewConfig config;
    private final Map<String, Asset> assets = new LinkedHashMap<>();
    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean mapFailureLogged = new java.util.concurrent.atomic.AtomicBoolean();
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "liveview-ping");
        t.setDaemon(true);
        return t;
    });

    record Asset(String type, byte[] body) {
    }

    /**
     * @param loopback whether the endpoint listens on a loopback address only
     * @throws IllegalArgumentException when it does not and the config has neither token nor username/password
     */
    public LiveViewHttp(LiveView view, boolean loopback, String listen) {
        this.view = view;
        this.config = view.config();
        if (!loopback && !config.hasAuth()) {
            throw new IllegalArgumentException("output " + config.name() + ": the HTTP endpoint listens on " + listen
                    + ", not only on loopback, so the live view needs access control: set token, or username and "
                    + "password, in the liveview output section (or listen on 127.0.0.1)");
        }
        view.authDescription(describeAuth(config, loopback));
        String uplot = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        assets.put("/", new Asset("text/html; charset=utf-8", resource(PAGE + "index.html")));
        assets.put("/assets/app.js", new Asset("text/javascript; charset=utf-8", resource(PAGE + "app.js")));
        assets.put("/assets/map.js", new Asset("text/javascript; charset=utf-8", resource(PAGE + "map.js")));
        assets.put("/assets/app.css", new Asset("text/css; charset=utf-8", resource(PAGE + "app.css")));
        assets.put("/assets/uPlot.iife.min.js", new Asset("text/javascript; charset=utf-8", resource(uplot + "uPlot.iife.min.js")));
        assets.put("/assets/uPlot.min.css", new Asset("text/css; charset=utf-8", resource(uplot + "uPlot.min.css")));
        pinger.scheduleAtFixedRate(this::ping, 15, 15, TimeUnit.SECONDS);
    }

    static String describeAuth(LiveViewConfig c, boolean loopback) {
        if (!c.token().isEmpty() && !c.username().isEmpty()) {
            return "token or basic";
        }
        if (!c.token().isEmpty()) {
            return "token";
        }
        if (!c.username().isEmpty()) {
            return "basic";
        }
        return loopback ? "none (loopback only)" : "none";
    }

    /** Total bytes of the page and its assets (the budget is 200 KB). */
    public long assetBytes() {
        return assets.values().stream().mapToLong(a -> a.body().length).sum();
    }

    static String uplotVersion() {
        Properties p = new Properties();
        try (InputStream in = LiveViewHttp.class.getResourceAsStream("versions.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("versions.properties missing from the liveview jar", e);
        }
        return p.getProperty("uplot.version");
    }

    private static byte[] resource(String path) {
        try (InputStream in = LiveViewHttp.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("live view asset " + path + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().add("Allow", "GET, HEAD");
                send(ex, 405, "text/plain", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (!authorised(ex)) {
                ex.getResponseHeaders().add("WWW-Authenticate", config.username().isEmpty()
                        ? "Bearer realm=\"hostpulse\"" : "Basic realm=\"hostpulse\", charset=\"UTF-8\"");
                send(ex, 401, "text/plain", ("401: this hostpulse live view requires "
                        + (config.username().isEmpty() ? "a token (Authorization: Bearer <token>, or open /?token=<token> once)"
                        : "a user name and password") + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.equals("/index.html")) {
                path = "/";
            }
            Asset a = assets.get(path);
            if (a != null) {
                ex.getResponseHeaders().add("Cache-Control", path.equals("/") ? "no-cache" : "max-age=3600");
                ex.getResponseHeaders().add("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                        + "style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'");
                send(ex, 200, a.type(), a.body());
                return;
            }
            if (path.startsWith("/api/v1/")) {
                api(ex, path.substring("/api/v1/".length()));
                return;
            }
            send(ex, 404, "text/plain", ("not found: " + path + " (the live view is at /, its API under /api/v1/, "
                    + "and /metrics and /health are the agent's)\n").getBytes(StandardCharsets.UTF_8));
        } finally {
            if (!ex.getRequestURI().getPath().equals("/api/v1/stream") || ex.getResponseCode() != 200) {
                ex.close();
            }
        }
    }

    private void api(HttpExchange ex, String name) throws IOException {
        if (name.equals("map")) {
            map(ex);
            return;
        }
        String json = switch (name) {
            case "snapshot" -> view.snapshotJson();
            case "history" -> view.historyJson();
            case "events" -> view.eventsJson();
            case "host", "processes", "containers", "networks", "disks", "sensors", "alerts" -> view.sectionJson(name);
            case "stream" -> null;
            default -> "";
        };
        if (json == null) {
            stream(ex);
        } else if (json.isEmpty()) {
            send(ex, 404, "application/json", ("{\"error\":\"no such API: /api/v1/" + name.replace("\"", "")
                    + "\",\"known\":[\"snapshot\",\"host\",\"processes\",\"containers\",\"networks\",\"disks\",\"sensors\",\"alerts\","
                    + "\"events\",\"history\",\"stream\",\"map\"]}\n").getBytes(StandardCharsets.UTF_8));
        } else {
            ex.getResponseHeaders().add("Cache-Control", "no-store");
            send(ex, 200, "application/json", (json + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * {@code /api/v1/map[?format=json|plantuml|mermaid]}: the Docker collector's network map, JSON by default, the
     * two diagram formats as plain text; 404 while the map is off, 400 for an unknown format.
     */
    private void map(HttpExchange ex) throws IOException {
        String asked = query(ex, "format");
        String format = asked == null || asked.isBlank() ? LiveView.MAP_FORMATS.get(0) : asked.trim().toLowerCase(java.util.Locale.ROOT);
        String body;
        try {
            body = view.map(format);
        } catch (IllegalArgumentException e) {
            // the source knows its formats (and their aliases): whatever it refuses is unknown
            sendJson(ex, 400, mapError(e.getMessage() != null ? e.getMessage() : "unknown map format " + asked));
            return;
        } catch (RuntimeException e) {
            // the page asks every 10 s: one log line for the first failure, the answer says it every time
            if (mapFailureLogged.compareAndSet(false, true)) {
                LOG.warn("live view: the network map could not be drawn as {}: {}", format, e.toString());
            }
            ObjectNode err = JsonNodeFactory.instance.objectNode();
            err.put("error", "the network map could not be drawn as " + format + ": " + e);
            sendJson(ex, 500, err);
            return;
        }
        if (body == null) {
            ObjectNode off = JsonNodeFactory.instance.objectNode();
            off.put("error", "the network map is off: turn it on in the Docker collector's network_map section ("
                    + MAP_KEY + ": true)");
            off.put("key", MAP_KEY);
            sendJson(ex, 404, off);
            return;
        }
        ex.getResponseHeaders().add("Cache-Control", "no-store");
        send(ex, 200, format.equals("json") ? "application/json" : "text/plain; charset=utf-8",
                (body.endsWith("\n") ? body : body + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode mapError(String message) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("error", message);
        ArrayNode known = n.putArray("known");
        LiveView.MAP_FORMATS.forEach(known::add);
        return n;
    }

    private static void sendJson(HttpExchange ex, int status, ObjectNode json) throws IOException {
        ex.getResponseHeaders().add("Cache-Control", "no-store");
        send(ex, status, "application/json", (Snapshot.write(json) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The first value of a query parameter, decoded; null when absent. */
    private static String query(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String part : q.split("&")) {
            if (part.startsWith(name + "=")) {
                String v = part.substring(name.length() + 1);
                try {
                    return java.net.URLDecoder.decode(v, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return v; // a malformed %-escape: taken as written (and then rejected as a value)
                }
            }
        }
        return null;
    }

    /** A server-sent event stream: the current snapshot at once, then one after every batch, a comment every 15 s. */
    private void stream(HttpExchange ex) throws IOException {
        if (streams.size() >= MAX_STREAMS) {
            send(ex, 503, "text/plain", ("too many live view streams open (" + MAX_STREAMS + ")\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        ex.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().add("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, 0);
        Stream s = new Stream(ex);
        streams.add(s);
        view.subscribe(s);
        s.write("retry: 3000\n\n");
        s.accept(view.snapshotJson());
    }

    private void ping() {
        for (Stream s : streams) {
            s.write(": ping\n\n");
        }
    }

    private final class Stream implements Consumer<String> {
        private final HttpExchange ex;
        private final OutputStream out;

        Stream(HttpExchange ex) {
            this.ex = ex;
            this.out = ex.getResponseBody();
        }

        @Override
        public void accept(String json) {
            write("event: snapshot\ndata: " + json + "\n\n");
        }

        synchronized void write(String text) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                end();
            }
        }

        void end() {
            streams.remove(this);
            view.unsubscribe(this);
            ex.close();
        }
    }

    private boolean authorised(HttpExchange ex) {
        if (!config.hasAuth()) {
            return true;
        }
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h != null) {
            if (!config.token().isEmpty() && h.regionMatches(true, 0, "Bearer ", 0, 7)
                    && same(h.substring(7).trim(), config.token())) {
                return true;
            }
            if (!config.username().isEmpty() && h.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    String up = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
                    if (same(up, config.username() + ":" + config.password())) {
                        return true;
                    }
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        }
        if (config.token().isEmpty()) {
            return false;
        }
        String t = query(ex, "token");
        if (t != null && same(t, config.token())) {
            // the page's own requests (assets, API, the event stream) then carry the cookie
            ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + urlEncode(config.token())
                    + "; Path=/; HttpOnly; SameSite=Strict");
            return true;
        }
        String cookies = ex.getRequestHeaders().getFirst("Cookie");
        if (cookies != null) {
            for (String c : cookies.split(";")) {
                String kv = c.trim();
                if (kv.startsWith(COOKIE + "=") && same(java.net.URLDecoder.decode(kv.substring(COOKIE.length() + 1),
                        StandardCharsets.UTF_8), config.token())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        for (Stream s : streams) {
            s.end();
        }
    }
}
