package io.hostpulse.collectors.host.conntrack;

import io.hostpulse.collectors.host.Cycle;
import io.hostpulse.collectors.host.HostParseException;
import io.hostpulse.collectors.host.HostPart;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Point;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code conntrack} (optional): the netfilter connection-tracking table's size and limit, as Telegraf's conntrack
 * plugin with its default files: {@code <proc>/sys/net/netfilter/nf_conntrack_count} and {@code _max} (older kernels:
 * {@code sys/net/ipv4/netfilter/ip_conntrack_*}), written as {@code ip_conntrack_count} and {@code ip_conntrack_max}
 * (floats, as Telegraf writes them). A host without the nf_conntrack module has neither file: that is reported once
 * per cycle as this part's error, not as a crash.
 */
public final class ConntrackPart implements HostPart {
    static final String[] DIRS = {"sys/net/netfilter/nf_", "sys/net/ipv4/netfilter/ip_"};
    static final String[] FILES = {"conntrack_count", "conntrack_max"};

    @Override
    public String name() {
        return "conntrack";
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception {
        Point.Builder b = Point.builder("conntrack").time(now);
        for (String file : FILES) {
            for (String dir : DIRS) {
                Optional<String> text = cycle.source().procIfPresent(dir + file);
                if (text.isPresent()) {
                    b.field("ip_" + file, value(dir + file, text.get()));
                    break;
                }
            }
        }
        if (!b.hasFields()) {
            throw new HostParseException("no conntrack counters under " + cycle.source().paths().proc("sys/net")
                    + " (is the nf_conntrack module loaded?)");
        }
        acc.add(b.build());
    }

    /** The one number of a sysctl file. */
    static double value(String file, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new HostParseException(file + ": not a number " + ParseProblems.quote(text));
        }
    }
}
