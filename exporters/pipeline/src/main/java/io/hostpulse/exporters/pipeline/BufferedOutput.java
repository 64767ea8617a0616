package io.hostpulse.exporters.pipeline;

import io.hostpulse.core.Exporter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An {@link Output} that queues items (points or events) in a {@link Buffer} (spooled when configured) and writes
 * them with an exporter. An output that runs something beside its buffer (the Loki output's shipping of the
 * agent's own log lines) hands it over with {@link #alongside}, and it is closed after the buffer.
 */
public final class BufferedOutput<T> implements Output<T> {
    private final Buffer<T> buffer;
    private final AutoCloseable companion;

    public BufferedOutput(Buffer<T> buffer) {
        this(buffer, null);
    }

    private BufferedOutput(Buffer<T> buffer, AutoCloseable companion) {
        this.buffer = buffer;
        this.companion = companion;
    }

    /**
     * The usual wiring: spool under {@code ctx.dataDir()/spool/<name>} when the config asks for one and a data
     * dir exists. This opens (and replays) the spool and starts the writer thread: call it only to run.
     */
    public static <T> BufferedOutput<T> create(String name, BufferConfig cfg, ItemCodec<T> codec, Exporter<T> exporter,
                                               OutputContext ctx) {
        Path spoolDir = ctx.dataDir() == null ? null : ctx.dataDir().resolve("spool").resolve(name);
        return new BufferedOutput<>(new Buffer<>(name, cfg, codec, exporter, spoolDir, ctx.registry(), ctx.clock()));
    }

    /** The same output, also closing {@code companion} (after the buffer) when it is closed. */
    public BufferedOutput<T> alongside(AutoCloseable companion) {
        return new BufferedOutput<>(buffer, companion);
    }

    @Override
    public String name() {
        return buffer.name();
    }

    @Override
    public void accept(List<T> items) {
        buffer.offer(items);
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

    public Buffer<T> buffer() {
        return buffer;
    }

    @Override
    public void close() {
        buffer.close();
        if (companion != null) {
            try {
                companion.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(BufferedOutput.class).warn("output {}: {}", name(), e.toString());
            }
        }
    }
}
