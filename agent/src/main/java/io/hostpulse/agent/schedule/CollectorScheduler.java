package io.hostpulse.agent.schedule;

import io.hostpulse.agent.run.CollectionRunner;
import io.hostpulse.core.time.TickScheduler;
import org.quartz.CronExpression;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each collector on its own schedule: every {@code interval} on a fixed grid from the start (plus a random
 * {@code jitter} per run, as Telegraf's collection_jitter), or at the times of its {@code cron} expression (Quartz's
 * cron syntax, local time zone); every collector also runs once at start-up, cron-scheduled ones included. The
 * timer is a {@link TickScheduler} (so tests move time by hand); the collections run on a small pool of worker
 * threads. Never two runs of one collector at once, and late runs are skipped rather than stacked: a 10 s collector
 * that stalled for a minute runs once at the next slot, not six times.
 */
public final class CollectorScheduler implements AutoCloseable {

    /** One collector to schedule: either every {@code interval} or on {@code cron}. */
    public record Entry(CollectionRunner runner, Duration interval, String cron, Duration jitter, Duration timeout) {
    }

    private final TickScheduler ticks;
    private final ExecutorService workers;
    private final List<Slot> slots = new ArrayList<>();
    private final Duration longestTimeout;

    public CollectorScheduler(List<Entry> entries, int threads) {
        this(entries, TickScheduler.threaded("hostpulse-schedule"), pool(threads));
    }

    /** @param ticks the timer, {@code workers} the threads that collect; both are closed with this scheduler */
    CollectorScheduler(List<Entry> entries, TickScheduler ticks, ExecutorService workers) {
        this.ticks = ticks;
        this.workers = workers;
        Duration longest = Duration.ZERO;
        for (Entry e : entries) {
            slots.add(new Slot(e, new CollectorJob(e.runner(), e.timeout())));
            longest = e.timeout().compareTo(longest) > 0 ? e.timeout() : longest;
        }
        this.longestTimeout = longest;
    }

    private static ExecutorService pool(int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "collect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        Instant start = ticks.clock().instant();
        for (Slot s : slots) {
            ticks.execute(s::fire); // the start-up run
            s.scheduleAfter(start);
        }
    }

    /** Runs skipped because the previous one of that collector was still going. */
    long skipped(String collector) {
        return slots.stream().filter(s -> s.job.name().equals(collector)).mapToLong(s -> s.job.skipped()).sum();
    }

    /** Whether a run of that collector is claimed or still going. */
    boolean busy(String collector) {
        return slots.stream().anyMatch(s -> s.job.name().equals(collector) && s.job.busy());
    }

    /** Stops scheduling and waits for running collections to finish (at most the longest timeout and 5 s). */
    @Override
    public void close() {
        ticks.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(longestTimeout.toMillis() + 5000, TimeUnit.MILLISECONDS)) {
                LoggerFactory.getLogger(CollectorScheduler.class).warn("collections still running at shutdown");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }

    /** One collector's place on the timer. */
    private final class Slot {
        final Entry entry;
        final CollectorJob job;
        final CronExpression cron;
        Instant grid;

        Slot(Entry entry, CollectorJob job) {
            this.entry = entry;
            this.job = job;
            try {
                this.cron = entry.cron() == null ? null : new CronExpression(entry.cron());
            } catch (ParseException e) {
                throw new IllegalArgumentException(entry.runner().name() + ": cron \"" + entry.cron() + "\": " + e.getMessage());
            }
        }

        void fire() {
            if (job.claim()) {
                try {
                    workers.execute(job::run);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // closed
                }
            }
        }

        /** Schedules the first slot after {@code t} (the grid is kept, so late ticks do not shift later ones). */
        void scheduleAfter(Instant t) {
            Instant now = ticks.clock().instant();
            Instant next;
            if (cron != null) {
                Date d = cron.getNextValidTimeAfter(Date.from(t.isAfter(now) ? t : now)); // missed times are skipped
                if (d == null) {
                    return; // no more times
                }
                next = d.toInstant();
            } else {
                grid = grid == null ? t.plus(entry.interval()) : grid.plus(entry.interval());
                while (!grid.isAfter(now)) {
                    grid = grid.plus(entry.interval()); // missed slots are skipped, not replayed
                }
                next = grid;
            }
            Instant slot = next;
            long jitter = entry.jitter().toMillis();
            Duration delay = Duration.between(now, slot).plusMillis(jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
            ticks.schedule(delay, () -> {
                fire();
                scheduleAfter(slot);
            });
        }
    }
}
