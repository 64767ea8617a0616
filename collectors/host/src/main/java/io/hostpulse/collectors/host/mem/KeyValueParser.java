package io.hostpulse.collectors.host.mem;

import io.hostpulse.collectors.host.ParseProblems;

import java.util.LinkedHashMap;
import java.util.Map;

/** Pure parsers of the "key value" files: /proc/meminfo ("Key:  123 kB") and /proc/vmstat ("key 123"). */
public final class KeyValueParser {
    private KeyValueParser() {
    }

    /** /proc/meminfo in bytes: values with a "kB" unit are multiplied by 1024, counts (HugePages_*) kept as is. */
    public static Map<String, Long> meminfo(String text, ParseProblems problems) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add("no 'key:' " + ParseProblems.quote(line));
                continue;
            }
            String[] v = line.substring(colon + 1).trim().split("\\s+");
            try {
                long n = Long.parseLong(v[0]);
                if (v.length > 1) {
                    if (!v[1].equals("kB")) {
                        problems.add("unknown unit " + ParseProblems.quote(line));
                        continue;
                    }
                    n = Math.multiplyExact(n, 1024L);
                }
                out.put(line.substring(0, colon).trim(), n);
            } catch (NumberFormatException | ArithmeticException e) {
                problems.add("not a number " + ParseProblems.quote(line));
            }
        }
        return out;
    }

    /** /proc/vmstat: "name value" per line. */
    static Map<String, Long> vmstat(String text, ParseProblems problems) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) {
                problems.add("expected 'name value' " + ParseProblems.quote(line));
                continue;
            }
            try {
                out.put(f[0], Long.parseLong(f[1]));
            } catch (NumberFormatException e) {
                problems.add("not a number " + ParseProblems.quote(line));
            }
        }
        return out;
    }
}
