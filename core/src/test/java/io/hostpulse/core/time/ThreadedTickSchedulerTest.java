package io.hostpulse.core.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadedTickSchedulerTest {
    @Test
    void runsOnItsOwnNamedDaemonThreadRepeatsAndAcceptsWorkAfterCloseWithoutThrowing() throws Exception {
        TickScheduler t = TickScheduler.threaded("hp-test-ticks");
        AtomicReference<Thread> ran = new AtomicReference<>();
        CountDownLatch once = new CountDownLatch(1);
        t.schedule(Duration.ofMillis(1), () -> {
            ran.set(Thread.currentThread());
            once.countDown();
        });
        CountDownLatch thrice = new CountDownLatch(3);
        TickScheduler.Tick every = t.every(Duration.ZERO, Duration.ofMillis(1), thrice::countDown);
        assertThat(once.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(thrice.await(10, TimeUnit.SECONDS)).isTrue();
        every.cancel();
        assertThat(ran.get().getName()).isEqualTo("hp-test-ticks");
        assertThat(ran.get().isDaemon()).isTrue();
        t.close();
        // a component being stopped may still schedule: after close that is a no-op, not an exception
        TickScheduler.Tick late = t.execute(() -> { });
        late.cancel();
        assertThat(t.clock()).isNotNull();
    }
}
