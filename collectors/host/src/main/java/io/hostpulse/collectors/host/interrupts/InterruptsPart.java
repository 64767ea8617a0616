package io.hostpulse.collectors.host.interrupts;

import io.hostpulse.collectors.host.Cycle;
import io.hostpulse.collectors.host.HostPart;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Point;

import java.time.Instant;

/**
 * {@code interrupts} (optional): {@code interrupts} from {@code <proc>/interrupts} and {@code soft_interrupts} from
 * {@code <proc>/softirqs}, in Telegraf's shapes. By default (Telegraf's {@code cpu_as_tag = false}) one point per IRQ
 * with tags {@code irq}, {@code type}, {@code device} and fields {@code CPU0} ... and {@code total}; with
 * {@code interrupts_cpu_as_tag: true} one point per IRQ and CPU with tag {@code cpu=cpuN} and field {@code count}.
 */
public final class InterruptsPart implements HostPart {
    private final boolean cpuAsTag;

    public InterruptsPart(boolean cpuAsTag) {
        this.cpuAsTag = cpuAsTag;
    }

    @Override
    public String name() {
        return "interrupts";
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception {
        read(now, cycle, acc, "interrupts", "interrupts");
        read(now, cycle, acc, "softirqs", "soft_interrupts");
    }

    private void read(Instant now, Cycle cycle, Accumulator acc, String file, String measurement) throws Exception {
        ParseProblems problems = new ParseProblems();
        for (InterruptsParser.Irq irq : InterruptsParser.parse(cycle.source().proc(file), problems)) {
            if (cpuAsTag) {
                for (int c = 0; c < irq.cpus().size(); c++) {
                    acc.add(base(measurement, irq, now).tag("cpu", "cpu" + c).field("count", irq.cpus().get(c)).build());
                }
            } else {
                Point.Builder b = base(measurement, irq, now);
                for (int c = 0; c < irq.cpus().size(); c++) {
                    b.field("CPU" + c, irq.cpus().get(c));
                }
                acc.add(b.field("total", irq.total()).build());
            }
        }
        cycle.report(file, problems);
    }

    private static Point.Builder base(String measurement, InterruptsParser.Irq irq, Instant now) {
        return Point.builder(measurement).time(now).tag("irq", irq.id()).tag("type", irq.type())
                .tag("device", irq.device());
    }
}
