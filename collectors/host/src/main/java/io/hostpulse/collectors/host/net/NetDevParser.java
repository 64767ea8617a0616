package io.hostpulse.collectors.host.net;

import io.hostpulse.collectors.host.ParseProblems;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure parser of /proc/net/dev: two header lines, then "iface: 8 receive counters 8 transmit counters". A large
 * counter may touch the colon ("eth0:123"), so the name is cut at the colon, not at white space.
 */
final class NetDevParser {
    private NetDevParser() {
    }

    record NetDev(String name, long bytesRecv, long packetsRecv, long errIn, long dropIn, long bytesSent,
                  long packetsSent, long errOut, long dropOut) {
    }

    static List<NetDev> parse(String text, ParseProblems problems) {
        List<NetDev> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.contains("|")) {
                continue; // header lines
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add("no 'name:' " + ParseProblems.quote(line));
                continue;
            }
            String name = line.substring(0, colon).trim();
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (name.isEmpty() || f.length < 16) {
                problems.add("expected a name and 16 counters " + ParseProblems.quote(line));
                continue;
            }
            try {
                out.add(new NetDev(name, Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3]), Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]),
                        Long.parseLong(f[11])));
            } catch (NumberFormatException e) {
                problems.add("not a number " + ParseProblems.quote(line));
            }
        }
        return out;
    }
}
