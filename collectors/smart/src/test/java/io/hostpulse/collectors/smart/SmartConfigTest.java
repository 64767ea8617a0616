package io.hostpulse.collectors.smart;

import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.config.ConfigProblems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SmartConfigTest {

    @Test
    void defaults() {
        SmartConfig c = SmartConfig.defaults();
        assertThat(c.smartctlPath()).isEqualTo("smartctl");
        assertThat(c.devices()).isEmpty();
        assertThat(c.scan()).isTrue();
        assertThat(c.nocheck()).isEqualTo("standby");
        assertThat(c.commandTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.fallbackTypes()).containsExactly("sat", "sntjmicron", "sntasmedia", "sntrealtek", "scsi");
        assertThat(c.extended()).isTrue();
        assertThat(c.stateFile()).isEqualTo("smart-state.json");
        assertThat(c.attributes()).isTrue();
        assertThat(c.baselineReset()).isNull();
        assertThat(c.wearWarningPercent()).isEqualTo(10);
    }

    @Test
    void devicesWithTypesTurnTheScanOffUnlessAskedFor() {
        SmartConfig c = SmartConfig.from(ConfigNode.of(Map.of("devices", List.of(
                Map.of("device", "/dev/sdb", "type", "sat"), Map.of("device", "/dev/bus/0", "type", "megaraid,4")))));
        assertThat(c.devices()).containsExactly(new SmartConfig.Device("/dev/sdb", "sat"),
                new SmartConfig.Device("/dev/bus/0", "megaraid,4"));
        assertThat(c.scan()).isFalse();
        assertThat(SmartConfig.from(ConfigNode.of(Map.of("scan", true, "devices", List.of(Map.of("device", "/dev/sdb")))))
                .scan()).isTrue();
    }

    @Test
    void mistakesAreRecordedOnTheNodeAndDefaultsKept() {
        ConfigProblems problems = new ConfigProblems("test.yaml");
        ConfigNode node = ConfigNode.root(problems, Map.of("nocheck", "asleep", "command_timeout", "soon",
                "wear_warning_percent", 300, "devices", List.of(Map.of("type", "sat"), Map.of("device", "/dev/sdc", "type", "sat; rm -rf /")),
                "devcies", List.of()));
        SmartConfig c = SmartConfig.from(node);
        node.finish();
        assertThat(c.nocheck()).isEqualTo("standby");
        assertThat(c.commandTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.wearWarningPercent()).isEqualTo(10);
        assertThat(c.devices()).containsExactly(new SmartConfig.Device("/dev/sdc", null));
        assertThat(String.join("\n", problems.all())).contains("nocheck").contains("command_timeout").contains("wear_warning_percent")
                .contains("devices[0].device").contains("devices[1].type").contains("devcies");
    }

    @Test
    void pluginResolvesSmartctlFromPathAndReportsAvailability(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path exe = bin.resolve("smartctl");
        Files.writeString(exe, "#!/bin/sh\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(SmartCollectorPlugin.resolve("smartctl", bin.toString())).isEqualTo(exe.toString());
        assertThat(SmartCollectorPlugin.resolve(exe.toString(), null)).isEqualTo(exe.toString());
        assertThat(SmartCollectorPlugin.resolve(tmp.resolve("missing").toString(), null)).isNull();
        assertThat(SmartCollectorPlugin.resolve("no-such-tool-xyz", bin.toString())).isNull();
        SmartCollectorPlugin plugin = new SmartCollectorPlugin();
        assertThat(plugin.name()).isEqualTo("smart");
        CollectorContext ctx = new CollectorContext(HostPaths.defaults(), Clock.systemUTC(), "h", null,
                Map.of("PATH", bin.toString()));
        assertThat(plugin.availableByDefault(ctx)).isTrue();
        assertThat(plugin.create(ConfigNode.of(Map.of()), ctx).name()).isEqualTo("smart");
    }
}
