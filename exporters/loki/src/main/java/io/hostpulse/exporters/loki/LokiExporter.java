package io.hostpulse.exporters.loki;

import com.github.loki4j.client.batch.LogRecord;
import com.github.loki4j.client.batch.LogRecordBatch;
import com.github.loki4j.client.util.ByteBufferFactory;
import com.github.loki4j.client.writer.JsonWriter;
import com.github.loki4j.client.writer.ProtobufWriter;
import com.github.loki4j.client.writer.Writer;
import io.hostpulse.core.Event;
import io.hostpulse.core.ExportException;
import io.hostpulse.core.Exporter;
import io.hostpulse.core.http.ReplyPolicy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes one batch of events as one Loki push request: {@link LokiStreams} makes Loki4j log records, Loki4j's
 * {@link JsonWriter} or {@link ProtobufWriter} (protobuf in a snappy block, Loki's native body) encodes them, and
 * {@link LokiHttp} posts them. The reply is read by the agent's one {@link ReplyPolicy} for the shared
 * {@code Buffer}: 2xx written; connect errors, timeouts, 3xx, 408, 429 and 5xx retried (with the server's
 * Retry-After); 401/403 retried loudly; 413 split; any other 4xx dropped and counted with Loki's message.
 */
final class LokiExporter implements Exporter<Event> {
    private final String name;
    private final LokiConfig cfg;
    private final LokiHttp http;
    private final Supplier<String> host;
    private final Clock clock;

    LokiExporter(LokiConfig cfg, Supplier<String> host) {
        this(cfg, host, Clock.systemUTC());
    }

    /** @param clock for a Retry-After given as an HTTP date */
    LokiExporter(LokiConfig cfg, Supplier<String> host, Clock clock) {
        this.name = cfg.name();
        this.cfg = cfg;
        this.http = new LokiHttp(cfg, contentType(cfg.format()));
        this.host = host;
        this.clock = clock;
    }

    static String contentType(LokiConfig.Format f) {
        return f == LokiConfig.Format.JSON ? "application/json" : "application/x-protobuf";
    }

    @Override
    public String name() {
        return name;
    }

    LokiHttp http() {
        return http;
    }

    /** The request body for a batch, as it goes on the wire. */
    static byte[] encode(List<LogRecord> records, LokiConfig.Format format) {
        long est = 1024;
        for (LogRecord r : records) {
            est += r.messageUtf8SizeBytes + r.streamUtf8SizeBytes + r.metadataUtf8SizeBytes + 64L;
        }
        int cap = (int) Math.min(Integer.MAX_VALUE - 64, est * 2);
        Writer w = format == LokiConfig.Format.JSON ? new JsonWriter(cap) : new ProtobufWriter(cap, new ByteBufferFactory(false));
        w.serializeBatch(new LogRecordBatch(records.toArray(new LogRecord[0])));
        return w.toByteArray();
    }

    static byte[] encode(List<Event> batch, Map<String, String> staticLabels, String host, LokiConfig.Format format) {
        return encode(LokiStreams.records(batch, staticLabels, host), format);
    }

    @Override
    public void write(List<Event> batch) throws ExportException {
        if (batch.isEmpty()) {
            return;
        }
        byte[] body = encode(batch, cfg.staticLabels(), host.get(), cfg.format());
        LokiHttp.Reply r;
        try {
            r = http.post(body);
        } catch (ConnectException e) {
            throw new ExportException(ExportException.Kind.RETRY, "cannot connect to " + http.url() + ": "
                    + (e.getMessage() == null ? "connection refused" : e.getMessage()));
        } catch (HttpTimeoutException e) {
            throw new ExportException(ExportException.Kind.RETRY, "no reply from " + http.url() + " within " + cfg.timeout().toSeconds() + "s");
        } catch (IOException e) {
            throw new ExportException(ExportException.Kind.RETRY, "push to " + http.url() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportException(ExportException.Kind.RETRY, "interrupted");
        }
        ExportException e = ReplyPolicy.failure(r.status(), r.body(), r.retryAfter(), r.location(), clock.instant());
        if (e != null && e.kind() == ExportException.Kind.AUTH) {
            throw new ExportException(e.kind(), e.getMessage() + " (check username/password, bearer_token and tenant)");
        }
        if (e != null) {
            throw e;
        }
    }
}
