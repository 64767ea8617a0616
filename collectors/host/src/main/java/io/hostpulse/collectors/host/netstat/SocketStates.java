package io.hostpulse.collectors.host.netstat;

import io.hostpulse.collectors.host.ParseProblems;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure counter of the socket tables {@code /proc/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6}: one line per
 * socket after a header, the fourth column ({@code st}) the state in hex (include/net/tcp_states.h).
 */
final class SocketStates {
    /** Telegraf's netstat field of each TCP state, in its order; any other state counts as {@code tcp_none}. */
    static final Map<String, String> TCP_FIELDS = new LinkedHashMap<>();

    static {
        String[] names = {"tcp_established", "tcp_syn_sent", "tcp_syn_recv", "tcp_fin_wait1", "tcp_fin_wait2",
            "tcp_time_wait", "tcp_close", "tcp_close_wait", "tcp_last_ack", "tcp_listen", "tcp_closing"};
        for (int i = 0; i < names.length; i++) {
            TCP_FIELDS.put(String.format("%02X", i + 1), names[i]);
        }
    }

    static final String TCP_NONE = "tcp_none";

    private SocketStates() {
    }

    /** Adds one TCP table's sockets to {@code counts} (field name to count). */
    static void countTcp(String text, Map<String, Long> counts, ParseProblems problems) {
        for (String state : states(text, problems)) {
            counts.merge(TCP_FIELDS.getOrDefault(state.toUpperCase(), TCP_NONE), 1L, Long::sum);
        }
    }

    /** The number of sockets in one UDP table. */
    static long countUdp(String text, ParseProblems problems) {
        return states(text, problems).length;
    }

    private static String[] states(String text, ParseProblems problems) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (line.isBlank() || (f.length > 3 && f[3].equals("st"))) {
                continue;
            }
            if (f.length < 4 || !f[0].endsWith(":") || !f[3].matches("[0-9A-Fa-f]{2}")) {
                problems.add("not a socket line " + ParseProblems.quote(line));
                continue;
            }
            out.add(f[3]);
        }
        return out.toArray(new String[0]);
    }
}
