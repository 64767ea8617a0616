package io.hostpulse.agent.schedule;

import io.hostpulse.agent.run.CollectionRunner;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Runs each collector on its own schedule with Quartz: RAM job store, a small thread pool, our own job factory
 * binding jobs to collector instances, no concurrent runs of one collector, and late runs skipped rather than
 * stacked (a 10 s collector that stalled for a minute runs once, not six times). Every collector also runs once
 * at start-up, cron-scheduled ones included.
 */
public final class CollectorScheduler implements AutoCloseable {

    /** One collector to schedule: either every {@code interval} or on {@code cron}. */
    public record Entry(CollectionRunner runner, Duration interval, String cron, Duration jitter, Duration timeout) {
    }

    private final Scheduler scheduler;
    private final List<Entry> entries;

    public CollectorScheduler(List<Entry> entries, int threads) throws SchedulerException {
        this.entries = List.copyOf(entries);
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "hostpulse");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, threads)));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "collect");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        // a trigger later than this counts as misfired and follows its misfire instruction (skip, don't stack)
        p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        scheduler = new StdSchedulerFactory(p).getScheduler();
        Map<String, CollectorJob> jobs = new HashMap<>();
        for (Entry e : this.entries) {
            jobs.put(e.runner().name(), new CollectorJob(e.runner(), e.jitter(), e.timeout()));
        }
        scheduler.setJobFactory((bundle, s) -> {
            CollectorJob job = jobs.get(bundle.getJobDetail().getKey().getName());
            if (job == null) {
                throw new SchedulerException("no collector for job " + bundle.getJobDetail().getKey());
            }
            return job;
        });
    }

    public void start() throws SchedulerException {
        for (Entry e : entries) {
            JobDetail job = JobBuilder.newJob(CollectorJob.class).withIdentity(e.runner().name(), "collectors")
                    .storeDurably().build();
            scheduler.addJob(job, false);
            Trigger main;
            if (e.cron() != null) {
                main = TriggerBuilder.newTrigger().forJob(job).withIdentity(e.runner().name(), "cron")
                        .withSchedule(CronScheduleBuilder.cronSchedule(e.cron()).withMisfireHandlingInstructionDoNothing())
                        .build();
                scheduler.scheduleJob(TriggerBuilder.newTrigger().forJob(job)
                        .withIdentity(e.runner().name(), "startup").startNow().build());
            } else {
                main = TriggerBuilder.newTrigger().forJob(job).withIdentity(e.runner().name(), "interval").startNow()
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                .withIntervalInMilliseconds(e.interval().toMillis()).repeatForever()
                                .withMisfireHandlingInstructionNextWithRemainingCount())
                        .build();
            }
            scheduler.scheduleJob(main);
        }
        scheduler.start();
    }

    /** Stops scheduling and waits for running collections to finish. */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            org.slf4j.LoggerFactory.getLogger(CollectorScheduler.class).warn("scheduler shutdown: {}", e.getMessage());
        }
    }
}
