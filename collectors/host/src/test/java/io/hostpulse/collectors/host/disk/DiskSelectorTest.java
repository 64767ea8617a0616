package io.hostpulse.collectors.host.disk;

import io.hostpulse.collectors.host.HostConfig;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.collectors.host.disk.DiskSelector.Target;
import io.hostpulse.collectors.host.disk.MountinfoParser.Mount;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiskSelectorTest {
    /** A Docker host's table, written after a real one (ids and devices changed). */
    private static final String HOST = """
            22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw
            23 22 259:1 / /boot/efi rw,relatime shared:2 - vfat /dev/nvme0n1p1 rw
            24 22 0:22 / /proc rw - proc proc rw
            25 22 0:5 / /dev rw - devtmpfs udev rw
            26 22 8:1 / /srv/data rw,noatime shared:3 - xfs /dev/sda1 rw
            27 22 8:1 /backups /mnt/backups ro,noatime shared:4 - xfs /dev/sda1 rw
            28 22 0:50 / /var/lib/docker/overlay2/abc/merged rw - overlay overlay rw
            29 22 259:2 /var/lib/docker/volumes/v/_data /mnt/vol rw - ext4 /dev/nvme0n1p2 rw
            30 22 0:60 / /mnt/nas rw - nfs4 nas:/export rw
            31 22 8:1 / /srv/data rw,noatime - xfs /dev/sda1 rw
            """;

    /** The agent container's own table with the host's / bind-mounted at /hostfs. */
    private static final String CONTAINER = """
            500 400 0:90 / / rw - overlay overlay rw
            501 500 259:2 / /hostfs ro,rslave - ext4 /dev/nvme0n1p2 rw
            502 501 259:1 / /hostfs/boot/efi ro - vfat /dev/nvme0n1p1 rw
            503 500 0:91 / /proc rw - proc proc rw
            504 500 259:2 /var/lib/docker/containers/x/hosts /etc/hosts rw - ext4 /dev/nvme0n1p2 rw
            """;

    private static List<Mount> mounts(String text) {
        return MountinfoParser.parse(text, new ParseProblems());
    }

    private static List<String> paths(List<Target> l) {
        return l.stream().map(Target::path).toList();
    }

    @Test
    void directViewDropsPseudoFsAndBindMountsOfAFileSystemAlreadyListed() {
        List<Target> l = DiskSelector.select(mounts(HOST), "/", HostConfig.DEFAULT_IGNORE_FS, List.of(), true);
        assertThat(paths(l)).containsExactly("/", "/boot/efi", "/mnt/nas", "/srv/data");
        assertThat(l.get(0).statPath()).isEqualTo("/");
        // /srv/data is mounted twice: the later (visible) mount is the one kept, and it takes the later place
        assertThat(l.get(3).mount().readOnly()).isFalse();
    }

    @Test
    void withoutDedupeEveryMountIsListedLikeTelegraf() {
        List<Target> l = DiskSelector.select(mounts(HOST), "/", HostConfig.DEFAULT_IGNORE_FS, List.of(), false);
        assertThat(paths(l)).containsExactly("/", "/boot/efi", "/mnt/backups", "/mnt/vol", "/mnt/nas", "/srv/data");
    }

    @Test
    void mountPointsAreExactAndKeepBindMounts() {
        List<Target> l = DiskSelector.select(mounts(HOST), "/", HostConfig.DEFAULT_IGNORE_FS,
                List.of("/mnt/backups", "/srv"), true);
        assertThat(paths(l)).containsExactly("/mnt/backups");
        assertThat(l.get(0).mount().readOnly()).isTrue();
    }

    @Test
    void hostTableWithHostRootElsewhereStatsUnderTheRoot() {
        List<Target> l = DiskSelector.select(mounts(HOST), "/hostfs/", HostConfig.DEFAULT_IGNORE_FS, List.of(), true);
        assertThat(paths(l)).containsExactly("/", "/boot/efi", "/mnt/nas", "/srv/data");
        assertThat(l).extracting(Target::statPath)
                .containsExactly("/hostfs", "/hostfs/boot/efi", "/hostfs/mnt/nas", "/hostfs/srv/data");
    }

    @Test
    void containerTableKeepsOnlyMountsUnderTheRootAndCutsThePrefix() {
        List<Target> l = DiskSelector.select(mounts(CONTAINER), "/hostfs", HostConfig.DEFAULT_IGNORE_FS, List.of(), true);
        assertThat(paths(l)).containsExactly("/", "/boot/efi");
        assertThat(l).extracting(Target::statPath).containsExactly("/hostfs", "/hostfs/boot/efi");
    }

    @Test
    void ignoreFsIsTheUsersList() {
        List<Target> l = DiskSelector.select(mounts(HOST), "/", List.of("nfs4", "vfat"), List.of(), true);
        assertThat(paths(l)).contains("/proc", "/dev").doesNotContain("/mnt/nas", "/boot/efi");
        assertThat(DiskSelector.select(List.of(), "/", List.of(), List.of(), true)).isEmpty();
    }
}
