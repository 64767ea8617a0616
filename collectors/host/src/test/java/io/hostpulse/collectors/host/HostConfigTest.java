package io.hostpulse.collectors.host;

import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.config.ConfigProblems;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HostConfigTest {

    @Test
    void defaults() {
        HostConfig c = HostConfig.defaults();
        assertThat(c.parts()).containsExactlyInAnyOrderElementsOf(HostConfig.ALL_PARTS);
        assertThat(c.perCpu()).isTrue();
        assertThat(c.totalCpu()).isTrue();
        assertThat(c.reportActive()).isTrue();
        assertThat(c.ignoreFs()).contains("tmpfs", "overlay", "squashfs", "nsfs", "fuse.lxcfs").doesNotContain("ext4");
        assertThat(c.mountPoints()).isEmpty();
        assertThat(c.dedupeMounts()).isTrue();
        assertThat(c.networkFsTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.interfaces()).isEmpty();
        assertThat(c.diskioDevices()).isEmpty();
        assertThat(c.diskioIgnore()).containsExactly("loop*", "ram*");
        assertThat(c.diskioSerial()).isTrue();
    }

    @Test
    void everyKeyIsRead() {
        ConfigProblems problems = new ConfigProblems("test.yaml");
        ConfigNode node = ConfigNode.root(problems, Map.of("host", Map.ofEntries(
                Map.entry("parts", List.of("cpu", "Disk")),
                Map.entry("percpu", false),
                Map.entry("totalcpu", "false"),
                Map.entry("report_active", false),
                Map.entry("ignore_fs", List.of("nfs4")),
                Map.entry("mount_points", List.of("/", "/srv/")),
                Map.entry("dedupe_mounts", false),
                Map.entry("network_fs_timeout", "500ms"),
                Map.entry("interfaces", List.of("eth*", "en?0")),
                Map.entry("diskio_devices", List.of("sd*")),
                Map.entry("diskio_ignore", List.of()),
                Map.entry("diskio_serial", false)))).child("host");
        HostConfig c = HostConfig.from(node);
        node.finish();
        assertThat(problems.all()).isEmpty();
        assertThat(c.parts()).containsExactlyInAnyOrder("cpu", "disk");
        assertThat(c.perCpu()).isFalse();
        assertThat(c.totalCpu()).isFalse();
        assertThat(c.reportActive()).isFalse();
        assertThat(c.ignoreFs()).containsExactly("nfs4");
        assertThat(c.mountPoints()).containsExactly("/", "/srv");
        assertThat(c.dedupeMounts()).isFalse();
        assertThat(c.networkFsTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.interfaces()).containsExactly("eth*", "en?0");
        assertThat(c.diskioDevices()).containsExactly("sd*");
        assertThat(c.diskioIgnore()).isEmpty();
        assertThat(c.diskioSerial()).isFalse();
    }

    @Test
    void mistakesAreRecordedAndDefaultsUsed() {
        ConfigProblems problems = new ConfigProblems("test.yaml");
        ConfigNode node = ConfigNode.root(problems, Map.of("host", Map.of(
                "parts", List.of("cpu", "sensors", "gpu"),
                "percpu", "yes",
                "mount_points", List.of("srv"),
                "network_fs_timeout", "0s",
                "intrefaces", List.of("eth0")))).child("host");
        HostConfig c = HostConfig.from(node);
        node.finish();
        assertThat(c.parts()).containsExactly("cpu");
        assertThat(c.perCpu()).isTrue();
        assertThat(c.mountPoints()).isEmpty();
        assertThat(c.networkFsTimeout()).isEqualTo(HostConfig.DEFAULT_NETWORK_FS_TIMEOUT);
        assertThat(String.join("\n", problems.all()))
                .contains("host.parts: 'sensors' is not a host part")
                .contains("host.parts: unknown part 'gpu'")
                .contains("host.percpu:")
                .contains("host.mount_points: 'srv' is not an absolute path")
                .contains("host.network_fs_timeout: must be longer than 0s")
                .contains("host.intrefaces: unknown key (did you mean 'interfaces'?)");
    }

    @Test
    void optionalPartsAreOffUntilListedInPartsOrExtraParts() {
        HostConfig d = HostConfig.defaults();
        assertThat(d.parts()).doesNotContainAnyElementsOf(HostConfig.OPTIONAL_PARTS);
        assertThat(d.netProtocolStats()).isFalse();
        assertThat(d.nstatDumpZeros()).isTrue();
        assertThat(d.interruptsCpuAsTag()).isFalse();
        HostConfig extra = HostConfig.from(ConfigNode.of(Map.of("extra_parts", List.of("netstat", "Interrupts"),
                "net_protocol_stats", true, "nstat_dump_zeros", false, "interrupts_cpu_as_tag", true)));
        assertThat(extra.parts()).containsAll(HostConfig.ALL_PARTS).contains("netstat", "interrupts").hasSize(12);
        assertThat(extra.netProtocolStats()).isTrue();
        assertThat(extra.nstatDumpZeros()).isFalse();
        assertThat(extra.interruptsCpuAsTag()).isTrue();
        assertThat(HostConfig.from(ConfigNode.of(Map.of("parts", List.of("cpu", "conntrack")))).parts())
                .containsExactlyInAnyOrder("cpu", "conntrack");
    }

    @Test
    void unknownExtraPartNamesTheOptionalOnes() {
        ConfigProblems problems = new ConfigProblems("test.yaml");
        ConfigNode node = ConfigNode.root(problems, Map.of("host", Map.of("extra_parts", List.of("nstats")))).child("host");
        HostConfig c = HostConfig.from(node);
        node.finish();
        assertThat(c.parts()).containsExactlyInAnyOrderElementsOf(HostConfig.ALL_PARTS);
        assertThat(String.join("\n", problems.all())).contains("host.extra_parts: unknown part 'nstats'")
                .contains("optional: netstat, nstat, conntrack, linux_sysctl_fs, interrupts");
    }
}
