package io.hostpulse.collectors.host.net;

import io.hostpulse.collectors.host.Cycle;
import io.hostpulse.collectors.host.HostConfig;
import io.hostpulse.collectors.host.HostFileSource;
import io.hostpulse.collectors.host.HostPart;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.collectors.host.nstat.SnmpTables;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Point;
import io.hostpulse.core.text.Glob;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code net} from {@code <proc>/1/net/dev}: the network namespace of the host's init when proc is the host's, so an
 * agent in a container without host networking still reports the host's interfaces ({@code <proc>/net/dev} is the
 * reader's own namespace, the fallback). Without {@code interfaces}, every interface but loopback ({@code lo}).
 * With {@code net_protocol_stats: true}, also the protocol counters under {@code interface=all}.
 */
public final class NetPart implements HostPart {
    private final Predicate<String> wanted;
    private final boolean protocolStats;

    public NetPart(HostConfig config) {
        this.wanted = config.interfaces().isEmpty() ? n -> !n.equals("lo") : Glob.anyOf(config.interfaces());
        this.protocolStats = config.netProtocolStats();
    }

    @Override
    public String name() {
        return "net";
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception {
        HostFileSource.Read read = cycle.source().procFirst("1/net/dev", "net/dev");
        ParseProblems problems = new ParseProblems();
        for (NetDevParser.NetDev d : NetDevParser.parse(read.text(), problems)) {
            if (!wanted.test(d.name())) {
                continue;
            }
            acc.add(Point.builder("net").time(now).tag("interface", d.name())
                    .field("bytes_sent", d.bytesSent())
                    .field("bytes_recv", d.bytesRecv())
                    .field("packets_sent", d.packetsSent())
                    .field("packets_recv", d.packetsRecv())
                    .field("err_in", d.errIn())
                    .field("err_out", d.errOut())
                    .field("drop_in", d.dropIn())
                    .field("drop_out", d.dropOut())
                    .build());
        }
        cycle.report(read.rel(), problems);
        if (protocolStats) {
            protocolCounters(now, cycle, acc);
        }
    }

    /**
     * {@code net,interface=all}: every counter of the host's {@code net/snmp} as {@code <group>_<name>} in lower case
     * ({@code tcp_activeopens}, {@code icmpmsg_intype3}), as Telegraf's net plugin wrote by default up to 1.36.
     */
    private static void protocolCounters(Instant now, Cycle cycle, Accumulator acc) throws IOException {
        Optional<HostFileSource.Read> snmp = cycle.source().hostNet("snmp");
        if (snmp.isEmpty()) {
            throw new IOException("cannot read " + cycle.source().paths().proc("net/snmp") + ": no such file");
        }
        ParseProblems problems = new ParseProblems();
        Point.Builder b = Point.builder("net").time(now).tag("interface", "all");
        for (SnmpTables.Counter c : SnmpTables.parsePaired(snmp.get().text(), problems)) {
            b.field(c.group().toLowerCase(Locale.ROOT) + "_" + c.name().toLowerCase(Locale.ROOT), c.value());
        }
        cycle.report(snmp.get().rel(), problems);
        if (b.hasFields()) {
            acc.add(b.build());
        }
    }
}
