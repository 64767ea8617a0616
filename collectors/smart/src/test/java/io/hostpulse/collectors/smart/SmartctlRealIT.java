package io.hostpulse.collectors.smart;

import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.exec.CommandResult;
import io.hostpulse.core.exec.ProcessCommandRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The real smartctl (Debian's smartmontools): its scan and its error replies go through the same code as
 * recorded device output. On a machine without SMART disks (a VM with virtio disks) the scan is empty.
 */
class SmartctlRealIT {
    static final String SMARTCTL = "/usr/sbin/smartctl";

    @TempDir
    Path tmp;

    @BeforeAll
    static void requireSmartctl() {
        if (!Files.isExecutable(Path.of(SMARTCTL))) {
            fail(SMARTCTL + " is missing: install the Debian package smartmontools (apt-get install smartmontools)");
        }
    }

    @Test
    void realScanParses() throws Exception {
        CommandResult res = new ProcessCommandRunner().run(List.of(SMARTCTL, "--scan-open", "--json"), Duration.ofSeconds(30));
        assertThat(res.exitCode() & 1).as("smartctl accepted --scan-open --json").isZero();
        List<SmartctlParser.ScanEntry> entries = SmartctlParser.parseScan(res.stdout());
        // every device the scan lists has a name and a type smartctl can be called with again
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.name()).startsWith("/dev/");
            assertThat(e.type()).isNotBlank();
        });
    }

    @Test
    void pluginFindsSmartctlInSbinAndTheCollectorRunsTheRealScan() throws Exception {
        SmartCollectorPlugin plugin = new SmartCollectorPlugin();
        CollectorContext ctx = new CollectorContext(HostPaths.defaults(), Clock.systemUTC(), "test", tmp,
                Map.of("PATH", "/usr/bin:/bin")); // no sbin on PATH, as for a non-root user
        assertThat(plugin.availableByDefault(ctx)).isTrue();
        assertThat(plugin.defaultInterval()).isEqualTo(Duration.ofMinutes(15));
        RecordingAccumulator acc = new RecordingAccumulator();
        try (var c = plugin.create(ConfigNode.of(Map.of()), ctx)) {
            c.collect(Instant.now(), acc);
        }
        // whatever this host has, nothing is "failed" for lack of data, and the state file was written
        assertThat(acc.measurement(SmartMapper.DEVICE)).allSatisfy(p -> assertThat(p.field("health_status")).isNotNull());
        assertThat(Files.exists(tmp.resolve("smart-state.json"))).isTrue();
    }

    @Test
    void realErrorReplyForAMissingDeviceIsUnknownWithSmartctlsMessage() throws Exception {
        SmartConfig cfg = SmartConfig.from(ConfigNode.of(Map.of("devices",
                List.of(Map.of("device", tmp.resolve("no-such-disk").toString())))));
        RecordingAccumulator acc = new RecordingAccumulator();
        new SmartCollector(cfg, new ProcessCommandRunner(), SMARTCTL, tmp.resolve("state.json")).collect(Instant.now(), acc);
        Point p = acc.device(tmp.resolve("no-such-disk").toString());
        assertThat(p.fields()).containsEntry("health_status", "unknown");
        assertThat((String) p.field("health_reason")).contains("Unable to detect device type")
                .contains("exit status 1");
        assertThat(acc.errors).containsOnlyKeys(tmp.resolve("no-such-disk").toString());
        assertThat(acc.events).isEmpty();
    }

    @Test
    void realReplyForSomethingThatIsNoDiskIsUnknownNeverFailed() throws Exception {
        // /dev/null with -d sat: smartctl 7.3 here answers "Device is in SLEEP mode, exit(2)" (the power
        // check reads zeros), i.e. the real binary's not-woken reply; elsewhere it may be an open error.
        // Either way: health unknown, never failed, no event, and a standby reply is no error.
        SmartConfig cfg = SmartConfig.from(ConfigNode.of(Map.of("devices",
                List.of(Map.of("device", "/dev/null", "type", "sat")))));
        RecordingAccumulator acc = new RecordingAccumulator();
        new SmartCollector(cfg, new ProcessCommandRunner(), SMARTCTL, null).collect(Instant.now(), acc);
        Point p = acc.device("/dev/null");
        assertThat(p.field("health_status")).isEqualTo("unknown");
        assertThat(acc.events).isEmpty();
        if (Boolean.TRUE.equals(p.field("standby"))) {
            assertThat(acc.errors).isEmpty();
            assertThat(p.field("exit_status")).isEqualTo(2L);
            assertThat((String) p.field("health_reason")).isEqualTo("disk in standby, not woken; no reading yet");
        } else {
            assertThat(acc.errors.get("/dev/null")).hasMessageStartingWith("/dev/null: health unknown: ");
        }
    }
}
