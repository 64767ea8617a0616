package io.hostpulse.collectors.docker.netmap.socket;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure parser of {@code /proc/net/nf_conntrack}, one connection per line:
 *
 * <pre>
 * ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=80 packets=6 bytes=400
 *          src=10.0.0.2 dst=10.0.0.1 sport=80 dport=40000 packets=4 bytes=300 [ASSURED] mark=0 zone=0 use=2
 * </pre>
 *
 * (one line in the file). Five fixed columns (family, its number, protocol name, its number, seconds left), then the
 * protocol's state where it has one, then the original tuple from the first {@code src=} and the reply tuple from
 * the second. {@code packets=} and {@code bytes=} follow each tuple only with accounting on
 * ({@code net.netfilter.nf_conntrack_acct=1} when the connection began). Flags ({@code [ASSURED]},
 * {@code [UNREPLIED]}) and other fields ({@code mark=}, {@code zone=}, {@code use=}, {@code secctx=}, icmp's
 * {@code type=}/{@code code=}/{@code id=}) are read past. IPv6 addresses come uncompressed ({@code %pI6}) and are made
 * canonical.
 *
 * <p>A line is malformed (counted, skipped) when a fixed column is wrong, a tuple lacks a valid {@code src}/{@code dst}
 * of the line's family, a TCP or UDP tuple lacks a port, a port is past 65535, a count is not a decimal that fits a
 * long, or there are not exactly two tuples. One pass, never throws on content.
 */
public final class ConntrackTable {
    /** Fixed columns, state, 2 × (src dst sport dport packets bytes), flags and extras, with room to spare. */
    private static final int MAX_TOKENS = 40;

    private static final String[] KEYS = {"src", "dst", "sport", "dport", "packets", "bytes"};

    private ConntrackTable() {
    }

    /**
     * @param entries   in file order
     * @param malformed lines skipped because they did not parse
     */
    public record Result(List<ConntrackEntry> entries, int malformed) {
        public Result {
            entries = List.copyOf(entries);
        }

        /** Whether any entry carries counts (accounting was on when it began). */
        public boolean counted() {
            for (ConntrackEntry e : entries) {
                if (e.origBytes() != null) {
                    return true;
                }
            }
            return false;
        }
    }

    public static Result parse(String text) {
        List<ConntrackEntry> out = new ArrayList<>();
        int malformed = 0;
        if (text == null) {
            return new Result(out, 0);
        }
        Tokens t = new Tokens(text, MAX_TOKENS);
        RecentAddresses recent = new RecentAddresses(text);
        for (int at = t.line(0); at >= 0; at = t.line(at)) {
            if (t.count() == 0) {
                continue;
            }
            ConntrackEntry e = entry(t, recent);
            if (e == null) {
                malformed++;
            } else {
                out.add(e);
            }
        }
        return new Result(out, malformed);
    }

    /** One direction's fields while a line is read. */
    private static final class Tuple {
        String src;
        String dst;
        long sport = -1;
        long dport = -1;
        long packets = -1;
        long bytes = -1;
    }

    private static ConntrackEntry entry(Tokens t, RecentAddresses recent) {
        if (t.count() < 7 || t.count() >= MAX_TOKENS) {
            return null; // too short, or more fields than any kernel writes (the rest of the line was cut off)
        }
        boolean v4 = t.is(0, "ipv4");
        if (!v4 && !t.is(0, "ipv6")) {
            return null;
        }
        if (t.decimal(t.start(1), t.end(1)) < 0 || t.decimal(t.start(3), t.end(3)) < 0
            || t.decimal(t.start(4), t.end(4)) < 0 || !word(t, 2)) {
            return null;
        }
        String proto = t.text(2);
        String state = null;
        Tuple[] tuples = {new Tuple(), new Tuple()};
        int tuple = -1;
        for (int i = 5; i < t.count(); i++) {
            int from = t.start(i);
            int to = t.end(i);
            int eq = t.indexOf('=', from, to);
            if (eq < 0) {
                if (t.charAt(from) == '[') {
                    continue; // [ASSURED], [UNREPLIED], [OFFLOAD], ...
                }
                if (i == 5 && word(t, i)) {
                    state = t.text(i);
                    continue;
                }
                return null;
            }
            String key = key(t, from, eq);
            if ("src".equals(key) && ++tuple > 1) {
                return null;
            }
            if (tuple < 0 || key == null) {
                continue; // fields before the first tuple, or not one of ours
            }
            Tuple d = tuples[tuple];
            boolean ok = switch (key) {
                case "src" -> (d.src = address(t, eq + 1, to, v4, recent)) != null;
                case "dst" -> d.dst == null && (d.dst = address(t, eq + 1, to, v4, recent)) != null;
                case "sport" -> (d.sport = port(t, eq + 1, to)) >= 0;
                case "dport" -> (d.dport = port(t, eq + 1, to)) >= 0;
                case "packets" -> (d.packets = t.decimal(eq + 1, to)) >= 0;
                default -> (d.bytes = t.decimal(eq + 1, to)) >= 0;
            };
            if (!ok) {
                return null;
            }
        }
        if (tuple != 1) {
            return null;
        }
        boolean ported = proto.equals("tcp") || proto.equals("udp");
        for (Tuple d : tuples) {
            if (d.src == null || d.dst == null || (ported && (d.sport < 0 || d.dport < 0))) {
                return null;
            }
        }
        Tuple o = tuples[0];
        Tuple r = tuples[1];
        return new ConntrackEntry(v4 ? "ipv4" : "ipv6", proto, state, o.src, o.dst, portOr0(o.sport),
            portOr0(o.dport), r.src, r.dst, portOr0(r.sport), portOr0(r.dport), countOrNull(o.packets),
            countOrNull(o.bytes), countOrNull(r.packets), countOrNull(r.bytes));
    }

    /** The key of a {@code key=value} field when it is one this parser reads, else null (without a substring). */
    private static String key(Tokens t, int from, int eq) {
        for (String k : KEYS) {
            if (eq - from == k.length() && t.is(from, eq, k)) {
                return k;
            }
        }
        return null;
    }

    /** Token {@code i} is a plain word: letters, digits, '_' and '-' (a protocol name or a state). */
    private static boolean word(Tokens t, int i) {
        for (int c = t.start(i); c < t.end(i); c++) {
            char ch = t.charAt(c);
            if (!(Character.isLetterOrDigit(ch) && ch < 128) && ch != '_' && ch != '-') {
                return false;
            }
        }
        return true;
    }

    private static String address(Tokens t, int from, int to, boolean v4, RecentAddresses recent) {
        if (from >= to || (t.indexOf(':', from, to) >= 0) == v4) {
            return null; // empty, or not of the line's family
        }
        String known = recent.find(from, to - from);
        if (known != null) {
            return known;
        }
        String canonical = IpText.canonical(t.substring(from, to));
        if (canonical != null) {
            recent.add(from, to - from, canonical);
        }
        return canonical;
    }

    private static long port(Tokens t, int from, int to) {
        long p = t.decimal(from, to);
        return p > 65535 ? -1 : p;
    }

    private static int portOr0(long p) {
        return p < 0 ? 0 : (int) p;
    }

    private static Long countOrNull(long v) {
        return v < 0 ? null : v;
    }
}
