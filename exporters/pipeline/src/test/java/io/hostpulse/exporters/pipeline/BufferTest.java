package io.hostpulse.exporters.pipeline;

import io.hostpulse.core.ExportException;
import io.hostpulse.core.Exporter;
import io.hostpulse.core.Point;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class BufferTest {
    @TempDir
    Path dir;
    private final List<Buffer<Point>> open = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** A scripted exporter: each write takes the next scripted reply (null = accept) and records accepted points. */
    static final class Scripted implements Exporter<Point> {
        final LinkedBlockingQueue<ExportException> replies = new LinkedBlockingQueue<>();
        final List<List<Long>> attempts = Collections.synchronizedList(new ArrayList<>());
        final List<Long> accepted = Collections.synchronizedList(new ArrayList<>());
        volatile ExportException always;
        volatile CountDownLatch block;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public void write(List<Point> batch) throws ExportException {
            List<Long> seqs = batch.stream().map(p -> (Long) p.field("seq")).toList();
            attempts.add(seqs);
            CountDownLatch b = block;
            if (b != null) {
                try {
                    b.await();
                } catch (InterruptedException e) {
                    throw new ExportException(ExportException.Kind.RETRY, "interrupted");
                }
            }
            ExportException e = replies.poll();
            if (e == null) {
                e = always;
            }
            if (e != null) {
                throw e;
            }
            accepted.addAll(seqs);
        }
    }

    static List<Point> points(long from, long to) {
        List<Point> l = new ArrayList<>();
        for (long i = from; i < to; i++) {
            l.add(Point.builder("m").tag("host", "h").field("seq", i).time(Instant.ofEpochSecond(1_700_000_000L + i)).build());
        }
        return l;
    }

    static List<Long> range(long from, long to) {
        List<Long> l = new ArrayList<>();
        for (long i = from; i < to; i++) {
            l.add(i);
        }
        return l;
    }

    private BufferConfig cfg() {
        return BufferConfig.defaults().withBatch(10, Duration.ofMillis(20), Duration.ZERO)
                .withRetry(Duration.ofMillis(10), Duration.ofMillis(50)).withDrainTimeout(Duration.ofMillis(300));
    }

    private Buffer<Point> buffer(BufferConfig cfg, Exporter<Point> ex, Path spool) {
        Buffer<Point> b = new Buffer<>("t", cfg, new PointCodec(), ex, spool, registry, Clock.systemUTC());
        open.add(b);
        return b;
    }

    @AfterEach
    void closeAll() {
        open.forEach(Buffer::close);
    }

    static void await(BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 20 s");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void writesEverythingInOrderInBatchesOfAtMostBatchSize() throws Exception {
        Scripted ex = new Scripted();
        Buffer<Point> b = buffer(cfg(), ex, null);
        for (int i = 0; i < 10; i++) {
            b.offer(points(i * 7, i * 7 + 7));
        }
        assertThat(b.flush(Duration.ofSeconds(20))).isTrue();
        assertThat(ex.accepted).containsExactlyElementsOf(range(0, 70));
        assertThat(ex.attempts).allSatisfy(a -> assertThat(a.size()).isBetween(1, 10));
        assertThat(b.stats().written()).isEqualTo(70);
        assertThat(registry.get("hostpulse.output.points.written").tag("output", "t").counter().count()).isEqualTo(70.0);
    }

    @Test
    void rejectedBatchIsDroppedAloneAndCounted() throws Exception {
        Scripted ex = new Scripted();
        ex.replies.add(new ExportException(ExportException.Kind.REJECTED, "400 unable to parse"));
        Buffer<Point> b = buffer(cfg(), ex, null);
        b.offer(points(0, 10));
        await(() -> ex.attempts.size() >= 1);
        b.offer(points(10, 20));
        assertThat(b.flush(Duration.ofSeconds(20))).isTrue();
        assertThat(ex.attempts.get(0)).containsExactlyElementsOf(range(0, 10));
        assertThat(ex.accepted).containsExactlyElementsOf(range(10, 20));
        assertThat(b.stats().dropped("rejected")).isEqualTo(10);
        assertThat(b.stats().lastError()).contains("unable to parse");
    }

    @Test
    void tooLargeSplitsIntoHalvesAndDropsASinglePointThatStillDoesNotFit() throws Exception {
        Scripted ex = new Scripted();
        ex.replies.add(new ExportException(ExportException.Kind.TOO_LARGE, "413"));
        Buffer<Point> b = buffer(cfg().withBatch(8, Duration.ofMillis(20), Duration.ZERO), ex, null);
        b.offer(points(0, 8));
        assertThat(b.flush(Duration.ofSeconds(20))).isTrue();
        assertThat(ex.attempts.get(0)).hasSize(8);
        assertThat(ex.attempts.get(1)).containsExactlyElementsOf(range(0, 4));
        assertThat(ex.attempts.get(2)).containsExactlyElementsOf(range(4, 8));
        assertThat(ex.accepted).containsExactlyElementsOf(range(0, 8));

        ex.always = new ExportException(ExportException.Kind.TOO_LARGE, "413");
        b.offer(points(8, 10));
        await(() -> b.stats().dropped("too_large") == 2);
        assertThat(b.stats().queued()).isZero();
    }

    @Test
    void authFailuresKeepRetryingWithoutLoss() throws Exception {
        Scripted ex = new Scripted();
        ex.always = new ExportException(ExportException.Kind.AUTH, "401 unauthorized");
        Buffer<Point> b = buffer(cfg(), ex, null);
        b.offer(points(0, 5));
        await(() -> ex.attempts.size() >= 4);
        assertThat(b.stats().retried()).isGreaterThanOrEqualTo(20);
        assertThat(b.stats().queued()).isEqualTo(5);
        ex.always = null;
        assertThat(b.flush(Duration.ofSeconds(20))).isTrue();
        assertThat(ex.accepted).containsExactlyElementsOf(range(0, 5));
        assertThat(b.stats().dropped().values()).allMatch(v -> v == 0);
    }

    @Test
    void backoffDoublesWithJitterIsCappedAndRetryAfterWinsWhenLonger() {
        BufferConfig c = BufferConfig.defaults().withRetry(Duration.ofSeconds(1), Duration.ofSeconds(60));
        Buffer<Point> b = buffer(c, new Scripted(), null);
        for (int i = 0; i < 50; i++) {
            assertThat(b.backoff(1, null)).isBetween(500_000_000L, 1_000_000_000L);
            assertThat(b.backoff(3, null)).isBetween(2_000_000_000L, 4_000_000_000L);
            assertThat(b.backoff(30, null)).isBetween(30_000_000_000L, 60_000_000_000L);
            assertThat(b.backoff(1, Duration.ofSeconds(30))).isEqualTo(30_000_000_000L);
            assertThat(b.backoff(1, Duration.ofHours(2))).isEqualTo(600_000_000_000L);
        }
    }

    @Test
    void overflowDropsTheOldestAndCountsExactly() throws Exception {
        Scripted ex = new Scripted();
        ex.always = new ExportException(ExportException.Kind.RETRY, "503");
        Buffer<Point> b = buffer(cfg().withLimits(30, 1 << 20).withRetry(Duration.ofSeconds(30), Duration.ofSeconds(30)), ex, null);
        b.offer(points(0, 10));
        await(() -> ex.attempts.size() == 1 && b.stats().retried() == 10); // now backing off 15-30 s, nothing in flight
        for (int i = 1; i < 10; i++) {
            b.offer(points(i * 10, i * 10 + 10));
        }
        assertThat(b.stats().dropped("overflow")).isEqualTo(70);
        assertThat(b.stats().queued()).isEqualTo(30);
        assertThat(ex.accepted).isEmpty();
    }

    @Test
    void offerNeverWaitsForAHangingServerAndMemoryStaysBounded() throws Exception {
        Scripted ex = new Scripted();
        ex.block = new CountDownLatch(1);
        Buffer<Point> b = buffer(cfg().withLimits(100, 1 << 20), ex, null);
        b.offer(points(0, 10));
        await(() -> ex.attempts.size() == 1);
        for (int i = 1; i < 100; i++) {
            b.offer(points(i * 10, i * 10 + 10)); // returns although the writer is stuck
        }
        assertThat(b.stats().queued()).isLessThanOrEqualTo(100 + 10);
        assertThat(b.stats().dropped("overflow")).isEqualTo(1000 - 100);
        ex.block.countDown();
    }

    @Test
    void spoolReplaysOnlyUnacknowledgedPointsAfterRestartNoneTwice() throws Exception {
        Scripted ex = new Scripted();
        BufferConfig c = cfg().withSpool(true);
        Buffer<Point> b = buffer(c, ex, dir);
        b.offer(points(0, 20));
        assertThat(b.flush(Duration.ofSeconds(20))).isTrue();
        ex.always = new ExportException(ExportException.Kind.RETRY, "down");
        b.offer(points(20, 35));
        await(() -> b.stats().retried() >= 15);
        b.close();
        open.remove(b);

        Scripted ex2 = new Scripted();
        // hold the writer, which starts sending the replayed points at once, until the replay is counted
        ex2.block = new CountDownLatch(1);
        Buffer<Point> b2 = buffer(c, ex2, dir);
        assertThat(b2.stats().queued()).isEqualTo(15);
        ex2.block.countDown();
        b2.offer(points(35, 40));
        assertThat(b2.flush(Duration.ofSeconds(20))).isTrue();
        assertThat(ex.accepted).containsExactlyElementsOf(range(0, 20));
        assertThat(ex2.accepted).containsExactlyElementsOf(range(20, 40));
        b2.close();
        open.remove(b2);

        Scripted ex3 = new Scripted();
        Buffer<Point> b3 = buffer(c, ex3, dir);
        assertThat(b3.stats().queued()).isZero();
        assertThat(b3.stats().spoolBytes()).isLessThan(c.segmentBytes() + 1);
    }

    @Test
    void unencodablePointsAreDroppedAndCounted() throws Exception {
        Scripted ex = new Scripted();
        Buffer<Point> b = buffer(cfg(), ex, null);
        Point nan = Point.builder("m").field("v", Double.NaN).time(Instant.EPOCH).build();
        assertThat(b.offer(List.of(nan))).isZero();
        assertThat(b.stats().dropped("unencodable")).isEqualTo(1);
    }
}
