package io.hostpulse.collectors.host.nstat;

import io.hostpulse.collectors.host.Cycle;
import io.hostpulse.collectors.host.HostFileSource;
import io.hostpulse.collectors.host.HostPart;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Point;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code nstat} (optional): the kernel's SNMP counters of the host's network namespace ({@link HostFileSource#hostNet})
 * as Telegraf's nstat plugin writes them, one point per file
 * with tag {@code name} = {@code netstat}, {@code snmp} or {@code snmp6} and a field per counter named group + name
 * ({@code TcpExtListenDrops}, {@code IpForwarding}, {@code Ip6InReceives}). {@code snmp6} is optional (no IPv6).
 * With {@code nstat_dump_zeros: false} counters at zero are left out (Telegraf's {@code dump_zeros}).
 */
public final class NstatPart implements HostPart {
    private final boolean dumpZeros;

    public NstatPart(boolean dumpZeros) {
        this.dumpZeros = dumpZeros;
    }

    @Override
    public String name() {
        return "nstat";
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception {
        for (String file : new String[] {"netstat", "snmp", "snmp6"}) {
            Optional<HostFileSource.Read> read = cycle.source().hostNet(file);
            if (read.isEmpty()) {
                if (!file.equals("snmp6")) {
                    throw new IOException("cannot read " + cycle.source().paths().proc("net/" + file) + ": no such file");
                }
                continue;
            }
            ParseProblems problems = new ParseProblems();
            add(now, file, file.equals("snmp6") ? SnmpTables.parseSingle(read.get().text(), problems)
                    : SnmpTables.parsePaired(read.get().text(), problems), acc);
            cycle.report(read.get().rel(), problems);
        }
    }

    private void add(Instant now, String file, List<SnmpTables.Counter> counters, Accumulator acc) {
        Point.Builder b = Point.builder("nstat").time(now).tag("name", file);
        for (SnmpTables.Counter c : counters) {
            if (dumpZeros || c.value() != 0) {
                b.field(c.group() + c.name(), c.value());
            }
        }
        if (b.hasFields()) {
            acc.add(b.build());
        }
    }
}
