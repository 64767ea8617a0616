package io.hostpulse.collectors.host.netstat;

import io.hostpulse.collectors.host.Cycle;
import io.hostpulse.collectors.host.HostFileSource;
import io.hostpulse.collectors.host.HostPart;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Point;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code netstat} (optional): sockets by TCP state and the number of UDP sockets, from the host's {@code net/tcp},
 * {@code tcp6}, {@code udp}, {@code udp6} ({@link HostFileSource#hostNet}), under Telegraf's netstat fields. Every
 * field is written, zeros included, as Telegraf does; a table that does not exist (no IPv6) counts as empty.
 */
public final class NetstatPart implements HostPart {
    @Override
    public String name() {
        return "netstat";
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception {
        Map<String, Long> tcp = new LinkedHashMap<>();
        SocketStates.TCP_FIELDS.values().forEach(f -> tcp.put(f, 0L));
        tcp.put(SocketStates.TCP_NONE, 0L);
        long udp = 0;
        for (String table : new String[] {"tcp", "tcp6", "udp", "udp6"}) {
            Optional<HostFileSource.Read> read = cycle.source().hostNet(table);
            if (read.isEmpty()) {
                continue;
            }
            ParseProblems problems = new ParseProblems();
            if (table.startsWith("tcp")) {
                SocketStates.countTcp(read.get().text(), tcp, problems);
            } else {
                udp += SocketStates.countUdp(read.get().text(), problems);
            }
            cycle.report(read.get().rel(), problems);
        }
        Point.Builder b = Point.builder("netstat").time(now);
        tcp.forEach(b::field);
        acc.add(b.field("udp_socket", udp).build());
    }
}
