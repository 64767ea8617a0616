package io.hostpulse.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hostpulse.agent.selfmetrics.SelfMetrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * GET /metrics (Prometheus text) and GET /health (JSON) on one small JDK HTTP server, bound to 127.0.0.1 unless
 * configured otherwise; the live view (page, API, event stream) at / when mounted. Two threads: requests are rare and cheap.
 */
public final class HttpEndpoint implements AutoCloseable {
    private final HttpServer server;

    /** @param health returns the health document and whether the agent is healthy (200) or not (503) */
    public HttpEndpoint(String host, int port, SelfMetrics metrics, Supplier<Map.Entry<Boolean, String>> health)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        // two threads: a page load asks for several assets at once; event streams hold no thread (see LiveViewHttp)
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", ex -> {
            if (notGet(ex)) {
                return;
            }
            send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
        });
        server.createContext("/health", ex -> {
            if (notGet(ex)) {
                return;
            }
            Map.Entry<Boolean, String> h = health.get();
            send(ex, h.getKey() ? 200 : 503, "application/json", h.getValue());
        });
        server.createContext("/", ex -> send(ex, 404, "text/plain", "not found: try /metrics or /health\n"));
    }

    /** Serves the live view's page and API at / (everything but /metrics and /health). */
    public void mountRoot(com.sun.net.httpserver.HttpHandler handler) {
        server.removeContext("/");
        server.createContext("/", handler);
    }

    /** Whether {@code host} is a loopback address (127.0.0.0/8, ::1, localhost): then the live view may be open. */
    public static boolean loopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static boolean notGet(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().add("Allow", "GET, HEAD");
            send(ex, 405, "text/plain", "method not allowed\n");
            return true;
        }
        return false;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : b.length);
        try (OutputStream os = ex.getResponseBody()) {
            if (!head) {
                os.write(b);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
