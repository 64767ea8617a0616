package io.hostpulse.exporters.loki;

import io.hostpulse.core.Event;
import io.hostpulse.core.Hostname;
import io.hostpulse.core.Point;
import io.hostpulse.exporters.pipeline.Buffer;
import io.hostpulse.exporters.pipeline.EventOutput;
import io.hostpulse.exporters.pipeline.OutputContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code loki} output: events through the shared {@link Buffer} (bounded, ordered, spooled to disk when the
 * agent has a data directory) into a {@link LokiExporter}; the agent's own log lines through Loki4j's appender
 * ({@link AgentLogShipper}) once {@link #attach(String)} is called. Points are not taken: metrics go to InfluxDB.
 */
public final class LokiOutput implements EventOutput {
    private final LokiConfig cfg;
    private final Buffer<Event> buffer;
    private volatile String host;
    private AgentLogShipper logs;

    LokiOutput(LokiConfig cfg, OutputContext ctx) {
        this.cfg = cfg;
        this.host = Hostname.local();
        Path spoolDir = ctx.dataDir() == null ? null : ctx.dataDir().resolve("spool").resolve(cfg.name());
        this.buffer = new Buffer<>(cfg.name(), cfg.buffer(), new EventCodec(), new LokiExporter(cfg, () -> host),
                spoolDir, ctx.registry(), ctx.clock());
    }

    @Override
    public String name() {
        return cfg.name();
    }

    /** Points are not written to Loki. */
    @Override
    public void accept(List<Point> points) {
        // metrics go to InfluxDB
    }

    @Override
    public void accept(Event event) {
        buffer.offer(List.of(event));
    }

    @Override
    public synchronized void attach(String host) {
        if (host != null && !host.isBlank()) {
            this.host = host;
        }
        if (cfg.agentLogs() && logs == null) {
            logs = AgentLogShipper.start(cfg, this.host);
        }
    }

    @Override
    public void flush(Duration timeout) {
        buffer.flush(timeout);
    }

    public Buffer.Stats stats() {
        return buffer.stats();
    }

    @Override
    public Buffer.Stats bufferStats() {
        return buffer.stats();
    }

    public Buffer<Event> buffer() {
        return buffer;
    }

    LokiConfig config() {
        return cfg;
    }

    @Override
    public synchronized void close() {
        buffer.close();
        if (logs != null) {
            logs.close();
            logs = null;
        }
    }
}
