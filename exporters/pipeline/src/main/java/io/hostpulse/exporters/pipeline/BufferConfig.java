package io.hostpulse.exporters.pipeline;

import io.hostpulse.core.config.ConfigNode;

import java.time.Duration;

/**
 * How one output buffers: Telegraf's batch and buffer settings plus the disk spool.
 *
 * @param batchSize      points per write (Telegraf {@code metric_batch_size}, 1000)
 * @param flushInterval  write at least this often when fewer than a batch are waiting
 * @param flushJitter    a random delay up to this is added to each interval so that many agents do not write at once
 * @param maxItems       buffer limit in points; the oldest are dropped (and counted) beyond it
 * @param maxBytes       buffer limit in encoded bytes (line protocol); the oldest are dropped beyond it
 * @param retryInitial   first back-off after a failed write; doubled per failure, with jitter
 * @param retryMax       longest back-off (a server's Retry-After may ask for up to 10 minutes)
 * @param spool          keep unacknowledged points in an append-only file so that a crash or restart loses nothing
 * @param fsync          when spooled records are forced to the disk
 * @param fsyncInterval  period of {@link Fsync#INTERVAL}
 * @param segmentBytes   spool segment size; a segment is deleted once every record in it is acknowledged
 * @param drainTimeout   how long close() keeps writing what is queued
 */
public record BufferConfig(int batchSize, Duration flushInterval, Duration flushJitter, long maxItems, long maxBytes,
                           Duration retryInitial, Duration retryMax, boolean spool, Fsync fsync,
                           Duration fsyncInterval, long segmentBytes, Duration drainTimeout) {

    public enum Fsync {
        /** fsync after every append (on the appending thread: collection waits for the disk). */
        ALWAYS,
        /** fsync by a background thread every fsync-interval (default): kill -9 loses nothing, power loss up to one interval. */
        INTERVAL,
        /** never fsync: the OS writes back when it likes; kill -9 still loses nothing. */
        NEVER
    }

    public static BufferConfig defaults() {
        return new BufferConfig(1000, Duration.ofSeconds(10), Duration.ofSeconds(1), 100_000, 64L << 20,
                Duration.ofSeconds(1), Duration.ofSeconds(60), false, Fsync.INTERVAL, Duration.ofSeconds(1),
                4L << 20, Duration.ofSeconds(5));
    }

    /**
     * Reads the buffer keys of an output section; mistakes are recorded on the node.
     *
     * @param spoolByDefault the default of {@code spool}: true when the agent has a data directory
     */
    public static BufferConfig from(ConfigNode node, boolean spoolByDefault) {
        BufferConfig d = defaults().withSpool(spoolByDefault);
        int batch = (int) node.integer("batch_size", d.batchSize, 1, 1_000_000);
        Duration interval = node.positiveDuration("flush_interval", d.flushInterval);
        Duration jitter = node.duration("flush_jitter", d.flushJitter);
        long maxItems = node.integer("buffer_limit", d.maxItems, 1, 100_000_000);
        long maxBytes = node.bytes("buffer_max_bytes", d.maxBytes);
        Duration retryInitial = node.duration("retry_initial", d.retryInitial);
        Duration retryMax = node.duration("retry_max", d.retryMax);
        boolean spool = node.bool("spool", d.spool);
        Fsync fsync = node.choice("spool_fsync", d.fsync, Fsync.class);
        Duration fsyncInterval = node.duration("spool_fsync_interval", d.fsyncInterval);
        long segment = node.bytes("spool_segment_bytes", d.segmentBytes);
        Duration drain = node.duration("drain_timeout", d.drainTimeout);
        if (maxBytes < 1024) {
            node.problem("buffer_max_bytes", "must be at least 1KiB");
            maxBytes = d.maxBytes;
        }
        if (maxItems < batch) {
            node.problem("buffer_limit", maxItems + " is smaller than batch_size " + batch);
        }
        if (retryInitial.isZero() || retryMax.compareTo(retryInitial) < 0) {
            node.problem("retry_max", "retry_initial must be more than 0 and at most retry_max");
            retryInitial = d.retryInitial;
            retryMax = d.retryMax;
        }
        if (fsyncInterval.isZero()) {
            node.problem("spool_fsync_interval", "must be more than 0 (use spool_fsync: always)");
            fsyncInterval = d.fsyncInterval;
        }
        if (segment < 4096) {
            node.problem("spool_segment_bytes", "must be at least 4KiB");
            segment = d.segmentBytes;
        }
        return new BufferConfig(batch, interval, jitter, maxItems, maxBytes, retryInitial, retryMax, spool, fsync,
                fsyncInterval, segment, drain);
    }

    public BufferConfig withSpool(boolean on) {
        return new BufferConfig(batchSize, flushInterval, flushJitter, maxItems, maxBytes, retryInitial, retryMax, on,
                fsync, fsyncInterval, segmentBytes, drainTimeout);
    }

    public BufferConfig withBatch(int size, Duration interval, Duration jitter) {
        return new BufferConfig(size, interval, jitter, maxItems, maxBytes, retryInitial, retryMax, spool,
                fsync, fsyncInterval, segmentBytes, drainTimeout);
    }

    public BufferConfig withLimits(long items, long bytes) {
        return new BufferConfig(batchSize, flushInterval, flushJitter, items, bytes, retryInitial, retryMax, spool,
                fsync, fsyncInterval, segmentBytes, drainTimeout);
    }

    public BufferConfig withRetry(Duration initial, Duration max) {
        return new BufferConfig(batchSize, flushInterval, flushJitter, maxItems, maxBytes, initial, max, spool,
                fsync, fsyncInterval, segmentBytes, drainTimeout);
    }

    public BufferConfig withFsync(Fsync f, Duration interval) {
        return new BufferConfig(batchSize, flushInterval, flushJitter, maxItems, maxBytes, retryInitial, retryMax,
                spool, f, interval, segmentBytes, drainTimeout);
    }

    public BufferConfig withSegmentBytes(long bytes) {
        return new BufferConfig(batchSize, flushInterval, flushJitter, maxItems, maxBytes, retryInitial, retryMax,
                spool, fsync, fsyncInterval, bytes, drainTimeout);
    }

    public BufferConfig withDrainTimeout(Duration d) {
        return new BufferConfig(batchSize, flushInterval, flushJitter, maxItems, maxBytes, retryInitial, retryMax,
                spool, fsync, fsyncInterval, segmentBytes, d);
    }
}
