package io.hostpulse.collectors.host.disk;

import io.hostpulse.collectors.host.Fixtures;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.collectors.host.disk.MountinfoParser.Mount;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MountinfoParserTest {

    @Test
    void recordedMountinfo() {
        ParseProblems problems = new ParseProblems();
        List<Mount> l = MountinfoParser.parse(Fixtures.read("vm-2cpu", "1/mountinfo"), problems);
        assertThat(problems.isEmpty()).isTrue();
        assertThat(l).hasSize(20);
        // "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard,..."
        assertThat(l).contains(new Mount("254:0", "/", "/", false, "ext4", "/dev/vda"));
        // "28 27 0:25 / /mnt/sandboxing/model_tools_env/v1/python ro,nosuid,nodev,relatime - tmpfs model_tools_unavailable ..."
        assertThat(l.get(6).readOnly()).isTrue();
    }

    @Test
    void optionalFieldsEscapesAndBindRoots() {
        String text = "100 27 8:17 /volumes/my\\040data /srv/my\\040data rw,noatime shared:12 master:3 - ext4 /dev/sdb1 rw\n"
                + "101 27 0:55 / /mnt/nas rw,relatime - nfs4 nas.lan:/export/a\\134b rw,vers=4.2\n";
        List<Mount> l = MountinfoParser.parse(text, new ParseProblems());
        assertThat(l).containsExactly(
                new Mount("8:17", "/volumes/my data", "/srv/my data", false, "ext4", "/dev/sdb1"),
                new Mount("0:55", "/", "/mnt/nas", false, "nfs4", "nas.lan:/export/a\\b"));
    }

    @Test
    void truncatedLinesAreSkipped() {
        ParseProblems problems = new ParseProblems();
        assertThat(MountinfoParser.parse("", problems)).isEmpty();
        assertThat(MountinfoParser.parse("27 1 254:0 / / rw,relatime\n27 1 254:0 / / rw - ext4\n", problems)).isEmpty();
        assertThat(problems.count()).isEqualTo(2);
        assertThat(MountinfoParser.unescape("a\\04")).isEqualTo("a\\04");
    }
}
