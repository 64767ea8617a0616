package io.hostpulse.collectors.host.process;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure and stateful: turns one cycle's raw readings into CPU percent and I/O rates against the previous cycle. A
 * process is the same one when pid and start time match (a reused pid is a new process and gets no rate yet).
 * CPU ticks are USER_HZ (100 on every Linux architecture hostpulse runs on, as gopsutil and Telegraf assume).
 */
public final class ProcessRates {
    public static final int USER_HZ = 100;

    /** One process as read this cycle, before rates. */
    public record Raw(PidStat stat, PidIo io, int uid) {
    }

    /** A raw reading with its rates. */
    public record Rated(Raw raw, Double cpuPercent, Double readRate, Double writeRate) {
    }

    private record Prev(long startTicks, long cpuTicks, PidIo io) {
    }

    private Map<Integer, Prev> previous = new HashMap<>();
    private Instant previousTime;

    public List<Rated> next(Instant now, List<Raw> raws) {
        double seconds = previousTime == null ? 0 : Duration.between(previousTime, now).toNanos() / 1e9;
        Map<Integer, Prev> current = new HashMap<>(raws.size() * 2);
        List<Rated> out = new ArrayList<>(raws.size());
        for (Raw r : raws) {
            PidStat s = r.stat();
            Prev p = previous.get(s.pid());
            Double cpu = null;
            Double read = null;
            Double write = null;
            if (p != null && p.startTicks() == s.startTicks() && seconds > 0) {
                long ticks = s.cpuTicks() - p.cpuTicks();
                cpu = ticks < 0 ? null : ticks * 100.0 / USER_HZ / seconds;
                if (r.io() != null && p.io() != null && r.io().readBytes() >= p.io().readBytes()
                        && r.io().writeBytes() >= p.io().writeBytes()) {
                    read = (r.io().readBytes() - p.io().readBytes()) / seconds;
                    write = (r.io().writeBytes() - p.io().writeBytes()) / seconds;
                }
            }
            current.put(s.pid(), new Prev(s.startTicks(), s.cpuTicks(), r.io()));
            out.add(new Rated(r, cpu, read, write));
        }
        previous = current;
        previousTime = now;
        return out;
    }
}
