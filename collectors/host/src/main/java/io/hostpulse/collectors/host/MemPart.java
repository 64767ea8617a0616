package io.hostpulse.collectors.host;

import io.hostpulse.core.Accumulator;

import java.time.Instant;

/** {@code mem} from /proc/meminfo. */
final class MemPart implements HostPart {
    @Override
    public String name() {
        return "mem";
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception {
        acc.add(MemMapper.mem(cycle.meminfo(), now));
    }
}
