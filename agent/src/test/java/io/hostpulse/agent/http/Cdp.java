package io.hostpulse.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol with the JDK's WebSocket client:
 * enough to load a page, evaluate JavaScript, press keys, collect console errors and every request the page makes,
 * and take a screenshot. Started with the flags issue 12 asks for and a fresh user data directory.
 */
final class Cdp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process chromium;
    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();

    private Cdp(Process chromium, WebSocket ws) {
        this.chromium = chromium;
        this.ws = ws;
    }

    static Cdp launch(Path userDataDir, int width, int height) throws Exception {
        String bin = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "chromium";
        List<String> cmd = new ArrayList<>(List.of(bin, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--disable-dev-shm-usage", "--user-data-dir=" + userDataDir,
                "--window-size=" + width + "," + height, "--remote-debugging-port=0", "about:blank"));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("chromium is not installed (apt-get install chromium; scripts/install-test-deps.sh)", e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        String browserWs = null;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until && (line = out.readLine()) != null) {
            int i = line.indexOf("DevTools listening on ");
            if (i >= 0) {
                browserWs = line.substring(i + "DevTools listening on ".length()).trim();
                break;
            }
        }
        if (browserWs == null) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium printed no DevTools address within 60 s");
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // chromium's own log: not the page's console
                }
            } catch (IOException e) {
                // chromium ended
            }
        }, "chromium-log");
        drain.setDaemon(true);
        drain.start();
        URI base = URI.create(browserWs);
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://" + base.getAuthority() + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String pageWs = null;
        for (JsonNode t : JSON.readTree(list)) {
            if ("page".equals(t.path("type").asText())) {
                pageWs = t.path("webSocketDebuggerUrl").asText();
                break;
            }
        }
        if (pageWs == null) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium has no page target: " + list);
        }
        Cdp[] self = new Cdp[1];
        StringBuilder buf = new StringBuilder();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                buf.append(data);
                if (last) {
                    String msg = buf.toString();
                    buf.setLength(0);
                    try {
                        self[0].onMessage(JSON.readTree(msg));
                    } catch (IOException e) {
                        // not JSON: ignore
                    }
                }
                w.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        Cdp c = new Cdp(p, ws);
        self[0] = c;
        c.call("Runtime.enable", null);
        c.call("Log.enable", null);
        c.call("Network.enable", null);
        c.call("Page.enable", null);
        return c;
    }

    private void onMessage(JsonNode m) {
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
            if (f != null) {
                if (m.has("error")) {
                    f.completeExceptionally(new IllegalStateException(m.get("error").toString()));
                } else {
                    f.complete(m.path("result"));
                }
            }
            return;
        }
        String method = m.path("method").asText();
        JsonNode params = m.path("params");
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(params.path("type").asText()) || "warning".equals(params.path("type").asText())) {
                    consoleErrors.add("console." + params.path("type").asText() + ": " + params.path("args"));
                }
            }
            case "Runtime.exceptionThrown" -> consoleErrors.add("exception: " + params.path("exceptionDetails"));
            case "Log.entryAdded" -> {
                if ("error".equals(params.at("/entry/level").asText())) {
                    consoleErrors.add("log: " + params.at("/entry/text").asText() + " " + params.at("/entry/url").asText());
                }
            }
            case "Network.requestWillBeSent" -> requests.add(params.at("/request/url").asText());
            default -> {
            }
        }
        listeners.forEach(l -> l.accept(m));
    }

    JsonNode call(String method, Object params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        if (params != null) {
            msg.set("params", JSON.valueToTree(params));
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ws.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        return f.get(30, TimeUnit.SECONDS);
    }

    void navigate(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
    }

    /** Evaluates an expression in the page and returns its value (JSON). */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("page threw evaluating " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.at("/result/value");
    }

    /** Waits until {@code expression} is truthy in the page. */
    JsonNode await(String expression, Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        JsonNode v = null;
        while (System.nanoTime() < until) {
            v = eval(expression);
            if (v != null && !v.isMissingNode() && !v.isNull() && !(v.isBoolean() && !v.asBoolean())
                    && !(v.isTextual() && v.asText().isEmpty())) {
                return v;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not true in the page within " + timeout + ": " + expression + " (last: " + v + ")");
    }

    void key(String key) throws Exception {
        call("Input.dispatchKeyEvent", Map.of("type", "keyDown", "key", key, "text", key));
        call("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", key));
    }

    void screenshot(Path png) throws Exception {
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(png.getParent());
        Files.write(png, java.util.Base64.getDecoder().decode(r.path("data").asText()));
    }

    @Override
    public void close() {
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // chromium goes anyway
        }
        chromium.destroy();
        try {
            if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
                chromium.destroyForcibly();
            }
        } catch (InterruptedException e) {
            chromium.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static Duration seconds(int s) {
        return Duration.ofSeconds(s);
    }
}
