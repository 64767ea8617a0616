package io.hostpulse.collectors.host.mem;

import io.hostpulse.collectors.host.Cycle;
import io.hostpulse.collectors.host.HostPart;
import io.hostpulse.core.Accumulator;

import java.time.Instant;

/** {@code mem} from /proc/meminfo. */
public final class MemPart implements HostPart {
    @Override
    public String name() {
        return "mem";
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception {
        acc.add(MemMapper.mem(cycle.meminfo(), now));
    }
}
