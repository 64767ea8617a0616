package io.hostpulse.collectors.host.process;

import io.hostpulse.core.HostPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The process list against this machine's /proc: processes this test starts are found with their own numbers. */
class ProcessPartRealProcTest {
    final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void findsABusyProcessWithItsCommandLineAndUser() throws Exception {
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done # hostpulse-busy-marker").start();
        started.add(busy);
        ProcessPart part = new ProcessPart(new ProcessConfig(true, false, 5, 1000, 200), HostPaths.defaults(), 4096);
        Instant t0 = Instant.parse("2026-12-01T12:00:00Z");
        Duration before = busy.info().totalCpuDuration().orElse(Duration.ZERO);
        part.collect(t0, new ProcessPartFixtureTest.Acc());
        // the rate is the CPU used between the readings over the readings' own times (1 s apart): wait until the
        // loop has used at least 50 ms of CPU, so the second reading must show more than 5 %
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (busy.info().totalCpuDuration().orElse(Duration.ZERO).minus(before).toMillis() < 60) {
            assertThat(System.nanoTime()).as("the busy loop got 60 ms of CPU within 30 s").isLessThan(until);
            Thread.onSpinWait();
        }
        part.collect(t0.plusSeconds(1), new ProcessPartFixtureTest.Acc());
        ProcessRow r = part.latestRows().stream().filter(x -> x.pid() == busy.pid()).findFirst().orElseThrow();
        assertThat(r.name()).isEqualTo("sh");
        assertThat(r.cmdline()).contains("hostpulse-busy-marker");
        assertThat(r.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(r.cpuPercent()).isGreaterThan(1.0); // a busy loop on a shared, loaded machine still gets some CPU
        assertThat(r.rssBytes()).isGreaterThan(0);
    }
}
