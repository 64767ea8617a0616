package io.hostpulse.collectors.host.interrupts;

import io.hostpulse.collectors.host.Fixtures;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.collectors.host.interrupts.InterruptsParser.Irq;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InterruptsParserTest {

    @Test
    void numberedIrqsHaveTypeAndDeviceNamedOnesAType() {
        String text = "           CPU0       CPU1\n"
                + "  0:         23          0   IO-APIC   2-edge      timer\n"
                + "NMI:          0          0   Non-maskable interrupts\n"
                + "ERR:          3\n";
        ParseProblems problems = new ParseProblems();
        assertThat(InterruptsParser.parse(text, problems)).containsExactly(
                new Irq("0", "IO-APIC", "2-edge timer", List.of(23L, 0L)),
                new Irq("NMI", "Non-maskable interrupts", "", List.of(0L, 0L)),
                new Irq("ERR", "", "", List.of(3L)));
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void softirqsHaveOnlyCounts() {
        List<Irq> irqs = InterruptsParser.parse("          CPU0  CPU1\n   TIMER:  5  7\n  NET_RX:  1  2\n", new ParseProblems());
        assertThat(irqs).containsExactly(new Irq("TIMER", "", "", List.of(5L, 7L)), new Irq("NET_RX", "", "", List.of(1L, 2L)));
        assertThat(irqs.get(0).total()).isEqualTo(12);
    }

    @Test
    void badHeaderAndLinesWithoutCountsAreNoted() {
        ParseProblems problems = new ParseProblems();
        assertThat(InterruptsParser.parse("garbage\n 1: 2\n", problems)).isEmpty();
        assertThat(InterruptsParser.parse("CPU0\n 1: x y\n 2: 4 edge\n", problems))
                .containsExactly(new Irq("2", "edge", "", List.of(4L)));
        assertThat(problems.count()).isEqualTo(2);
    }

    @Test
    void recordedFiles() {
        // read off the recorded files: " 24: 1 0 IO-APIC 5-edge ACPI:Ged", "TLB: 25565 22543 TLB shootdowns",
        // " 28: 0 0 PCI-MSIX-0000:00:01.0 0-edge virtio0-config"; softirqs "TIMER: 64102 78677"
        ParseProblems problems = new ParseProblems();
        List<Irq> hard = InterruptsParser.parse(Fixtures.read("vm-2cpu-net", "interrupts"), problems);
        assertThat(hard).hasSize(35)
                .contains(new Irq("24", "IO-APIC", "5-edge ACPI:Ged", List.of(1L, 0L)),
                        new Irq("28", "PCI-MSIX-0000:00:01.0", "0-edge virtio0-config", List.of(0L, 0L)),
                        new Irq("TLB", "TLB shootdowns", "", List.of(25565L, 22543L)),
                        new Irq("MIS", "", "", List.of(0L)));
        List<Irq> soft = InterruptsParser.parse(Fixtures.read("vm-2cpu-net", "softirqs"), problems);
        assertThat(soft).hasSize(10);
        assertThat(soft.stream().filter(i -> i.id().equals("TIMER")).findFirst().orElseThrow().total())
                .isEqualTo(64102 + 78677);
        assertThat(problems.isEmpty()).isTrue();
    }
}
