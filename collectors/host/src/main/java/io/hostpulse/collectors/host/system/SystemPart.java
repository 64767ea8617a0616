package io.hostpulse.collectors.host.system;

import io.hostpulse.collectors.host.Cycle;
import io.hostpulse.collectors.host.HostFileSource;
import io.hostpulse.collectors.host.HostPart;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Point;

import java.io.IOException;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code system}: load averages (/proc/loadavg), n_cpus (online CPUs: the cpuN lines of /proc/stat, what gopsutil's
 * logical count gives), uptime (/proc/uptime) and, where the host keeps a utmp file, n_users and n_unique_users.
 */
public final class SystemPart implements HostPart {
    @Override
    public String name() {
        return "system";
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception {
        HostFileSource src = cycle.source();
        SystemParser.Load load = SystemParser.loadavg(src.proc("loadavg"));
        Point.Builder b = Point.builder("system").time(now)
                .field("load1", load.load1())
                .field("load5", load.load5())
                .field("load15", load.load15());
        b.field("uptime", SystemParser.uptime(src.proc("uptime")));
        try {
            int cpus = cycle.stat().perCpu().size();
            if (cpus > 0) {
                b.field("n_cpus", (long) cpus);
            }
        } catch (IOException e) {
            // the cpu and kernel parts report an unreadable /proc/stat; the load is still worth sending
        }
        try {
            Optional<byte[]> utmp = src.rootBytesIfPresent("run/utmp");
            if (utmp.isEmpty()) {
                utmp = src.rootBytesIfPresent("var/run/utmp");
            }
            if (utmp.isPresent()) {
                SystemParser.Users u = SystemParser.utmp(utmp.get(), ByteOrder.nativeOrder());
                b.field("n_users", u.sessions()).field("n_unique_users", u.unique());
            }
        } catch (IOException e) {
            acc.addError("system n_users", e);
        }
        acc.add(b.build());
    }
}
