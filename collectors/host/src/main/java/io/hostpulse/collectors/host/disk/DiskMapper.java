package io.hostpulse.collectors.host.disk;

import io.hostpulse.core.Point;

import java.time.Instant;

/**
 * Pure: Telegraf's {@code disk} point. Tags path, device (mount source without "/dev/"), fstype, mode (ro/rw).
 * used_percent = used / (used + free) * 100, as Telegraf and df: space reserved for root counts neither as used nor
 * as free. inodes_used_percent = inodes_used / inodes_total * 100 (newer Telegraf).
 */
final class DiskMapper {
    private DiskMapper() {
    }

    static Point point(DiskSelector.Target t, FsStats s, Instant time) {
        String device = t.mount().source();
        if (device.startsWith("/dev/")) {
            device = device.substring("/dev/".length());
        }
        long usedFree = s.used() + s.free();
        Point.Builder b = Point.builder("disk").time(time)
                .tag("path", t.path())
                .tag("device", device)
                .tag("fstype", t.mount().fsType())
                .tag("mode", t.mount().readOnly() ? "ro" : "rw")
                .field("total", s.total())
                .field("free", s.free())
                .field("used", s.used())
                .field("used_percent", usedFree > 0 ? 100.0 * s.used() / usedFree : 0.0);
        if (s.inodesTotal() != null && s.inodesFree() != null) {
            long used = Math.max(0, s.inodesTotal() - s.inodesFree());
            b.field("inodes_total", s.inodesTotal())
                    .field("inodes_free", s.inodesFree())
                    .field("inodes_used", used)
                    .field("inodes_used_percent", s.inodesTotal() > 0 ? 100.0 * used / s.inodesTotal() : 0.0);
        }
        return b.build();
    }
}
