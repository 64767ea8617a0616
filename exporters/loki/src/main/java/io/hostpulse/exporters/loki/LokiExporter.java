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
import io.hostpulse.core.Redactor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes one batch of events as one Loki push request: {@link LokiStreams} makes Loki4j log records, Loki4j's
 * {@link JsonWriter} or {@link ProtobufWriter} (protobuf in a snappy block, Loki's native body) encodes them, and
 * {@link LokiHttp} posts them. The reply is classified for the shared {@code Buffer}: 2xx written; connect errors,
 * timeouts, 429 and 5xx retried (with the server's Retry-After); 401/403 retried loudly; 413 split; any other 4xx
 * dropped and counted with Loki's message.
 */
final class LokiExporter implements Exporter<Event> {
    private final String name;
    private final LokiConfig cfg;
    private final LokiHttp http;
    private final Supplier<String> host;

    LokiExporter(LokiConfig cfg, Supplier<String> host) {
        this.name = cfg.name();
        this.cfg = cfg;
        this.http = new LokiHttp(cfg, contentType(cfg.format()));
        this.host = host;
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
        classify(r);
    }

    /** Loki's answers, mapped to what the buffer must do; returns normally for 2xx. */
    static void classify(LokiHttp.Reply r) throws ExportException {
        int s = r.status();
        if (s >= 200 && s < 300) {
            return;
        }
        String text = "HTTP " + s + ": " + oneLine(Redactor.redact(r.body()));
        if (s == 429 || s >= 500) {
            throw new ExportException(ExportException.Kind.RETRY, text, r.retryAfter());
        }
        if (s == 401 || s == 403) {
            throw new ExportException(ExportException.Kind.AUTH, text + " (check username/password, bearer_token and tenant)");
        }
        if (s == 413) {
            throw new ExportException(ExportException.Kind.TOO_LARGE, text);
        }
        if (s == 408) {
            throw new ExportException(ExportException.Kind.RETRY, text, r.retryAfter());
        }
        throw new ExportException(ExportException.Kind.REJECTED, text);
    }

    private static String oneLine(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String s = body.strip().replace('\n', ' ').replace('\r', ' ');
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }
}
