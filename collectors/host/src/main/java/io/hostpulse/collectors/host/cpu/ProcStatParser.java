package io.hostpulse.collectors.host.cpu;

import io.hostpulse.collectors.host.ParseProblems;

import java.util.ArrayList;
import java.util.List;

/** Pure parser of /proc/stat: CPU tick counters per line and the kernel counters (ctxt, intr, btime, processes). */
public final class ProcStatParser {
    private ProcStatParser() {
    }

    /** Ticks (USER_HZ) of one "cpu" line; user includes guest and nice includes guest_nice, as the kernel counts. */
    public record CpuTimes(String cpu, long user, long nice, long system, long idle, long iowait, long irq, long softirq,
                    long steal, long guest, long guestNice) {
    }

    /**
     * @param total           the "cpu" line, null when absent
     * @param perCpu          the "cpuN" lines, in file order (online CPUs only)
     * @param contextSwitches ctxt; null when absent (likewise the others)
     * @param interrupts      first number of the intr line (the total)
     * @param bootTime        btime, seconds since the epoch
     * @param processesForked processes
     */
    public record ProcStat(CpuTimes total, List<CpuTimes> perCpu, Long contextSwitches, Long interrupts, Long bootTime,
                    Long processesForked) {
    }

    public static ProcStat parse(String text, ParseProblems problems) {
        CpuTimes total = null;
        List<CpuTimes> perCpu = new ArrayList<>();
        Long ctxt = null;
        Long intr = null;
        Long btime = null;
        Long forked = null;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            String key = f[0];
            try {
                if (key.startsWith("cpu")) {
                    CpuTimes t = cpu(f);
                    if (t == null) {
                        problems.add("cpu line with fewer than 4 counters " + ParseProblems.quote(line));
                    } else if (key.equals("cpu")) {
                        total = t;
                    } else if (key.length() > 3 && key.substring(3).chars().allMatch(Character::isDigit)) {
                        perCpu.add(t);
                    }
                } else if (f.length >= 2) {
                    switch (key) {
                        case "ctxt" -> ctxt = Long.parseLong(f[1]);
                        case "intr" -> intr = Long.parseLong(f[1]);
                        case "btime" -> btime = Long.parseLong(f[1]);
                        case "processes" -> forked = Long.parseLong(f[1]);
                        default -> {
                        }
                    }
                } else if (List.of("ctxt", "intr", "btime", "processes").contains(key)) {
                    problems.add("no value " + ParseProblems.quote(line));
                }
            } catch (NumberFormatException e) {
                problems.add("not a number " + ParseProblems.quote(line));
            }
        }
        return new ProcStat(total, List.copyOf(perCpu), ctxt, intr, btime, forked);
    }

    /** Null when the line has fewer than user, nice, system, idle; later columns (added by newer kernels) default to 0. */
    private static CpuTimes cpu(String[] f) {
        if (f.length < 5) {
            return null;
        }
        long[] v = new long[10];
        for (int i = 0; i < 10 && i + 1 < f.length; i++) {
            v[i] = Long.parseLong(f[i + 1]);
        }
        return new CpuTimes(f[0], v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }
}
