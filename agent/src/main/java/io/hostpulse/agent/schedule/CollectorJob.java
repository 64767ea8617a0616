package io.hostpulse.agent.schedule;

import io.hostpulse.agent.run.CollectionRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One collector's runs: never two at once (a run that is due while one is still going is skipped and counted, not
 * queued), and a run longer than the collector's timeout is logged once per streak.
 */
final class CollectorJob {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorJob.class);
    private final CollectionRunner runner;
    private final Duration timeout;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong skipped = new AtomicLong();
    private boolean overdueLogged;

    CollectorJob(CollectionRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    String name() {
        return runner.name();
    }

    /** Claims the next run; false (and counted as skipped) while one is queued or running. */
    boolean claim() {
        if (busy.compareAndSet(false, true)) {
            return true;
        }
        skipped.incrementAndGet();
        return false;
    }

    /** Runs a claimed collection. */
    void run() {
        try {
            long start = System.nanoTime();
            runner.runOnce();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (took.compareTo(timeout) > 0 && !overdueLogged) {
                overdueLogged = true;
                LOG.warn("{}: a collection took {} ms, longer than its timeout of {} s; later runs are skipped while one is running",
                        runner.name(), took.toMillis(), timeout.toSeconds());
            } else if (took.compareTo(timeout) <= 0) {
                overdueLogged = false;
            }
        } finally {
            busy.set(false);
        }
    }

    long skipped() {
        return skipped.get();
    }

    /** True from a successful claim until its run has finished (the runner's own bookkeeping included). */
    boolean busy() {
        return busy.get();
    }
}
