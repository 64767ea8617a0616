package io.hostpulse.collectors.host.cpu;

import io.hostpulse.collectors.host.Fixtures;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.collectors.host.cpu.ProcStatParser.CpuTimes;
import io.hostpulse.collectors.host.cpu.ProcStatParser.ProcStat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcStatParserTest {

    @Test
    void recordedStatGivesTotalPerCpuAndKernelCounters() {
        ParseProblems problems = new ParseProblems();
        ProcStat st = ProcStatParser.parse(Fixtures.read("vm-2cpu", "stat"), problems);

        // values as written in the recorded file
        assertThat(st.total()).isEqualTo(new CpuTimes("cpu", 13628, 0, 3358, 109122, 362, 0, 53, 33, 0, 0));
        assertThat(st.perCpu()).extracting(CpuTimes::cpu).containsExactly("cpu0", "cpu1");
        assertThat(st.perCpu().get(1).idle()).isEqualTo(53693);
        assertThat(st.contextSwitches()).isEqualTo(563609L);
        assertThat(st.bootTime()).isEqualTo(1795638550L);
        assertThat(st.processesForked()).isEqualTo(9902L);
        assertThat(st.interrupts()).isEqualTo(253653L);
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void guestColumnsAreRead() {
        ProcStat st = ProcStatParser.parse("cpu  10 20 30 40 50 60 70 80 90 100\n", new ParseProblems());
        assertThat(st.total().guest()).isEqualTo(90);
        assertThat(st.total().guestNice()).isEqualTo(100);
    }

    @Test
    void olderKernelsWithFewerColumnsDefaultTheRestToZero() {
        ProcStat st = ProcStatParser.parse("cpu 1 2 3 4\ncpu0 1 2 3 4\n", new ParseProblems());
        assertThat(st.total()).isEqualTo(new CpuTimes("cpu", 1, 2, 3, 4, 0, 0, 0, 0, 0, 0));
        assertThat(st.perCpu()).hasSize(1);
    }

    @Test
    void emptyInputGivesNothingAndNoProblem() {
        ParseProblems problems = new ParseProblems();
        ProcStat st = ProcStatParser.parse("", problems);
        assertThat(st.total()).isNull();
        assertThat(st.perCpu()).isEmpty();
        assertThat(st.contextSwitches()).isNull();
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void truncatedAndGarbledLinesAreSkippedAndCounted() {
        ParseProblems problems = new ParseProblems();
        ProcStat st = ProcStatParser.parse("cpu  1 2 3 4 5\ncpu0 1 2\ncpu1 1 x 3 4\nctxt\nbtime 12\n", problems);
        assertThat(st.total().idle()).isEqualTo(4);
        assertThat(st.perCpu()).isEmpty();
        assertThat(st.bootTime()).isEqualTo(12L);
        assertThat(problems.count()).isEqualTo(3);
        assertThat(problems.toException("/proc/stat").getMessage())
                .startsWith("/proc/stat: skipped 3 malformed lines (first: cpu line with fewer than 4 counters 'cpu0 1 2')");
    }
}
