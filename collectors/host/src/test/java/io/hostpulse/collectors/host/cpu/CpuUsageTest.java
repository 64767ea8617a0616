package io.hostpulse.collectors.host.cpu;

import io.hostpulse.collectors.host.Fixtures;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.collectors.host.cpu.ProcStatParser.CpuTimes;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuUsageTest {

    private static CpuTimes t(long user, long nice, long system, long idle, long iowait, long irq, long softirq,
                              long steal, long guest, long guestNice) {
        return new CpuTimes("cpu", user, nice, system, idle, iowait, irq, softirq, steal, guest, guestNice);
    }

    @Test
    void guestIsTakenOutOfUserAndPercentagesAddUpTo100() {
        // 100 ticks pass: user +30 of which guest +10, nice +5 of which guest_nice +5, system 10, idle 40,
        // iowait 5, irq 2, softirq 3, steal 5 -> total 20+0+10+40+5+2+3+5+10+5 = 100
        CpuTimes prev = t(1000, 100, 500, 9000, 50, 10, 20, 0, 200, 50);
        CpuTimes cur = t(1030, 105, 510, 9040, 55, 12, 23, 5, 210, 55);
        Map<String, Object> f = CpuUsage.fields(prev, cur, true);

        assertThat((double) f.get("usage_user")).isCloseTo(20.0, within(1e-9));
        assertThat((double) f.get("usage_guest")).isCloseTo(10.0, within(1e-9));
        assertThat((double) f.get("usage_nice")).isCloseTo(0.0, within(1e-9));
        assertThat((double) f.get("usage_guest_nice")).isCloseTo(5.0, within(1e-9));
        assertThat((double) f.get("usage_system")).isCloseTo(10.0, within(1e-9));
        assertThat((double) f.get("usage_idle")).isCloseTo(40.0, within(1e-9));
        assertThat((double) f.get("usage_iowait")).isCloseTo(5.0, within(1e-9));
        assertThat((double) f.get("usage_irq")).isCloseTo(2.0, within(1e-9));
        assertThat((double) f.get("usage_softirq")).isCloseTo(3.0, within(1e-9));
        assertThat((double) f.get("usage_steal")).isCloseTo(5.0, within(1e-9));
        assertThat((double) f.get("usage_active")).isCloseTo(60.0, within(1e-9));
    }

    @Test
    void recordedSnapshotsTwoSecondsApart() {
        CpuTimes t0 = ProcStatParser.parse(Fixtures.read("vm-2cpu", "stat"), new ParseProblems()).total();
        CpuTimes t1 = ProcStatParser.parse(Fixtures.read("vm-2cpu-t1", "stat"), new ParseProblems()).total();
        Map<String, Object> f = CpuUsage.fields(t0, t1, true);
        // from the two files: user 14117-13628=489, system 3405-3358=47, idle 109991-109122=869, iowait 363-362=1
        double total = 489 + 47 + 869 + 1;
        assertThat((double) f.get("usage_user")).isCloseTo(100 * 489 / total, within(1e-9));
        assertThat((double) f.get("usage_idle")).isCloseTo(100 * 869 / total, within(1e-9));
        assertThat((double) f.get("usage_active")).isCloseTo(100 * (total - 869) / total, within(1e-9));
    }

    @Test
    void noTicksMeansNoPoint() {
        CpuTimes same = t(1, 2, 3, 4, 5, 6, 7, 8, 0, 0);
        assertThat(CpuUsage.fields(same, same, true)).isNull();
    }

    @Test
    void counterGoingBackwardsCountsAsZeroNotNegative() {
        CpuTimes prev = t(100, 0, 100, 100, 50, 0, 0, 0, 0, 0);
        CpuTimes cur = t(150, 0, 100, 150, 40, 0, 0, 0, 0, 0); // iowait went back by 10
        Map<String, Object> f = CpuUsage.fields(prev, cur, false);
        assertThat((double) f.get("usage_iowait")).isEqualTo(0.0);
        assertThat((double) f.get("usage_user")).isCloseTo(50.0, within(1e-9));
        assertThat(f).doesNotContainKey("usage_active");
    }
}
