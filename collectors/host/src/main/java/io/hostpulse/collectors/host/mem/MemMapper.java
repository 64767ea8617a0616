package io.hostpulse.collectors.host.mem;

import io.hostpulse.collectors.host.HostParseException;
import io.hostpulse.core.Point;

import java.time.Instant;
import java.util.Map;

/**
 * Pure: the {@code mem} and {@code swap} points from /proc/meminfo (bytes, see {@link KeyValueParser#meminfo}) and
 * /proc/vmstat, with Telegraf's field names and gopsutil's formulas (which Telegraf's mem and swap plugins use):
 * <ul>
 *   <li>cached = Cached + SReclaimable (gopsutil adds the reclaimable slab to the page cache)</li>
 *   <li>used = MemTotal - MemFree - Buffers - cached; when that is negative (seen with lxcfs) MemTotal - MemFree,
 *       as procps' free does</li>
 *   <li>available = MemAvailable, or MemFree + cached on kernels before 3.14 that lack it</li>
 *   <li>used_percent = 100 * used / total; available_percent = 100 * available / total</li>
 *   <li>swap used = SwapTotal - SwapFree; used_percent = 100 * used / total (0 without swap)</li>
 *   <li>swap in/out = pswpin/pswpout pages * page size (Telegraf assumes 4 KiB pages; we use the real size)</li>
 * </ul>
 * Fields missing from meminfo are reported as 0, as Telegraf does, so the field set stays the same on every host.
 */
final class MemMapper {
    private MemMapper() {
    }

    static Point mem(Map<String, Long> mi, Instant time) {
        long total = get(mi, "MemTotal");
        if (total <= 0) {
            throw new HostParseException("meminfo: no MemTotal");
        }
        long free = get(mi, "MemFree");
        long buffers = get(mi, "Buffers");
        long cached = get(mi, "Cached") + get(mi, "SReclaimable");
        long available = mi.containsKey("MemAvailable") ? mi.get("MemAvailable") : free + cached;
        long used = total - free - buffers - cached;
        if (used < 0) {
            used = total - free;
        }
        return Point.builder("mem").time(time)
                .field("total", total)
                .field("available", available)
                .field("used", used)
                .field("free", free)
                .field("used_percent", 100.0 * used / total)
                .field("available_percent", 100.0 * available / total)
                .field("active", get(mi, "Active"))
                .field("inactive", get(mi, "Inactive"))
                .field("buffered", buffers)
                .field("cached", cached)
                .field("shared", get(mi, "Shmem"))
                .field("slab", get(mi, "Slab"))
                .field("sreclaimable", get(mi, "SReclaimable"))
                .field("sunreclaim", get(mi, "SUnreclaim"))
                .field("dirty", get(mi, "Dirty"))
                .field("write_back", get(mi, "Writeback"))
                .field("write_back_tmp", get(mi, "WritebackTmp"))
                .field("mapped", get(mi, "Mapped"))
                .field("page_tables", get(mi, "PageTables"))
                .field("commit_limit", get(mi, "CommitLimit"))
                .field("committed_as", get(mi, "Committed_AS"))
                .field("swap_cached", get(mi, "SwapCached"))
                .field("swap_total", get(mi, "SwapTotal"))
                .field("swap_free", get(mi, "SwapFree"))
                .field("high_total", get(mi, "HighTotal"))
                .field("high_free", get(mi, "HighFree"))
                .field("low_total", get(mi, "LowTotal"))
                .field("low_free", get(mi, "LowFree"))
                .field("huge_pages_total", get(mi, "HugePages_Total"))
                .field("huge_pages_free", get(mi, "HugePages_Free"))
                .field("huge_page_size", get(mi, "Hugepagesize"))
                .field("vmalloc_total", get(mi, "VmallocTotal"))
                .field("vmalloc_used", get(mi, "VmallocUsed"))
                .field("vmalloc_chunk", get(mi, "VmallocChunk"))
                .build();
    }

    /**
     * @param vmstat   may be empty (then in/out are left out)
     * @param pageSize bytes per page, for pswpin/pswpout
     */
    static Point swap(Map<String, Long> mi, Map<String, Long> vmstat, long pageSize, Instant time) {
        if (!mi.containsKey("SwapTotal")) {
            throw new HostParseException("meminfo: no SwapTotal");
        }
        long total = get(mi, "SwapTotal");
        long free = get(mi, "SwapFree");
        long used = Math.max(0, total - free);
        Point.Builder b = Point.builder("swap").time(time)
                .field("total", total)
                .field("used", used)
                .field("free", free)
                .field("used_percent", total > 0 ? 100.0 * used / total : 0.0);
        if (vmstat.containsKey("pswpin")) {
            b.field("in", vmstat.get("pswpin") * pageSize);
        }
        if (vmstat.containsKey("pswpout")) {
            b.field("out", vmstat.get("pswpout") * pageSize);
        }
        return b.build();
    }

    private static long get(Map<String, Long> mi, String key) {
        Long v = mi.get(key);
        return v == null ? 0L : v;
    }
}
