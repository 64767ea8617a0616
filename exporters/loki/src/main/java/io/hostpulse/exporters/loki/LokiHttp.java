package io.hostpulse.exporters.loki;

import com.github.loki4j.client.http.HttpConfig;
import com.github.loki4j.client.http.Loki4jHttpClient;
import com.github.loki4j.client.http.LokiResponse;
import io.hostpulse.core.http.ReplyPolicy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The HTTP side of one Loki output: POST of an encoded push body with the tenant and auth headers. Used by the
 * event exporter (which needs Retry-After) and, as a {@link Loki4jHttpClient}, by Loki4j's appender for the agent's
 * own logs, so that both send the same headers (Loki4j itself has no bearer-token option).
 */
final class LokiHttp implements Loki4jHttpClient {

    /** A reply: status, body text (at most {@link ReplyPolicy#MAX_BODY_BYTES}), and the Retry-After and Location headers. */
    record Reply(int status, String body, String retryAfter, String location) {
    }

    private final LokiConfig cfg;
    private final String contentType;
    private final HttpClient client;
    private final HttpConfig loki4jConfig;

    LokiHttp(LokiConfig cfg, String contentType) {
        this.cfg = cfg;
        this.contentType = contentType;
        this.client = HttpClient.newBuilder().connectTimeout(cfg.timeout()).version(HttpClient.Version.HTTP_1_1).build();
        this.loki4jConfig = HttpConfig.builder().setPushUrl(cfg.pushUrl().toString())
                .setRequestTimeoutMs(cfg.timeout().toMillis()).setConnectionTimeoutMs(cfg.timeout().toMillis())
                .setTenantId(cfg.tenant().isEmpty() ? Optional.empty() : Optional.of(cfg.tenant()))
                .build(contentType);
    }

    Reply post(byte[] body) throws java.io.IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(cfg.pushUrl()).timeout(cfg.timeout())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!cfg.tenant().isEmpty()) {
            b.header("X-Scope-OrgID", cfg.tenant());
        }
        if (!cfg.bearerToken().isEmpty()) {
            b.header("Authorization", "Bearer " + cfg.bearerToken());
        } else if (!cfg.username().isEmpty()) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (cfg.username() + ":" + cfg.password()).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> r = client.send(b.build(), ReplyPolicy.cappedBody());
        return new Reply(r.statusCode(), r.body(), ReplyPolicy.header(r, "Retry-After"), ReplyPolicy.header(r, "Location"));
    }

    URI url() {
        return cfg.pushUrl();
    }

    @Override
    public HttpConfig getConfig() {
        return loki4jConfig;
    }

    @Override
    public LokiResponse send(ByteBuffer batch) throws Exception {
        byte[] body = new byte[batch.remaining()];
        batch.get(body);
        Reply r = post(body);
        return new LokiResponse(r.status(), r.body());
    }

    @Override
    public void close() {
        // java.net.http.HttpClient frees its resources when unreachable (close() is Java 21+)
    }
}
