package io.hostpulse.collectors.host.disk;

import io.hostpulse.core.Point;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DiskMapperTest {
    private static final Instant T = Instant.parse("2026-11-25T20:00:00Z");

    @Test
    void usedPercentLeavesReservedBlocksOutLikeDf() {
        // 1000 total, 600 used, 300 free to users, 100 reserved for root
        MountinfoParser.Mount m = new MountinfoParser.Mount("8:1", "/", "/srv", true, "ext4", "/dev/sda1");
        Point p = DiskMapper.point(new DiskSelector.Target(m, "/srv", "/srv"), new FsStats(1000, 300, 600, 64L, 16L), T);
        assertThat(p.tags()).containsEntry("path", "/srv").containsEntry("device", "sda1")
                .containsEntry("fstype", "ext4").containsEntry("mode", "ro");
        assertThat((double) p.field("used_percent")).isCloseTo(100.0 * 600 / 900, within(1e-9));
        assertThat(p.field("inodes_used")).isEqualTo(48L);
        assertThat((double) p.field("inodes_used_percent")).isCloseTo(75.0, within(1e-9));
        assertThat(p.time()).isEqualTo(T);
    }

    @Test
    void withoutInodeCountsNoInodeFieldsAndEmptyFsIsZeroPercent() {
        MountinfoParser.Mount m = new MountinfoParser.Mount("0:60", "/", "/mnt/nas", false, "nfs4", "nas:/export");
        Point p = DiskMapper.point(new DiskSelector.Target(m, "/mnt/nas", "/mnt/nas"), new FsStats(0, 0, 0, null, null), T);
        assertThat(p.tags()).containsEntry("device", "nas:/export").containsEntry("mode", "rw");
        assertThat(p.field("used_percent")).isEqualTo(0.0);
        assertThat(p.fields()).doesNotContainKeys("inodes_total", "inodes_used", "inodes_free");
    }
}
