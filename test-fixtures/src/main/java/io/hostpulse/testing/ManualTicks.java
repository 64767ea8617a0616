package io.hostpulse.testing;

import io.hostpulse.core.time.TickScheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link TickScheduler} for tests: time stands still until the test moves it, and due tasks run on the test's
 * thread inside {@link #advance} and {@link #runDue}, in due order (ties in the order they were scheduled). So a
 * test states "nothing happens before the interval" by advancing to just before it and looking, with no sleep.
 */
public final class ManualTicks implements TickScheduler {

    private final class Task implements Tick {
        final long seq;
        final Runnable body;
        final Duration period;
        Instant due;
        boolean cancelled;

        Task(long seq, Instant due, Duration period, Runnable body) {
            this.seq = seq;
            this.due = due;
            this.period = period;
            this.body = body;
        }

        @Override
        public void cancel() {
            synchronized (ManualTicks.this) {
                cancelled = true;
                tasks.remove(this);
            }
        }
    }

    private final List<Task> tasks = new ArrayList<>();
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            synchronized (ManualTicks.this) {
                return now;
            }
        }
    };
    private Instant now;
    private long seq;
    private boolean closed;

    public ManualTicks(Instant start) {
        this.now = start;
    }

    public ManualTicks() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public Clock clock() {
        return clock;
    }

    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Tick schedule(Duration delay, Runnable task) {
        return add(delay, null, task);
    }

    @Override
    public synchronized Tick every(Duration initialDelay, Duration period, Runnable task) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return add(initialDelay, period, task);
    }

    private Task add(Duration delay, Duration period, Runnable body) {
        Task t = new Task(seq++, now.plus(delay.isNegative() ? Duration.ZERO : delay), period, body);
        if (closed) {
            t.cancelled = true;
        } else {
            tasks.add(t);
        }
        return t;
    }

    /** Runs every task due now, including those that become due by running others; returns how many ran. */
    public int runDue() {
        int ran = 0;
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.due.isAfter(now))
                        .min(Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.seq)).orElse(null);
                if (next == null) {
                    return ran;
                }
                tasks.remove(next);
            }
            next.body.run();
            ran++;
            synchronized (this) {
                if (next.period != null && !next.cancelled && !closed) {
                    next.due = now.plus(next.period);
                    tasks.add(next);
                }
            }
        }
    }

    /**
     * Moves time forward, stopping at each task's due time to run it (so a task sees the clock at its own time),
     * then runs what is due at the end. Returns how many tasks ran.
     */
    public int advance(Duration d) {
        Instant end;
        synchronized (this) {
            end = now.plus(d);
        }
        int ran = 0;
        while (true) {
            synchronized (this) {
                Instant nextDue = tasks.stream().map(t -> t.due).filter(t -> !t.isAfter(end)).min(Comparator.naturalOrder())
                        .orElse(null);
                if (nextDue == null) {
                    now = end;
                    break;
                }
                if (nextDue.isAfter(now)) {
                    now = nextDue;
                }
            }
            ran += runDue();
        }
        return ran + runDue();
    }

    /** How many tasks wait (due or not). */
    public synchronized int pending() {
        return tasks.size();
    }

    /** When the next task is due; null when none waits. */
    public synchronized Instant nextDue() {
        return tasks.stream().map(t -> t.due).min(Comparator.naturalOrder()).orElse(null);
    }

    @Override
    public synchronized void close() {
        closed = true;
        tasks.forEach(t -> t.cancelled = true);
        tasks.clear();
    }

    public synchronized boolean closed() {
        return closed;
    }
}
