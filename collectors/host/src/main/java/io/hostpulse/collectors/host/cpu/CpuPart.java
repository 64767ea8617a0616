package io.hostpulse.collectors.host.cpu;

import io.hostpulse.collectors.host.Cycle;
import io.hostpulse.collectors.host.HostConfig;
import io.hostpulse.collectors.host.HostParseException;
import io.hostpulse.collectors.host.HostPart;
import io.hostpulse.collectors.host.cpu.ProcStatParser.CpuTimes;
import io.hostpulse.collectors.host.cpu.ProcStatParser.ProcStat;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Point;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code cpu}: percentages over the interval since the previous call, from /proc/stat tick deltas. The first call only
 * remembers the ticks and emits nothing, as Telegraf. A CPU that was not there last time (hot-plug) is skipped once.
 */
public final class CpuPart implements HostPart {
    static final String TOTAL = "cpu-total";
    private final HostConfig config;
    private Map<String, CpuTimes> previous;

    public CpuPart(HostConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception {
        ProcStat st = cycle.stat();
        if (st.total() == null && st.perCpu().isEmpty()) {
            throw new HostParseException(cycle.source().paths().proc("stat") + ": no cpu lines");
        }
        Map<String, CpuTimes> current = new LinkedHashMap<>();
        if (st.total() != null) {
            current.put(TOTAL, st.total());
        }
        st.perCpu().forEach(c -> current.put(c.cpu(), c));
        if (previous != null) {
            for (Map.Entry<String, CpuTimes> e : current.entrySet()) {
                boolean total = e.getKey().equals(TOTAL);
                if (total ? !config.totalCpu() : !config.perCpu()) {
                    continue;
                }
                CpuTimes prev = previous.get(e.getKey());
                if (prev == null) {
                    continue;
                }
                Map<String, Object> fields = CpuUsage.fields(prev, e.getValue(), config.reportActive());
                if (fields != null) {
                    Point.Builder b = Point.builder("cpu").time(now).tag("cpu", e.getKey());
                    fields.forEach(b::field);
                    acc.add(b.build());
                }
            }
        }
        previous = current;
    }
}
