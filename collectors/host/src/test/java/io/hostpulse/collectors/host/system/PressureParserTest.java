package io.hostpulse.collectors.host.system;

import io.hostpulse.collectors.host.Fixtures;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.collectors.host.system.PressureParser.PsiLine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PressureParserTest {

    @Test
    void recordedCpuAndIo() {
        ParseProblems problems = new ParseProblems();
        assertThat(PressureParser.parse(Fixtures.read("vm-2cpu", "pressure/cpu"), problems)).containsExactly(
                new PsiLine("some", 4.31, 7.80, 4.67, 29879055L),
                new PsiLine("full", 0.0, 0.0, 0.0, 0L));
        assertThat(PressureParser.parse(Fixtures.read("vm-2cpu", "pressure/io"), problems).get(1))
                .isEqualTo(new PsiLine("full", 0.0, 0.08, 0.15, 2822351L));
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void olderKernelsWithoutFullLine() {
        assertThat(PressureParser.parse("some avg10=1.50 avg60=0.50 avg300=0.10 total=42\n", new ParseProblems()))
                .containsExactly(new PsiLine("some", 1.5, 0.5, 0.1, 42L));
    }

    @Test
    void emptyTruncatedAndGarbledInput() {
        ParseProblems problems = new ParseProblems();
        assertThat(PressureParser.parse("", problems)).isEmpty();
        assertThat(problems.isEmpty()).isTrue();
        assertThat(PressureParser.parse("some avg10=1.0 avg60=2.0\nfull avg10=x avg60=1 avg300=1 total=1\n"
                + "other avg10=1 avg60=1 avg300=1 total=1\n", problems)).isEmpty();
        assertThat(problems.count()).isEqualTo(3);
    }
}
