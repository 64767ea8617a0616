package io.hostpulse.collectors.docker.netmap;

import io.hostpulse.collectors.docker.netmap.socket.ConntrackEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * nf_conntrack's byte counts matched to connections, and their rate between two readings. A conntrack entry is
 * matched by its original tuple or by its reply tuple turned round (which is what a container sees behind DNAT
 * of a published port). The rate of an edge is the sum of its connections' growth since the previous reading; a
 * connection that was not there at the previous reading counts with all its bytes (it started since), except at
 * the first reading, which gives no rate. Keeps only the previous reading's counts.
 */
public final class FlowBytes {
    private Map<String, Long> previous;
    private Instant previousTime;

    /** Bytes and rate of one edge in this reading. */
    public record Counted(long bytes, Double bytesPerSecond) {
    }

    /**
     * @param table conntrack entries with counts (accounting on); null or empty: no counts, and the previous
     *              reading is forgotten
     * @return edge key ({@link EdgeStore#key}) -&gt; its counts; edges with no matched connection are absent
     */
    public Map<String, Counted> count(List<Connections.Connection> connections, List<ConntrackEntry> table, Instant now) {
        Map<String, Counted> out = new HashMap<>();
        if (table == null || table.isEmpty()) {
            previous = null;
            previousTime = null;
            return out;
        }
        Map<String, Long> bytes = new HashMap<>(table.size() * 2);
        for (ConntrackEntry e : table) {
            Long b = e.bytes();
            if (b == null) {
                continue;
            }
            bytes.put(e.proto() + "|" + e.src() + "|" + e.sport() + "|" + e.dst() + "|" + e.dport(), b);
            bytes.putIfAbsent(e.proto() + "|" + e.replyDst() + "|" + e.replyDport() + "|" + e.replySrc() + "|" + e.replySport(), b);
        }
        if (bytes.isEmpty()) { // accounting off: entries without counts
            previous = null;
            previousTime = null;
            return out;
        }
        double seconds = previousTime == null ? 0 : Duration.between(previousTime, now).toMillis() / 1000.0;
        Map<String, Long> seen = new HashMap<>();
        Map<String, long[]> sums = new HashMap<>(); // edge -> bytes, growth
        for (Connections.Connection c : connections) {
            Long b = bytes.get(c.key());
            if (b == null) {
                continue;
            }
            seen.put(c.key(), b);
            long growth = 0;
            if (previous != null) {
                Long before = previous.get(c.key());
                growth = before == null ? b : Math.max(0, b - before);
            }
            long[] s = sums.computeIfAbsent(EdgeStore.key(c.client(), c.server(), c.port(), c.proto(), c.network()), k -> new long[2]);
            s[0] += b;
            s[1] += growth;
        }
        boolean rate = previous != null && seconds > 0;
        sums.forEach((k, s) -> out.put(k, new Counted(s[0], rate ? s[1] / seconds : null)));
        previous = seen;
        previousTime = now;
        return out;
    }
}
