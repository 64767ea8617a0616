package io.hostpulse.agent.schedule;

import io.hostpulse.agent.run.CollectionRunner;
import io.hostpulse.agent.run.ProblemLog;
import io.hostpulse.agent.selfmetrics.SelfMetrics;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Collector;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

    @Test
    void runsAtStartNeverConcurrentlyAndSkipsMissedRunsInsteadOfStacking() throws Exception {
        try (SelfMetrics m = new SelfMetrics()) {
            Gate slow = new Gate("slow");
            Gate other = new Gate("other");
            other.release.countDown();
            CollectorScheduler s = new CollectorScheduler(List.of(
                    new CollectorScheduler.Entry(runner(slow, m), Duration.ofMillis(100), null, Duration.ZERO, Duration.ofSeconds(5)),
                    new CollectorScheduler.Entry(runner(other, m), Duration.ofMillis(100), null, Duration.ZERO, Duration.ofSeconds(5))), 3);
            try {
                s.start();
                assertThat(slow.firstStarted.await(5, TimeUnit.SECONDS)).as("first run at start-up").isTrue();
                // while the slow collector is stuck, the other keeps its schedule
                await().atMost(Duration.ofSeconds(5)).until(() -> other.runs.get() >= 5);
                Thread.sleep(1500); // about 15 missed periods of the slow collector
                int before = slow.runs.get();
                slow.release.countDown();
                Thread.sleep(350);
                int after = slow.runs.get();
                assertThat(before).isEqualTo(1);
                // stacking would replay the ~15 missed runs at once; skipping resumes the plain schedule
                assertThat(after - before).isLessThanOrEqualTo(5);
                assertThat(slow.maxRunning.get()).isEqualTo(1);
            } finally {
                s.close();
            }
        }
    }

    @Test
    void cronCollectorsAlsoRunOnceAtStartup() throws Exception {
        try (SelfMetrics m = new SelfMetrics()) {
            Gate g = new Gate("cron");
            g.release.countDown();
            // fires yearly: only the start-up run can happen during this test
            CollectorScheduler s = new CollectorScheduler(List.of(new CollectorScheduler.Entry(runner(g, m),
                    Duration.ofMinutes(15), "0 0 0 1 1 ? 2099", Duration.ZERO, Duration.ofSeconds(5))), 1);
            try {
                s.start();
                await().atMost(Duration.ofSeconds(5)).until(() -> g.runs.get() == 1);
            } finally {
                s.close();
            }
            assertThat(g.runs.get()).isEqualTo(1);
        }
    }
}
