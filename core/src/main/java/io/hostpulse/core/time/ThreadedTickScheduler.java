package io.hostpulse.core.time;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link TickScheduler} on one daemon thread of a {@link ScheduledThreadPoolExecutor}. */
final class ThreadedTickScheduler implements TickScheduler {
    private static final Tick NONE = () -> { };
    private final ScheduledThreadPoolExecutor exec;
    private final Clock clock;

    ThreadedTickScheduler(String threadName, Clock clock) {
        this.clock = clock;
        this.exec = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        exec.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Tick schedule(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> f = exec.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return NONE; // closed
        }
    }

    @Override
    public Tick every(Duration initialDelay, Duration period, Runnable task) {
        try {
            ScheduledFuture<?> f = exec.scheduleWithFixedDelay(task, Math.max(0, initialDelay.toNanos()), period.toNanos(),
                    TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return NONE;
        }
    }

    @Override
    public void close() {
        exec.shutdownNow();
        try {
            exec.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
