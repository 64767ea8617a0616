package io.hostpulse.collectors.host.system;

import io.hostpulse.collectors.host.Cycle;
import io.hostpulse.collectors.host.HostParseException;
import io.hostpulse.collectors.host.HostPart;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.core.Accumulator;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code processes}: one read of /proc/[pid]/stat per process, as Telegraf on Linux. A process that ends between the
 * directory listing and the read is skipped silently; unreadable or malformed files are counted and reported once.
 */
public final class ProcessesPart implements HostPart {
    @Override
    public String name() {
        return "processes";
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception {
        ProcessStates states = new ProcessStates();
        int bad = 0;
        String firstBad = null;
        for (String pid : cycle.source().pids()) {
            String problem;
            try {
                Optional<String> stat = cycle.source().pidStat(pid);
                if (stat.isEmpty() || states.add(stat.get())) {
                    continue;
                }
                problem = pid + "/stat: not a stat line " + ParseProblems.quote(stat.get().trim());
            } catch (IOException e) {
                problem = e.getMessage();
            }
            bad++;
            if (firstBad == null) {
                firstBad = problem;
            }
        }
        if (bad > 0) {
            acc.addError("processes", new HostParseException(
                    "skipped " + bad + " process" + (bad == 1 ? "" : "es") + " (first: " + firstBad + ")"));
        }
        acc.add(states.toPoint(now));
    }
}
