package io.hostpulse.exporters.influx;

import io.hostpulse.core.ExportException;
import io.hostpulse.core.Exporter;
import io.hostpulse.core.Point;
import io.hostpulse.core.Redactor;
import io.hostpulse.core.http.ReplyPolicy;
import io.hostpulse.core.lineprotocol.Precision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * InfluxDB 1.x {@code POST /write?db=&rp=&precision=} (and every server with the v1 compatibility endpoint) over the
 * JDK HttpClient. The whole request, reply body included, is bounded by the timeout, and at most
 * {@link ReplyPolicy#MAX_BODY_BYTES} bytes of a reply are kept, so a hostile server can neither hang the writer nor
 * fill memory. Replies are read by the agent's one {@link ReplyPolicy}.
 */
public final class InfluxV1Exporter implements Exporter<Point> {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxV1Exporter.class);

    private final InfluxConfig cfg;
    private final Clock clock;
    private final HttpClient http;
    private final URI writeUri;
    private final String auth;
    private boolean created;

    public InfluxV1Exporter(InfluxConfig cfg, Clock clock) {
        this.cfg = cfg;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(cfg.timeout()).version(HttpClient.Version.HTTP_1_1).build();
        StringBuilder q = new StringBuilder(cfg.base()).append("/write?db=").append(enc(cfg.database()));
        if (!cfg.retentionPolicy().isEmpty()) {
            q.append("&rp=").append(enc(cfg.retentionPolicy()));
        }
        q.append("&precision=").append(v1Precision(cfg.precision()));
        this.writeUri = URI.create(q.toString());
        if (!cfg.username().isEmpty()) {
            auth = "Basic " + Base64.getEncoder().encodeToString(
                    (cfg.username() + ":" + cfg.password()).getBytes(StandardCharsets.UTF_8));
        } else if (!cfg.token().isEmpty()) {
            auth = "Token " + cfg.token();
        } else {
            auth = null;
        }
    }

    /** 1.x names: n, u, ms, s (it rejects "us"). */
    static String v1Precision(Precision p) {
        return switch (p) {
            case NANOSECONDS -> "n";
            case MICROSECONDS -> "u";
            case MILLISECONDS -> "ms";
            case SECONDS -> "s";
        };
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return cfg.name();
    }

    @Override
    public void write(List<Point> batch) throws ExportException {
        if (cfg.create() && !created) {
            createDatabase();
        }
        String lines = InfluxBatch.lines(batch, cfg.precision());
        if (lines == null) {
            return;
        }
        byte[] body = lines.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder req = HttpRequest.newBuilder(writeUri).timeout(cfg.timeout())
                .header("Content-Type", "text/plain; charset=utf-8");
        if (cfg.gzip()) {
            body = gzip(body);
            req.header("Content-Encoding", "gzip");
        }
        if (auth != null) {
            req.header("Authorization", auth);
        }
        Reply reply = send(req.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        ExportException e = ReplyPolicy.failure(reply.status, reply.body, reply.retryAfter, reply.location, clock.instant());
        if (e != null) {
            throw e;
        }
    }

    private void createDatabase() throws ExportException {
        String q = "CREATE DATABASE \"" + cfg.database().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(cfg.base() + "/query")).timeout(cfg.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (auth != null) {
            req.header("Authorization", auth);
        }
        Reply reply = send(req.POST(HttpRequest.BodyPublishers.ofString("q=" + enc(q))).build());
        ExportException e = ReplyPolicy.failure(reply.status, reply.body, reply.retryAfter, reply.location, clock.instant());
        if (e == null) {
            created = true;
            LOG.info("output {}: database {} is there (CREATE DATABASE)", cfg.name(), cfg.database());
        } else if (e.kind() == ExportException.Kind.RETRY) {
            throw e; // try again with the next write
        } else {
            created = true; // no permission to create: write anyway, the write's reply will say more
            LOG.warn("output {}: could not create database {}: {}", cfg.name(), cfg.database(),
                    Redactor.redact(e.getMessage()));
        }
    }

    private record Reply(int status, String body, String retryAfter, String location) {
    }

    private Reply send(HttpRequest request) throws ExportException {
        CompletableFuture<HttpResponse<String>> f = http.sendAsync(request, ReplyPolicy.cappedBody());
        try {
            HttpResponse<String> resp = f.get(cfg.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Reply(resp.statusCode(), resp.body(), ReplyPolicy.header(resp, "Retry-After"),
                    ReplyPolicy.header(resp, "Location"));
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new ExportException(ExportException.Kind.RETRY, "no complete reply within " + cfg.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new ExportException(ExportException.Kind.RETRY, "interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new ExportException(ExportException.Kind.RETRY,
                    Redactor.redact(cfg.base() + ": " + c.getClass().getSimpleName()
                            + (c.getMessage() == null ? "" : ": " + c.getMessage())));
        }
    }

    static byte[] gzip(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
