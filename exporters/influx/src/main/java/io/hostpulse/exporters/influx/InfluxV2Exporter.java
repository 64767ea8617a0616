package io.hostpulse.exporters.influx;

import com.influxdb.LogLevel;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.Organization;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import io.hostpulse.core.ExportException;
import io.hostpulse.core.Exporter;
import io.hostpulse.core.Point;
import io.hostpulse.core.Redactor;
import io.hostpulse.core.http.ReplyPolicy;
import io.hostpulse.core.lineprotocol.Precision;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/v2/write} through the InfluxDB Java client's blocking write API: InfluxDB 2.x, 3.x (bucket = the
 * database) and 1.8+ (bucket = {@code db/rp}, token = {@code user:password}). Our buffer does the batching and
 * retrying, so the client's own batching threads are not used; we hand it our own line protocol text. The OkHttp
 * call timeout bounds the whole request, reply included.
 */
public final class InfluxV2Exporter implements Exporter<Point> {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxV2Exporter.class);

    private final InfluxConfig cfg;
    private final Clock clock;
    private final InfluxDBClient client;
    private final WriteApiBlocking writes;
    private final WritePrecision precision;
    private final String org;
    private boolean created;

    public InfluxV2Exporter(InfluxConfig cfg, Clock clock) {
        this.cfg = cfg;
        this.clock = clock;
        // the client insists on an org; InfluxDB 3.x and 1.8 ignore it, and "-" is what the client's own 1.8 factory sends
        this.org = cfg.org().isEmpty() ? "-" : cfg.org();
        long ms = cfg.timeout().toMillis();
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(ms, TimeUnit.MILLISECONDS).readTimeout(ms, TimeUnit.MILLISECONDS)
                .writeTimeout(ms, TimeUnit.MILLISECONDS).callTimeout(ms, TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false).followRedirects(false).followSslRedirects(false)
                .addInterceptor(InfluxV2Exporter::capErrorBody);
        InfluxDBClientOptions.Builder opts = InfluxDBClientOptions.builder().url(cfg.base()).okHttpClient(http)
                .logLevel(LogLevel.NONE).bucket(cfg.bucket());
        opts.org(org);
        if (!cfg.token().isEmpty()) {
            opts.authenticateToken(cfg.token().toCharArray());
        }
        this.precision = writePrecision(cfg.precision());
        opts.precision(precision);
        this.client = InfluxDBClientFactory.create(opts.build());
        if (cfg.gzip()) {
            client.enableGzip();
        }
        this.writes = client.getWriteApiBlocking();
    }

    static WritePrecision writePrecision(Precision p) {
        return switch (p) {
            case NANOSECONDS -> WritePrecision.NS;
            case MICROSECONDS -> WritePrecision.US;
            case MILLISECONDS -> WritePrecision.MS;
            case SECONDS -> WritePrecision.S;
        };
    }

    @Override
    public String name() {
        return cfg.name();
    }

    @Override
    public void write(List<Point> batch) throws ExportException {
        if (cfg.create() && !created) {
            createBucket();
        }
        String lines = InfluxBatch.lines(batch, cfg.precision());
        if (lines == null) {
            return;
        }
        try {
            // the client sends the text as is; no trailing newline needed
            writes.writeRecord(cfg.bucket(), org, precision, lines.substring(0, lines.length() - 1));
        } catch (InfluxException e) {
            throw classify(e);
        }
    }

    private ExportException classify(InfluxException e) {
        if (e.status() == 0) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            return new ExportException(ExportException.Kind.RETRY,
                    Redactor.redact(cfg.base() + ": " + c.getClass().getSimpleName()
                            + (c.getMessage() == null ? "" : ": " + c.getMessage())));
        }
        Map<String, String> h = e.headers();
        String retryAfter = header(h, "Retry-After");
        String text = e.getMessage();
        Map<String, Object> body = e.errorBody();
        if ((text == null || text.isBlank()) && body != null && !body.isEmpty()) {
            // InfluxDB 2 replies {"code","message"}; 1.x-style servers {"error"}: the client reads only the first
            Object v = body.getOrDefault("message", body.get("error"));
            text = v != null ? String.valueOf(v) : body.toString();
        }
        ExportException x = ReplyPolicy.failure(e.status(), text, retryAfter, header(h, "Location"), clock.instant());
        return x != null ? x : new ExportException(ExportException.Kind.RETRY, "HTTP " + e.status());
    }

    private static String header(Map<String, String> headers, String name) {
        String v = null;
        for (Map.Entry<String, String> en : headers.entrySet()) {
            if (en.getKey() != null && en.getKey().equalsIgnoreCase(name)) {
                v = en.getValue();
            }
        }
        return v;
    }

    /**
     * Cuts a failed reply's body to {@link ReplyPolicy#MAX_BODY_BYTES} before the client reads it (it reads error
     * bodies whole), so a hostile server cannot fill memory; successful replies are left alone. A body that was cut
     * is no longer the JSON the client parses, so it is handed on as {@code {"message": <its first bytes>}}: the
     * server's own text still reaches the log.
     */
    static Response capErrorBody(Interceptor.Chain chain) throws IOException {
        Response r = chain.proceed(chain.request());
        ResponseBody body = r.body();
        if (r.isSuccessful() || body == null) {
            return r;
        }
        ResponseBody capped = r.peekBody(ReplyPolicy.MAX_BODY_BYTES + 1L);
        r.close();
        if (capped.contentLength() <= ReplyPolicy.MAX_BODY_BYTES) {
            return r.newBuilder().body(capped).build();
        }
        byte[] head = java.util.Arrays.copyOf(capped.bytes(), ReplyPolicy.MAX_BODY_BYTES);
        String json = "{\"message\":\"" + jsonEscape(new String(head, StandardCharsets.UTF_8)) + "...\"}";
        return r.newBuilder().body(ResponseBody.create(json, MediaType.get("application/json"))).build();
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private void createBucket() throws ExportException {
        try {
            if (client.getBucketsApi().findBucketByName(cfg.bucket()) == null) {
                Organization found = client.getOrganizationsApi().findOrganizations().stream()
                        .filter(o -> o.getName().equals(cfg.org())).findFirst().orElse(null);
                if (found == null) {
                    LOG.warn("output {}: cannot create bucket {}: organization {} not found", cfg.name(), cfg.bucket(), cfg.org());
                } else {
                    client.getBucketsApi().createBucket(cfg.bucket(), found);
                    LOG.info("output {}: created bucket {}", cfg.name(), cfg.bucket());
                }
            }
            created = true;
        } catch (InfluxException e) {
            ExportException x = classify(e);
            if (x.kind() == ExportException.Kind.RETRY) {
                throw x;
            }
            created = true; // not allowed or not supported (InfluxDB 3, compatible servers): write anyway
            LOG.warn("output {}: could not check or create bucket {}: {}", cfg.name(), cfg.bucket(), x.getMessage());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
