package io.hostpulse.collectors.host.nstat;

import io.hostpulse.collectors.host.ParseProblems;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure parser of the kernel's SNMP counter files. {@code /proc/net/snmp} and {@code /proc/net/netstat} hold pairs
 * of lines, a header {@code Tcp: RtoAlgorithm RtoMin ...} and its values {@code Tcp: 1 200 ...};
 * {@code /proc/net/snmp6} holds one {@code Ip6InReceives 123} per line. Values are whole numbers (some negative:
 * {@code Tcp MaxConn -1}).
 */
public final class SnmpTables {
    /** One counter: its group ({@code Tcp}, {@code IpExt}; empty for snmp6) and name ({@code RtoMin}). */
    public record Counter(String group, String name, long value) {
    }

    private SnmpTables() {
    }

    /** Header and value line pairs (snmp, netstat). A pair whose groups or lengths differ is skipped and noted. */
    public static List<Counter> parsePaired(String text, ParseProblems problems) {
        List<Counter> out = new ArrayList<>();
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            String[] head = lines.get(i).trim().split("\\s+");
            String[] vals = lines.get(i + 1).trim().split("\\s+");
            if (!head[0].endsWith(":") || !head[0].equals(vals[0]) || head.length != vals.length) {
                problems.add("header and values do not match " + ParseProblems.quote(lines.get(i)));
                continue;
            }
            String group = head[0].substring(0, head[0].length() - 1);
            for (int j = 1; j < head.length; j++) {
                try {
                    out.add(new Counter(group, head[j], Long.parseLong(vals[j])));
                } catch (NumberFormatException e) {
                    problems.add(group + " " + head[j] + " is not a whole number " + ParseProblems.quote(vals[j]));
                }
            }
        }
        if (lines.size() % 2 == 1) {
            problems.add("header without values " + ParseProblems.quote(lines.get(lines.size() - 1)));
        }
        return out;
    }

    /** One {@code name value} per line (snmp6). */
    public static List<Counter> parseSingle(String text, ParseProblems problems) {
        List<Counter> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            try {
                if (f.length != 2) {
                    throw new NumberFormatException();
                }
                out.add(new Counter("", f[0], Long.parseLong(f[1])));
            } catch (NumberFormatException e) {
                problems.add("not a name and a whole number " + ParseProblems.quote(line));
            }
        }
        return out;
    }
}
