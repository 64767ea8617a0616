package io.hostpulse.collectors.host.mem;

import io.hostpulse.collectors.host.Cycle;
import io.hostpulse.collectors.host.HostPart;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.core.Accumulator;

import java.time.Instant;
import java.util.Map;

/** {@code swap} from /proc/meminfo and the pswpin/pswpout page counters of /proc/vmstat. */
public final class SwapPart implements HostPart {
    private final long pageSize;

    public SwapPart(long pageSize) {
        this.pageSize = pageSize;
    }

    @Override
    public String name() {
        return "swap";
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception {
        ParseProblems problems = new ParseProblems();
        Map<String, Long> vmstat = cycle.source().procIfPresent("vmstat")
                .map(t -> KeyValueParser.vmstat(t, problems)).orElse(Map.of());
        cycle.report("vmstat", problems);
        acc.add(MemMapper.swap(cycle.meminfo(), vmstat, pageSize, now));
    }
}
