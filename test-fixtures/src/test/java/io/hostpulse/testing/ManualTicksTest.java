package io.hostpulse.testing;

import io.hostpulse.core.time.TickScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ManualTicksTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void tasksRunOnlyWhenTimeReachesThemInDueOrderSeeingTheirOwnTime() {
        ManualTicks t = new ManualTicks(T0);
        List<String> ran = new ArrayList<>();
        t.schedule(Duration.ofSeconds(2), () -> ran.add("b@" + t.clock().instant()));
        t.schedule(Duration.ofSeconds(1), () -> ran.add("a@" + t.clock().instant()));
        t.execute(() -> ran.add("now"));
        assertThat(ran).isEmpty();
        assertThat(t.runDue()).isEqualTo(1);
        assertThat(ran).containsExactly("now");
        assertThat(t.advance(Duration.ofMillis(999))).isZero();
        assertThat(t.advance(Duration.ofSeconds(5))).isEqualTo(2);
        assertThat(ran).containsExactly("now", "a@2026-01-01T00:00:01Z", "b@2026-01-01T00:00:02Z");
        assertThat(t.now()).isEqualTo(T0.plusMillis(5999));
        assertThat(t.pending()).isZero();
    }

    @Test
    void periodicTasksComeBackEveryPeriodAndStopWhenCancelled() {
        ManualTicks t = new ManualTicks(T0);
        List<Instant> runs = new ArrayList<>();
        TickScheduler.Tick tick = t.every(Duration.ofSeconds(10), Duration.ofSeconds(10), () -> runs.add(t.clock().instant()));
        t.advance(Duration.ofSeconds(35));
        assertThat(runs).containsExactly(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30));
        assertThat(t.nextDue()).isEqualTo(T0.plusSeconds(40));
        tick.cancel();
        t.advance(Duration.ofMinutes(5));
        assertThat(runs).hasSize(3);
    }

    @Test
    void aTaskMayScheduleMoreAndCloseCancelsEverything() {
        ManualTicks t = new ManualTicks(T0);
        List<String> ran = new ArrayList<>();
        t.execute(() -> {
            ran.add("first");
            t.execute(() -> ran.add("chained"));
            t.schedule(Duration.ofSeconds(1), () -> ran.add("later"));
        });
        t.runDue();
        assertThat(ran).containsExactly("first", "chained");
        t.close();
        t.schedule(Duration.ZERO, () -> ran.add("after close"));
        t.advance(Duration.ofSeconds(2));
        assertThat(ran).containsExactly("first", "chained");
        assertThat(t.closed()).isTrue();
    }
}
