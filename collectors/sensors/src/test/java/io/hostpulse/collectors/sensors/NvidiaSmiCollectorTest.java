package io.hostpulse.collectors.sensors;

import io.hostpulse.core.CollectException;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.exec.CommandResult;
import io.hostpulse.core.exec.CommandTimeoutException;
import io.hostpulse.core.exec.ProcessCommandRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NvidiaSmiCollectorTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path tmp;

    /** A real program in place of nvidia-smi: checks its arguments, prints a recording. */
    private Path fakeNvidiaSmi(String fixture) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path script = bin.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\n[ \"$*\" = \"-q -x\" ] || { echo \"unexpected arguments: $*\" >&2; exit 2; }\n"
                + "cat '" + SysfsTrees.resource("nvidia-smi/" + fixture).toAbsolutePath() + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static CollectorContext ctx(String path) {
        return new CollectorContext(HostPaths.defaults(), Clock.systemUTC(), "h", null,
                path == null ? Map.of() : Map.of("PATH", path));
    }

    @Test
    void runsTheProgramFoundOnPathAndWritesGpusAndProcesses() throws Exception {
        Path bin = fakeNvidiaSmi("tesla-t4-xml-v11.xml");
        NvidiaSmiCollectorPlugin plugin = new NvidiaSmiCollectorPlugin();
        assertThat(plugin.availableByDefault(ctx("/nonexistent:" + bin))).isTrue();
        RecordingAccumulator acc = new RecordingAccumulator();
        try (var c = plugin.create(ConfigNode.of(Map.of()), ctx("/nonexistent:" + bin))) {
            c.collect(NOW, acc);
        }
        assertThat(acc.errors).isEmpty();
        assertThat(acc.measurement("nvidia_smi")).singleElement()
                .satisfies(p -> assertThat(p.field("temperature_gpu")).isEqualTo(40L));
        assertThat(acc.measurement("nvidia_smi_process")).hasSize(2);
    }

    @Test
    void withoutNvidiaSmiTheCollectorIsOffAndSaysSoOnlyAtDebugLevel() throws Exception {
        try (LogCapture log = new LogCapture()) {
            NvidiaSmiCollectorPlugin plugin = new NvidiaSmiCollectorPlugin();
            assertThat(plugin.availableByDefault(ctx(tmp.toString()))).isFalse();
            assertThat(plugin.availableByDefault(ctx(null))).isFalse();
            assertThat(log.visible()).isEmpty();
        }
    }

    @Test
    void anEnabledCollectorWithoutTheProgramFailsWithAHint() {
        var c = new NvidiaSmiCollector(NvidiaSmiConfig.defaults(), new ProcessCommandRunner(),
                tmp.resolve("nvidia-smi").toString());
        assertThatThrownBy(() -> c.collect(NOW, new RecordingAccumulator())).isInstanceOf(CollectException.class)
                .hasMessageContaining("cannot run").hasMessageContaining("bin_path");
    }

    @Test
    void theArgumentListAndTimeoutAreTheConfiguredOnes() throws Exception {
        List<Object> calls = new ArrayList<>();
        String xml = Files.readString(SysfsTrees.resource("nvidia-smi/rtx-4000-sff-ada-xml-v13.xml"));
        var c = new NvidiaSmiCollector(NvidiaSmiConfig.from(ConfigNode.of(Map.of("timeout", "2s", "processes", false))),
                (argv, timeout) -> {
                    calls.add(argv);
                    calls.add(timeout);
                    return new CommandResult(0, xml, "");
                }, "/usr/bin/nvidia-smi");
        RecordingAccumulator acc = new RecordingAccumulator();
        c.collect(NOW, acc);
        assertThat(calls).containsExactly(List.of("/usr/bin/nvidia-smi", "-q", "-x"), Duration.ofSeconds(2));
        assertThat(acc.measurement("nvidia_smi")).hasSize(1);
        assertThat(acc.measurement("nvidia_smi_process")).isEmpty();
    }

    @Test
    void aFailingRunIsReportedWithTheProgramsOwnWords() {
        var failing = new NvidiaSmiCollector(NvidiaSmiConfig.defaults(), (argv, timeout) -> new CommandResult(9,
                "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\nMake sure ...\n", ""),
                "nvidia-smi");
        assertThatThrownBy(() -> failing.collect(NOW, new RecordingAccumulator()))
                .hasMessage("nvidia-smi -q -x exited with 9: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.");
        var hanging = new NvidiaSmiCollector(NvidiaSmiConfig.defaults(), (argv, timeout) -> {
            throw new CommandTimeoutException("nvidia-smi", timeout);
        }, "nvidia-smi");
        assertThatThrownBy(() -> hanging.collect(NOW, new RecordingAccumulator()))
                .hasMessage("nvidia-smi did not finish within 5s and was killed");
    }

    @Test
    void configMistakesAreReported() {
        ConfigNode n = ConfigNode.of(Map.of("timeout", "0s", "bin_path", " ", "procesess", true));
        NvidiaSmiConfig c = NvidiaSmiConfig.from(n);
        n.finish();
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.binPath()).isEqualTo("nvidia-smi");
        assertThat(String.join("\n", n.problems().all())).contains("timeout: must be more than 0s")
                .contains("bin_path: must not be empty").contains("procesess: unknown key (did you mean 'processes'?)");
    }
}
