package io.hostpulse.collectors.sensors;

import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector against this machine's real /sys. Whatever the machine has (the CI machines have no hwmon chip, no
 * GPU, no RAPL), a collection gives no errors, logs nothing at INFO or above, and writes a sensors point exactly when
 * the kernel lists a hwmon reading.
 */
class RealSysTest {
    @Test
    void theRealSysGivesNoErrorsAndNoAlarmingLogLines() throws Exception {
        Path sys = Path.of("/sys");
        CollectorContext ctx = new CollectorContext(HostPaths.defaults(), Clock.systemUTC(), "h", null, Map.of());
        SensorsCollectorPlugin plugin = new SensorsCollectorPlugin();
        assertThat(plugin.availableByDefault(ctx)).isEqualTo(Files.isDirectory(sys.resolve("class")));
        RecordingAccumulator acc = new RecordingAccumulator();
        try (LogCapture log = new LogCapture(); var c = plugin.create(ConfigNode.of(Map.of()), ctx)) {
            c.collect(Instant.now(), acc);
            c.collect(Instant.now().plusSeconds(10), acc);
            assertThat(log.visible()).isEmpty();
        }
        assertThat(acc.errors).isEmpty();
        assertThat(acc.events).isEmpty();
        assertThat(acc.points).allMatch(p -> Set.of("sensors", "temp", "amd_rocm_smi", "rapl", "power_supply")
                .contains(p.measurement()));
        assertThat(acc.measurement("sensors").isEmpty()).isEqualTo(!hasHwmonReading(sys));
    }

    private static boolean hasHwmonReading(Path sys) throws IOException {
        Path hwmon = sys.resolve("class/hwmon");
        if (!Files.isDirectory(hwmon)) {
            return false;
        }
        try (Stream<Path> chips = Files.list(hwmon)) {
            for (Path chip : chips.toList()) {
                for (Path dir : new Path[]{chip, chip.resolve("device")}) {
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.list(dir)) {
                        if (files.anyMatch(f -> f.getFileName().toString()
                                .matches("(temp|fan|in|curr|power|energy|humidity)\\d+_(input|average)"))) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
