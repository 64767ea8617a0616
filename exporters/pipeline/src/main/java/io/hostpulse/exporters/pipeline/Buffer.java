package io.hostpulse.exporters.pipeline;

import io.hostpulse.core.ExportException;
import io.hostpulse.core.Exporter;
import io.hostpulse.core.Redactor;
import io.hostpulse.core.time.Backoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one buffer every exporter writes through. {@link #offer} queues items (and appends them to the disk spool
 * when one is configured) and returns at once; one writer thread per buffer sends batches to the
 * {@link Exporter}, one at a time (single-flight), in order, with Telegraf's rules:
 * <ul>
 *   <li>a write is due when a batch is full or the flush interval (plus a random jitter) has passed;</li>
 *   <li>{@link ExportException.Kind#RETRY} and {@link ExportException.Kind#AUTH}: the batch stays at the head and
 *       is retried after the agent's {@link Backoff} (exponential with jitter, at least the server's Retry-After,
 *       capped at 10 min);</li>
 *   <li>{@link ExportException.Kind#TOO_LARGE}: the batch is split in halves and retried at once; one point that
 *       is still too large is dropped and counted;</li>
 *   <li>{@link ExportException.Kind#REJECTED}: that batch is dropped and counted, the server's text logged once;</li>
 *   <li>beyond the buffer limit (points or bytes) the oldest queued points are dropped and counted; a batch being
 *       sent at that moment is not touched, so the buffer may exceed its limit by one batch for the time of a write.</li>
 * </ul>
 * With a spool, every queued item is on disk before offer() returns (in the OS page cache; fsync per policy) and
 * the position of the first unacknowledged item is persisted after each write, so a restart replays exactly what
 * was not acknowledged, in order. The one window: a crash after the server accepted a batch and before its
 * acknowledgement was written replays that batch once more.
 */
public final class Buffer<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Buffer.class);

    /** The reasons under which points are counted as dropped (tag {@code reason}). */
    public static final List<String> DROP_REASONS = List.of("overflow", "rejected", "too_large", "unencodable",
            "corrupt", "shutdown");

    private record Entry<T>(T item, int bytes, Spool.Position start) {
    }

    /** Counters, for tests and the health endpoint. */
    /**
     * Counters, for tests and the health endpoint; {@code spool} is {@code on}, {@code none} (not configured) or
     * {@code off: <reason>} (configured but not taking writes: points are then kept in memory only).
     */
    public record Stats(long queued, long queuedBytes, long written, long retried, Map<String, Long> dropped,
                        long spoolBytes, String lastError, String spool) {
        public Stats(long queued, long queuedBytes, long written, long retried, Map<String, Long> dropped,
                     long spoolBytes, String lastError) {
            this(queued, queuedBytes, written, retried, dropped, spoolBytes, lastError, "none");
        }

        public long dropped(String reason) {
            return dropped.getOrDefault(reason, 0L);
        }
    }

    private final String name;
    private final BufferConfig cfg;
    private final ItemCodec<T> codec;
    private final Exporter<T> exporter;
    private final Clock clock;
    private final Backoff retryBackoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Entry<T>> queue = new ArrayDeque<>();
    private final List<Entry<T>> inflight = new ArrayList<>();
    private final Spool spool;
    private final ScheduledExecutorService syncer;
    private final Thread writer;

    private long bytes;
    private long nextFlushAt;
    private long backoffUntil;
    private int failures;
    private int batchLimit;
    private long splitRemaining;
    private boolean urgent;
    private volatile boolean stopped;
    private volatile String lastError = "";
    private long lastFailureLog;
    private boolean spoolBroken;
    private volatile String spoolState = "none";
    private long spoolRetryAt;
    private boolean ackFailing;

    private final AtomicLong written = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
    private final Counter writtenCounter;
    private final Counter retriedCounter;
    private final Map<String, Counter> droppedCounters = new ConcurrentHashMap<>();
    private final Timer latency;
    private final AtomicLong lastErrorEpoch = new AtomicLong();

    /**
     * @param spoolDir the spool directory (used when {@code cfg.spool()}); null turns the spool off
     */
    public Buffer(String name, BufferConfig cfg, ItemCodec<T> codec, Exporter<T> exporter, Path spoolDir,
                  MeterRegistry registry, Clock clock) {
        this.name = name;
        this.cfg = cfg;
        this.codec = codec;
        this.exporter = exporter;
        this.clock = clock;
        this.retryBackoff = new Backoff(cfg.retryInitial(), cfg.retryMax());
        this.batchLimit = cfg.batchSize();
        Tags tags = Tags.of("output", name);
        writtenCounter = registry.counter("hostpulse.output.points.written", tags);
        retriedCounter = registry.counter("hostpulse.output.points.retried", tags);
        for (String r : DROP_REASONS) {
            dropped.put(r, new AtomicLong());
            droppedCounters.put(r, registry.counter("hostpulse.output.points.dropped", tags.and("reason", r)));
        }
        latency = Timer.builder("hostpulse.output.write.latency").tags(tags).register(registry);
        Gauge.builder("hostpulse.output.buffer.points", this, b -> b.stats().queued()).tags(tags).register(registry);
        Gauge.builder("hostpulse.output.buffer.bytes", this, b -> b.stats().queuedBytes()).tags(tags)
                .baseUnit("bytes").register(registry);
        Gauge.builder("hostpulse.output.spool.bytes", this, b -> b.stats().spoolBytes()).tags(tags)
                .baseUnit("bytes").register(registry);
        Gauge.builder("hostpulse.output.last.error.time", lastErrorEpoch, AtomicLong::get).tags(tags)
                .description("epoch seconds of the last failed write, 0 when none").register(registry);

        Spool s = null;
        if (cfg.spool() && spoolDir != null) {
            try {
                s = Spool.open(spoolDir, cfg.segmentBytes());
                spoolState = "on";
            } catch (IOException e) {
                spoolState = "off: cannot open " + spoolDir + ": " + e.getMessage();
                LOG.error("output {}: cannot open spool {} ({}); buffering in memory only", name, spoolDir, e.toString());
            }
            Gauge.builder("hostpulse.output.spool.writable", this, b -> b.spoolState.equals("on") ? 1 : 0).tags(tags)
                    .description("1 while the spool takes writes, 0 while points are kept in memory only")
                    .register(registry);
        }
        this.spool = s;
        if (spool != null) {
            replay();
        }
        if (spool != null && cfg.fsync() == BufferConfig.Fsync.INTERVAL) {
            syncer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hostpulse-spool-sync-" + name));
            long ms = cfg.fsyncInterval().toMillis();
            syncer.scheduleWithFixedDelay(this::syncQuietly, ms, ms, TimeUnit.MILLISECONDS);
        } else {
            syncer = null;
        }
        nextFlushAt = System.nanoTime() + jittered(cfg.flushInterval());
        writer = daemon(this::run, "hostpulse-output-" + name);
        writer.start();
    }

    private static Thread daemon(Runnable r, String threadName) {
        Thread t = new Thread(r, threadName);
        t.setDaemon(true);
        return t;
    }

    private void replay() {
        int bad = 0;
        for (Spool.Record r : spool.takeReplayed()) {
            T item;
            try {
                item = codec.decode(r.data());
            } catch (RuntimeException e) {
                bad++;
                continue;
            }
            Entry<T> e = new Entry<>(item, r.data().length, r.start());
            queue.addLast(e);
            bytes += e.bytes();
        }
        if (bad > 0) {
            LOG.warn("output {}: {} spooled records could not be decoded and were skipped", name, bad);
        }
        drop("corrupt", bad + spool.corruptRecords());
        if (!queue.isEmpty()) {
            LOG.info("output {}: replaying {} unsent points from spool {}", name, queue.size(), spool.dir());
        }
        evictOverLimit();
    }

    public String name() {
        return name;
    }

    /**
     * Queues items for writing. Never waits for the network; with a spool it writes them to the file (and with
     * {@code spool_fsync: always} forces them to disk) before returning.
     *
     * @return the number of items queued (items that cannot be encoded are dropped and counted)
     */
    public int offer(List<T> items) {
        if (items.isEmpty()) {
            return 0;
        }
        List<T> ok = new ArrayList<>(items.size());
        List<byte[]> enc = new ArrayList<>(items.size());
        int unencodable = 0;
        for (T t : items) {
            byte[] b = codec.encode(t);
            if (b == null) {
                unencodable++;
            } else {
                ok.add(t);
                enc.add(b);
            }
        }
        drop("unencodable", unencodable);
        if (ok.isEmpty()) {
            return 0;
        }
        lock.lock();
        try {
            if (stopped) {
                drop("shutdown", ok.size());
                return 0;
            }
            List<Spool.Position> starts = null;
            if (spool != null && spoolBroken && System.nanoTime() - spoolRetryAt >= 0) {
                resumeSpool();
            }
            if (spool != null && !spoolBroken) {
                try {
                    starts = spool.append(enc);
                    if (cfg.fsync() == BufferConfig.Fsync.ALWAYS) {
                        spool.sync();
                    }
                } catch (IOException e) {
                    spoolFailed(e);
                }
            }
            for (int i = 0; i < ok.size(); i++) {
                Entry<T> e = new Entry<>(ok.get(i), enc.get(i).length, starts == null ? null : starts.get(i));
                queue.addLast(e);
                bytes += e.bytes();
            }
            evictOverLimit();
            if (queue.size() >= batchLimit) {
                changed.signalAll();
            }
            return ok.size();
        } finally {
            lock.unlock();
        }
    }

    /** Drops the oldest queued (not in-flight) items while over a limit. Caller holds the lock. */
    private void evictOverLimit() {
        long n = 0;
        while (!queue.isEmpty() && (queue.size() + inflight.size() > cfg.maxItems() || bytes > cfg.maxBytes())) {
            Entry<T> e = queue.pollFirst();
            bytes -= e.bytes();
            n++;
        }
        if (n > 0) {
            drop("overflow", n);
            if (inflight.isEmpty()) {
                ack();
            }
        }
    }

    private void drop(String reason, long n) {
        if (n > 0) {
            dropped.get(reason).addAndGet(n);
            droppedCounters.get(reason).increment(n);
        }
    }

    /**
     * The spool stops taking writes (a full disk, an I/O error); points are kept in memory, acknowledgements go on
     * (they free segments, and a restart must not re-send what was delivered), and each offer after
     * {@link #SPOOL_RETRY} tries the spool again. Caller holds the lock.
     */
    private void spoolFailed(IOException e) {
        spoolBroken = true;
        spoolRetryAt = System.nanoTime() + SPOOL_RETRY.toNanos();
        String was = spoolState;
        spoolState = "off: write failed: " + e.getMessage();
        if (was.equals("on")) {
            LOG.error("output {}: spool write failed ({}); keeping new points in memory and trying the spool again "
                    + "every {} s", name, e.toString(), SPOOL_RETRY.toSeconds());
        }
    }

    static final Duration SPOOL_RETRY = Duration.ofSeconds(5);

    /**
     * Writes the points kept in memory while the spool was off to it, oldest first, and turns it on again. Not while
     * such points are in flight: their place on disk would then come after newer points. Caller holds the lock.
     */
    private void resumeSpool() {
        for (Entry<T> e : inflight) {
            if (e.start() == null) {
                return;
            }
        }
        List<Entry<T>> all = new ArrayList<>(queue);
        List<byte[]> enc = new ArrayList<>();
        for (Entry<T> e : all) {
            if (e.start() == null) {
                enc.add(codec.encode(e.item()));
            }
        }
        List<Spool.Position> starts;
        try {
            starts = enc.isEmpty() ? List.of() : spool.append(enc);
        } catch (IOException e) {
            spoolFailed(e);
            return;
        }
        queue.clear();
        int i = 0;
        for (Entry<T> e : all) {
            queue.addLast(e.start() == null ? new Entry<>(e.item(), e.bytes(), starts.get(i++)) : e);
        }
        spoolBroken = false;
        spoolState = "on";
        LOG.info("output {}: spool writable again; {} points kept in memory meanwhile are in it now", name, enc.size());
    }

    /** Persists the position of the first item not yet acknowledged (also while the spool takes no writes). Caller holds the lock. */
    private void ack() {
        if (spool == null) {
            return;
        }
        Spool.Position first = null;
        for (Entry<T> e : inflight) {
            if (e.start() != null) {
                first = e.start();
                break;
            }
        }
        if (first == null) {
            for (Entry<T> e : queue) {
                if (e.start() != null) {
                    first = e.start();
                    break;
                }
            }
        }
        try {
            spool.ack(first == null ? spool.end() : first);
            if (cfg.fsync() == BufferConfig.Fsync.ALWAYS) {
                spool.sync();
            }
            if (ackFailing) {
                ackFailing = false;
                LOG.info("output {}: recording the acknowledged position in the spool works again", name);
            }
        } catch (IOException e) {
            if (!ackFailing) {
                ackFailing = true;
                LOG.warn("output {}: cannot record acknowledged position in spool ({}); a restart may resend", name,
                        e.toString());
            }
        }
    }

    private void syncQuietly() {
        try {
            spool.sync();
        } catch (IOException e) {
            LOG.debug("output {}: spool sync: {}", name, e.toString());
        }
    }

    private long jittered(Duration base) {
        long j = cfg.flushJitter().toNanos();
        return base.toNanos() + (j > 0 ? ThreadLocalRandom.current().nextLong(j) : 0);
    }

    private void run() {
        while (true) {
            List<Entry<T>> batch;
            lock.lock();
            try {
                while (true) {
                    if (stopped) {
                        return;
                    }
                    long now = System.nanoTime();
                    boolean due = queue.size() >= batchLimit || now - nextFlushAt >= 0 || urgent;
                    if (!queue.isEmpty() && due && now - backoffUntil >= 0) {
                        break;
                    }
                    if (queue.isEmpty()) {
                        urgent = false;
                        if (now - nextFlushAt >= 0) {
                            nextFlushAt = now + jittered(cfg.flushInterval());
                        }
                        changed.signalAll(); // wakes flush() waiters
                    }
                    long until = backoffUntil - now > 0 ? backoffUntil : nextFlushAt;
                    long wait = Math.max(1_000_000L, until - now);
                    try {
                        changed.awaitNanos(queue.isEmpty() ? Math.max(wait, 1_000_000L) : wait);
                    } catch (InterruptedException e) {
                        if (stopped) {
                            return;
                        }
                    }
                }
                int n = Math.min(batchLimit, queue.size());
                batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(queue.pollFirst());
                }
                inflight.addAll(batch);
            } finally {
                lock.unlock();
            }
            attempt(batch);
        }
    }

    private void attempt(List<Entry<T>> batch) {
        List<T> items = new ArrayList<>(batch.size());
        for (Entry<T> e : batch) {
            items.add(e.item());
        }
        long t0 = System.nanoTime();
        ExportException failure = null;
        try {
            exporter.write(items);
        } catch (ExportException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new ExportException(ExportException.Kind.RETRY, "unexpected " + e);
        }
        latency.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        lock.lock();
        try {
            if (failure == null) {
                succeeded(batch);
            } else {
                failed(batch, failure);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void succeeded(List<Entry<T>> batch) {
        release(batch);
        written.addAndGet(batch.size());
        writtenCounter.increment(batch.size());
        if (failures > 0) {
            LOG.info("output {}: writing again after {} failed attempts", name, failures);
        }
        failures = 0;
        backoffUntil = System.nanoTime();
        if (splitRemaining > 0) {
            splitRemaining -= batch.size();
            if (splitRemaining <= 0) {
                batchLimit = cfg.batchSize();
            }
        }
        ack();
        if (queue.size() < batchLimit && !urgent) {
            nextFlushAt = System.nanoTime() + jittered(cfg.flushInterval());
        }
    }

    private void release(List<Entry<T>> batch) {
        inflight.clear();
        for (Entry<T> e : batch) {
            bytes -= e.bytes();
        }
    }

    private void putBack(List<Entry<T>> batch) {
        inflight.clear();
        for (int i = batch.size() - 1; i >= 0; i--) {
            queue.addFirst(batch.get(i));
        }
        evictOverLimit();
    }

    private void failed(List<Entry<T>> batch, ExportException e) {
        String msg = Redactor.redact(e.getMessage());
        lastError = e.kind() + ": " + msg;
        lastErrorEpoch.set(clock.instant().getEpochSecond());
        switch (e.kind()) {
            case REJECTED -> {
                release(batch);
                drop("rejected", batch.size());
                LOG.warn("output {}: server rejected a batch of {} points, dropped: {}", name, batch.size(), msg);
                ack();
            }
            case TOO_LARGE -> {
                if (batch.size() == 1) {
                    release(batch);
                    drop("too_large", 1);
                    LOG.warn("output {}: one point is too large for the server, dropped: {}", name, msg);
                    ack();
                } else {
                    batchLimit = Math.max(1, batch.size() / 2);
                    splitRemaining = batch.size();
                    putBack(batch);
                    LOG.warn("output {}: batch of {} points too large for the server; retrying in batches of {}",
                            name, batch.size(), batchLimit);
                }
            }
            default -> {
                putBack(batch);
                retried.addAndGet(batch.size());
                retriedCounter.increment(batch.size());
                failures++;
                long delay = backoff(failures, e.retryAfter().orElse(null));
                backoffUntil = System.nanoTime() + delay;
                long now = System.nanoTime();
                if (e.kind() == ExportException.Kind.AUTH) {
                    LOG.error("output {}: server refused our credentials ({}); keeping {} points, retry in {} ms",
                            name, msg, queue.size(), delay / 1_000_000);
                } else if (failures == 1 || now - lastFailureLog > 60_000_000_000L) {
                    lastFailureLog = now;
                    LOG.warn("output {}: write failed ({} attempts so far): {}; keeping {} points, retry in {} ms",
                            name, failures, msg, queue.size(), delay / 1_000_000);
                }
            }
        }
    }

    /** The wait in nanoseconds after the n-th failure in a row. */
    long backoff(int n, Duration retryAfter) {
        return retryBackoff.delay(n, retryAfter).toNanos();
    }

    /** Asks for an immediate write of everything queued and waits until the queue is empty or the timeout passed. */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            urgent = true;
            changed.signalAll();
            while (!(queue.isEmpty() && inflight.isEmpty())) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || stopped) {
                    return false;
                }
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public Stats stats() {
        lock.lock();
        try {
            Map<String, Long> d = new java.util.LinkedHashMap<>();
            dropped.forEach((k, v) -> d.put(k, v.get()));
            return new Stats(queue.size() + inflight.size(), bytes, written.get(), retried.get(), d,
                    spool == null ? 0 : spool.bytes(), lastError, spoolState);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes what is queued for up to the drain timeout, then stops the writer. Points still queued stay in the
     * spool for the next start; without a spool they are counted as dropped (reason shutdown).
     */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        flush(cfg.drainTimeout());
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        writer.interrupt();
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (syncer != null) {
            syncer.shutdownNow();
        }
        lock.lock();
        try {
            int left = queue.size() + inflight.size();
            if (spool != null && spoolBroken) {
                resumeSpool();
            }
            int unspooled = 0;
            for (Entry<T> e : queue) {
                unspooled += spool == null || e.start() == null ? 1 : 0;
            }
            for (Entry<T> e : inflight) {
                unspooled += spool == null || e.start() == null ? 1 : 0;
            }
            if (left - unspooled > 0) {
                LOG.info("output {}: {} unsent points stay in spool {} for the next start", name, left - unspooled,
                        spool.dir());
            }
            if (unspooled > 0) {
                drop("shutdown", unspooled);
                LOG.warn("output {}: {} unsent points dropped at shutdown ({})", name, unspooled,
                        spool == null ? "no spool" : "spool " + spoolState);
            }
            if (spool != null) {
                try {
                    spool.close();
                } catch (IOException e) {
                    LOG.warn("output {}: closing spool: {}", name, e.toString());
                }
            }
        } finally {
            lock.unlock();
        }
        exporter.close();
    }
}
