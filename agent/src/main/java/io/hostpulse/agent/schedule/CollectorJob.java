package io.hostpulse.agent.schedule;

import io.hostpulse.agent.run.CollectionRunner;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** A Quartz job bound to one collector instance by our job factory; never two runs of one collector at once. */
@DisallowConcurrentExecution
final class CollectorJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorJob.class);
    private final CollectionRunner runner;
    private final Duration jitter;
    private final Duration timeout;
    private boolean overdueLogged;

    CollectorJob(CollectionRunner runner, Duration jitter, Duration timeout) {
        this.runner = runner;
        this.jitter = jitter;
        this.timeout = timeout;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            if (!jitter.isZero()) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(jitter.toMillis() + 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
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
    }
}
