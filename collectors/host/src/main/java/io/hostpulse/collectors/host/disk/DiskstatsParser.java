package io.hostpulse.collectors.host.disk;

import io.hostpulse.collectors.host.ParseProblems;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure parser of /proc/diskstats (Documentation/admin-guide/iostats.rst): "major minor name" then at least 11
 * counters; kernels 4.18+ add discard and 5.5+ flush columns, which are ignored. Sectors are always 512 bytes here,
 * whatever the device's sector size.
 */
final class DiskstatsParser {
    private DiskstatsParser() {
    }

    record DiskStat(int major, int minor, String name, long reads, long mergedReads, long sectorsRead, long readTimeMs,
                    long writes, long mergedWrites, long sectorsWritten, long writeTimeMs, long inProgress,
                    long ioTimeMs, long weightedIoTimeMs) {
    }

    static List<DiskStat> parse(String text, ParseProblems problems) {
        List<DiskStat> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length < 14) {
                problems.add("expected major minor name and 11 counters " + ParseProblems.quote(line));
                continue;
            }
            try {
                long[] v = new long[11];
                for (int i = 0; i < 11; i++) {
                    v[i] = Long.parseLong(f[3 + i]);
                }
                out.add(new DiskStat(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], v[0], v[1], v[2], v[3], v[4],
                        v[5], v[6], v[7], v[8], v[9], v[10]));
            } catch (NumberFormatException e) {
                problems.add("not a number " + ParseProblems.quote(line));
            }
        }
        return out;
    }

    /** The value of ID_SERIAL in a udev database entry (/run/udev/data/b MAJOR:MINOR), as gopsutil reads it; else null. */
    static String udevSerial(String udevData) {
        for (String line : udevData.split("\n")) {
            if (line.startsWith("E:ID_SERIAL=")) {
                String s = line.substring("E:ID_SERIAL=".length()).trim();
                return s.isEmpty() ? null : s;
            }
        }
        return null;
    }
}
