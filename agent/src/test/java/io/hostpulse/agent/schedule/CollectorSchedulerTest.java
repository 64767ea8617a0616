package io.hostpulse.agent.schedule;

import io.hostpulse.agent.run.CollectionRunner;
import io.hostpulse.agent.run.ProblemLog;
import io.hostpulse.agent.selfmetrics.SelfMetrics;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Collector;
import io.hostpulse.testing.ManualTicks;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorSchedulerTest {

    /** A collector that counts its runs and how many overlap; the first run blocks until released. */
    static final class Gate implements Collector {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final String name;

        Gate(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void collect(Instant now, Accumulator acc) {
            int r = running.incrementAndGet();
            maxRunning.accumulateAndGet(r, Math::max);
            int n = runs.incrementAndGet();
            try {
                if (n == 1) {
                    firstStarted.countDown();
                    release.await(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        }
    }

    private static CollectionRunner runner(Collector c, SelfMetrics m) {
        return new CollectionRunner(c, List.of(), e -> { }, m, new ProblemLog(), Map.of(), Clock.systemUTC());
    }

    /** Waits for something the worker threads do; never used to show that something did not happen. */
    static void awaitTrue(String what, BooleanSupplier c) {
        org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                .until(c::getAsBoolean);
    }

    @Test
    void runsAtStartNeverConcurrentlyAndSkipsMissedRunsInsteadOfStacking() throws Exception {
        ManualTicks ticks = new ManualTicks();
        try (SelfMetrics m = new SelfMetrics()) {
            Gate slow = new Gate("slow");
            Gate other = new Gate("other");
            other.release.countDown();
            CollectorScheduler s = new CollectorScheduler(List.of(
                    new CollectorScheduler.Entry(runner(slow, m), Duration.ofMillis(100), null, Duration.ZERO, Duration.ofSeconds(5)),
                    new CollectorScheduler.Entry(runner(other, m), Duration.ofMillis(100), null, Duration.ZERO, Duration.ofSeconds(5))),
                    ticks, Executors.newFixedThreadPool(3));
            try {
                s.start();
                ticks.runDue();
                assertThat(slow.firstStarted.await(5, TimeUnit.SECONDS)).as("first run at start-up").isTrue();
                awaitTrue("other's start-up run", () -> other.runs.get() == 1 && !s.busy("other"));
                // while the slow collector is stuck, the other keeps its schedule: one run per tick
                for (int i = 1; i <= 15; i++) {
                    ticks.advance(Duration.ofMillis(100));
                    int expected = i + 1;
                    awaitTrue("other's run " + expected, () -> other.runs.get() == expected && !s.busy("other"));
                }
                assertThat(slow.runs.get()).isEqualTo(1);
                assertThat(s.skipped("slow")).isEqualTo(15);
                assertThat(s.skipped("other")).isZero();
                slow.release.countDown();
                awaitTrue("the slow run ends", () -> !s.busy("slow"));
                // nothing is replayed: no run is due until the next slot, and the next slot is one run
                assertThat(ticks.runDue()).isZero();
                assertThat(ticks.nextDue()).isEqualTo(ticks.now().plusMillis(100));
                ticks.advance(Duration.ofMillis(100));
                awaitTrue("slow's next run", () -> slow.runs.get() == 2 && !s.busy("slow"));
                assertThat(slow.maxRunning.get()).isEqualTo(1);
            } finally {
                s.close();
            }
        }
    }

    @Test
    void intervalRunsKeepAFixedGridFromTheStart() throws Exception {
        ManualTicks ticks = new ManualTicks();
        try (SelfMetrics m = new SelfMetrics()) {
            Gate g = new Gate("g");
            g.release.countDown();
            CollectorScheduler s = new CollectorScheduler(List.of(new CollectorScheduler.Entry(runner(g, m),
                    Duration.ofSeconds(10), null, Duration.ZERO, Duration.ofSeconds(5))), ticks, direct());
            s.start();
            ticks.advance(Duration.ofSeconds(25));
            assertThat(g.runs.get()).as("at 0, 10 and 20 s").isEqualTo(3);
            assertThat(ticks.nextDue()).isEqualTo(ticks.now().plusSeconds(5));
            s.close();
        }
    }

    @Test
    void cronCollectorsRunOnceAtStartupAndThenAtTheirTimes() throws Exception {
        ManualTicks ticks = new ManualTicks(Instant.parse("2026-01-01T00:00:00Z"));
        try (SelfMetrics m = new SelfMetrics()) {
            Gate g = new Gate("cron");
            g.release.countDown();
            // at second 0 of every minute: the same in every time zone with whole-minute offsets
            CollectorScheduler s = new CollectorScheduler(List.of(new CollectorScheduler.Entry(runner(g, m),
                    Duration.ofMinutes(15), "0 * * * * ?", Duration.ZERO, Duration.ofSeconds(5))), ticks, direct());
            s.start();
            ticks.runDue();
            assertThat(g.runs.get()).as("the start-up run").isEqualTo(1);
            ticks.advance(Duration.ofSeconds(59));
            assertThat(g.runs.get()).isEqualTo(1);
            ticks.advance(Duration.ofSeconds(1));
            assertThat(g.runs.get()).isEqualTo(2);
            ticks.advance(Duration.ofMinutes(3));
            assertThat(g.runs.get()).isEqualTo(5);
            s.close();
        }
    }

    @Test
    void theRealSchedulerRunsEveryCollectorAtStartUp() throws Exception {
        try (SelfMetrics m = new SelfMetrics()) {
            Gate g = new Gate("real");
            g.release.countDown();
            CollectorScheduler s = new CollectorScheduler(List.of(new CollectorScheduler.Entry(runner(g, m),
                    Duration.ofHours(1), null, Duration.ZERO, Duration.ofSeconds(5))), 1);
            try {
                s.start();
                awaitTrue("the start-up run", () -> g.runs.get() == 1);
            } finally {
                s.close();
            }
        }
    }

    /** Runs each collection on the calling thread (the test's, inside ManualTicks.advance). */
    private static ExecutorService direct() {
        return new java.util.concurrent.AbstractExecutorService() {
            private volatile boolean shut;

            @Override
            public void execute(Runnable r) {
                r.run();
            }

            @Override
            public void shutdown() {
                shut = true;
            }

            @Override
            public List<Runnable> shutdownNow() {
                shut = true;
                return List.of();
            }

            @Override
            public boolean isShutdown() {
                return shut;
            }

            @Override
            public boolean isTerminated() {
                return shut;
            }

            @Override
            public boolean awaitTermination(long t, TimeUnit u) {
                return true;
            }
        };
    }
}
