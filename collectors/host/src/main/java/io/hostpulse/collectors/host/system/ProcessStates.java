package io.hostpulse.collectors.host.system;

import io.hostpulse.core.Point;

import java.time.Instant;

/**
 * Pure: Telegraf's {@code processes} counts from /proc/[pid]/stat lines (plugins/inputs/processes, procfs path).
 * The state is the first field after the last ')' (the command name may itself contain ')' and spaces), the thread
 * count is field 20 (num_threads). Field names are Telegraf's wire names: note {@code zombies} (its README says
 * "zombie", its code and every existing dashboard use "zombies").
 */
final class ProcessStates {
    long running;
    long sleeping;
    long blocked;
    long zombies;
    long dead;
    long stopped;
    long paging;
    long idle;
    long parked;
    long unknown;
    long total;
    long totalThreads;

    /** Adds one process; false (and nothing counted) when the line is not a stat line. */
    boolean add(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0 || close + 2 > statLine.length()) {
            return false;
        }
        String[] f = statLine.substring(close + 1).trim().split("\\s+");
        // after ')': state(3) ppid(4) ... num_threads(20) -> index 17
        if (f.length < 18 || f[0].isEmpty()) {
            return false;
        }
        long threads;
        try {
            threads = Long.parseLong(f[17]);
        } catch (NumberFormatException e) {
            return false;
        }
        switch (f[0].charAt(0)) {
            case 'R' -> running++;
            case 'S' -> sleeping++;
            case 'D' -> blocked++;
            case 'Z' -> zombies++;
            case 'X', 'x' -> dead++;
            case 'T', 't' -> stopped++;
            case 'W' -> paging++;
            case 'I' -> idle++;
            case 'P' -> parked++;
            default -> unknown++;
        }
        total++;
        totalThreads += threads;
        return true;
    }

    Point toPoint(Instant time) {
        return Point.builder("processes").time(time)
                .field("running", running)
                .field("sleeping", sleeping)
                .field("blocked", blocked)
                .field("zombies", zombies)
                .field("stopped", stopped)
                .field("dead", dead)
                .field("paging", paging)
                .field("idle", idle)
                .field("parked", parked)
                .field("unknown", unknown)
                .field("total", total)
                .field("total_threads", totalThreads)
                .build();
    }
}
