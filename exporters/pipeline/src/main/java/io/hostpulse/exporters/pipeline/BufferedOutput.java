package io.hostpulse.exporters.pipeline;

import io.hostpulse.core.Exporter;
import io.hostpulse.core.Point;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** An {@link Output} that queues points in a {@link Buffer} (spooled when configured) and writes them with an exporter. */
public final class BufferedOutput implements Output {
    private final Buffer<Point> buffer;

    public BufferedOutput(Buffer<Point> buffer) {
        this.buffer = buffer;
    }

    /** The usual wiring: spool under {@code ctx.dataDir()/spool/<name>} when the config asks for one and a data dir exists. */
    public static BufferedOutput create(String name, BufferConfig cfg, Exporter<Point> exporter, OutputContext ctx) {
        Path spoolDir = ctx.dataDir() == null ? null : ctx.dataDir().resolve("spool").resolve(name);
        return new BufferedOutput(new Buffer<>(name, cfg, new PointCodec(), exporter, spoolDir, ctx.registry(),
                ctx.clock()));
    }

    @Override
    public String name() {
        return buffer.name();
    }

    @Override
    public void accept(List<Point> points) {
        buffer.offer(points);
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

    public Buffer<Point> buffer() {
        return buffer;
    }

    @Override
    public void close() {
        buffer.close();
    }
}
