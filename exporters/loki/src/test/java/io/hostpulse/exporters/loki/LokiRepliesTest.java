package io.hostpulse.exporters.loki;

import com.sun.net.httpserver.HttpServer;
import io.hostpulse.core.Event;
import io.hostpulse.core.ExportException;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.config.ConfigProblems;
import io.hostpulse.core.http.ReplyPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Loki exporter reads replies with the agent's one reply policy: the cases where Loki's copy had drifted. */
class LokiRepliesTest {
    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private HttpServer server;
    private volatile int status;
    private volatile Map<String, String> headers = Map.of();
    private volatile String body = "";

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private LokiExporter exporter() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(b);
                }
            }
            ex.close();
        });
        server.start();
        ConfigProblems problems = new ConfigProblems("test.yaml");
        ConfigNode node = ConfigNode.root(problems, new java.util.HashMap<>(Map.of(
                "url", "http://127.0.0.1:" + server.getAddress().getPort(), "agent_logs", false)));
        LokiConfig cfg = LokiConfig.from(node, false);
        node.finish();
        problems.throwIfAny();
        return new LokiExporter(cfg, () -> "h", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private ExportException write(LokiExporter e) {
        return catchThrowableOfType(ExportException.class,
                () -> e.write(List.of(new Event(NOW, "agent", "info", "x", Map.of(), Map.of()))));
    }

    @Test
    void aRedirectIsRetriedNotDroppedAndNamesTheNewAddress() throws Exception {
        LokiExporter e = exporter();
        status = 308;
        headers = Map.of("Location", "https://loki.example/loki/api/v1/push");
        ExportException x = write(e);
        assertThat(x.kind()).isEqualTo(ExportException.Kind.RETRY);
        assertThat(x.getMessage()).contains("HTTP 308").contains("a redirect to https://loki.example/loki/api/v1/push");
    }

    @Test
    void retryAfterAsAnHttpDateIsUnderstood() throws Exception {
        LokiExporter e = exporter();
        status = 503;
        headers = Map.of("Retry-After", "Tue, 01 Dec 2026 08:02:00 GMT");
        assertThat(write(e).retryAfter()).contains(Duration.ofMinutes(2));
        headers = Map.of("Retry-After", "9");
        status = 429;
        assertThat(write(e).retryAfter()).contains(Duration.ofSeconds(9));
    }

    @Test
    void aHugeReplyBodyIsCutAndAuthProblemsSayWhatToCheck() throws Exception {
        LokiExporter e = exporter();
        status = 400;
        body = "entry out of order " + "y".repeat(2 * 1024 * 1024);
        ExportException x = write(e);
        assertThat(x.kind()).isEqualTo(ExportException.Kind.REJECTED);
        assertThat(x.getMessage()).startsWith("HTTP 400: entry out of order").endsWith("...")
                .hasSizeLessThan(ReplyPolicy.MAX_TEXT + 20);
        status = 401;
        body = "no org id";
        assertThat(write(e)).hasMessage("HTTP 401: no org id (check username/password, bearer_token and tenant)")
                .extracting(ExportException::kind).isEqualTo(ExportException.Kind.AUTH);
        status = 204;
        body = "";
        e.write(List.of(new Event(NOW, "agent", "info", "x", Map.of(), Map.of())));
    }
}
