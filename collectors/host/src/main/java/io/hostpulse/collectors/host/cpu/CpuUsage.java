package io.hostpulse.collectors.host.cpu;

import io.hostpulse.collectors.host.cpu.ProcStatParser.CpuTimes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pure: Telegraf's cpu percentages from two samples of one CPU's ticks. As Telegraf (plugins/inputs/cpu), guest time
 * is taken out of user and guest_nice out of nice, and the total is user+system+nice+iowait+irq+softirq+steal+idle
 * (guest already inside user), so the usage_* fields other than usage_active add up to 100. usage_active is
 * 100 - usage_idle (iowait counts as active, as in Telegraf).
 *
 * <p>One deliberate difference: a counter that went backwards (iowait does on some kernels) counts as 0 for that
 * interval instead of giving a negative percentage.
 */
final class CpuUsage {
    private CpuUsage() {
    }

    /** Fields of the {@code cpu} point, or null when no tick passed between the samples (nothing to divide by). */
    static Map<String, Object> fields(CpuTimes prev, CpuTimes cur, boolean reportActive) {
        long guest = pos(cur.guest() - prev.guest());
        long guestNice = pos(cur.guestNice() - prev.guestNice());
        long user = pos(cur.user() - prev.user() - guest);
        long nice = pos(cur.nice() - prev.nice() - guestNice);
        long system = pos(cur.system() - prev.system());
        long idle = pos(cur.idle() - prev.idle());
        long iowait = pos(cur.iowait() - prev.iowait());
        long irq = pos(cur.irq() - prev.irq());
        long softirq = pos(cur.softirq() - prev.softirq());
        long steal = pos(cur.steal() - prev.steal());
        double total = user + nice + system + idle + iowait + irq + softirq + steal + guest + guestNice;
        if (total <= 0) {
            return null;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("usage_user", 100.0 * user / total);
        f.put("usage_system", 100.0 * system / total);
        f.put("usage_idle", 100.0 * idle / total);
        f.put("usage_nice", 100.0 * nice / total);
        f.put("usage_iowait", 100.0 * iowait / total);
        f.put("usage_irq", 100.0 * irq / total);
        f.put("usage_softirq", 100.0 * softirq / total);
        f.put("usage_steal", 100.0 * steal / total);
        f.put("usage_guest", 100.0 * guest / total);
        f.put("usage_guest_nice", 100.0 * guestNice / total);
        if (reportActive) {
            f.put("usage_active", 100.0 * (total - idle) / total);
        }
        return f;
    }

    private static long pos(long v) {
        return Math.max(0, v);
    }
}
