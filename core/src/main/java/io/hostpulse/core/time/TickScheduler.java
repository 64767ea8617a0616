package io.hostpulse.core.time;

import java.time.Clock;
import java.time.Duration;

/**
 * Where code that runs on timers (heartbeats, retries after a back-off) gets its time and its timer, so that a test
 * drives it with a manual implementation that runs due tasks when the test advances the clock, instead of sleeping
 * and hoping. {@link #threaded} is the real one: one daemon thread, tasks in due order. After {@link #close()}
 * nothing new is scheduled (and nothing throws): a component being stopped needs no special case.
 */
public interface TickScheduler extends AutoCloseable {

    /** A scheduled task; cancelling one that ran or was cancelled does nothing. */
    interface Tick {
        void cancel();
    }

    /** The time this scheduler runs on. */
    Clock clock();

    /** Runs the task once after the delay (zero: as soon as the scheduler is free). */
    Tick schedule(Duration delay, Runnable task);

    /** Runs the task every period, the first time after initialDelay; the next run comes a period after one ends (no catching up). */
    Tick every(Duration initialDelay, Duration period, Runnable task);

    default Tick execute(Runnable task) {
        return schedule(Duration.ZERO, task);
    }

    /** Cancels what is scheduled and waits briefly for a running task. */
    @Override
    void close();

    /** The real scheduler: one daemon thread of that name, the system clock. */
    static TickScheduler threaded(String threadName) {
        return new ThreadedTickScheduler(threadName, Clock.systemUTC());
    }
}
