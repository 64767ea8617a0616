package io.hostpulse.collectors.host.system;

import io.hostpulse.collectors.host.Cycle;
import io.hostpulse.collectors.host.HostParseException;
import io.hostpulse.collectors.host.HostPart;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.collectors.host.cpu.ProcStatParser.ProcStat;
import io.hostpulse.collectors.host.cpu.ProcStatParser;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Point;

import java.time.Instant;

/** {@code kernel}: counters of /proc/stat and the entropy pool size, as Telegraf's kernel plugin. */
public final class KernelPart implements HostPart {
    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception {
        ProcStat st = cycle.stat();
        Point.Builder b = Point.builder("kernel").time(now)
                .field("boot_time", st.bootTime())
                .field("context_switches", st.contextSwitches())
                .field("interrupts", st.interrupts())
                .field("processes_forked", st.processesForked());
        String entropy = cycle.source().procIfPresent("sys/kernel/random/entropy_avail").orElse("").trim();
        if (!entropy.isEmpty()) {
            try {
                b.field("entropy_avail", Long.parseLong(entropy));
            } catch (NumberFormatException e) {
                acc.addError("kernel", new HostParseException("entropy_avail: not a number " + ParseProblems.quote(entropy)));
            }
        }
        if (!b.hasFields()) {
            throw new HostParseException(cycle.source().paths().proc("stat") + ": no ctxt, intr, btime or processes line");
        }
        acc.add(b.build());
    }
}
