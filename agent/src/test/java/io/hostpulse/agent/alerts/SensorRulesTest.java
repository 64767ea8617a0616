package io.hostpulse.agent.alerts;

import io.hostpulse.collectors.sensors.NvidiaSmiCollectorPlugin;
import io.hostpulse.collectors.sensors.SensorsCollectorPlugin;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.notify.Notification;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.hostpulse.agent.alerts.Rules.point;
import static org.assertj.core.api.Assertions.assertThat;

/** The built-in sensor and GPU rules against points shaped as the sensors and nvidia_smi collectors write them. */
class SensorRulesTest {
    private static List<Rule> active(Map<String, Set<String>> schema) {
        ConfigNode n = ConfigNode.of(Map.of());
        List<Rule> rules = AlertsConfig.from(ConfigNode.of(Map.of())).active(schema, n);
        assertThat(n.problems().all()).isEmpty();
        return rules;
    }

    private static AlertEngine engine() {
        Map<String, Set<String>> schema = new HashMap<>(new SensorsCollectorPlugin().schema());
        schema.putAll(new NvidiaSmiCollectorPlugin().schema());
        return new AlertEngine(active(schema), "h1");
    }

    @Test
    void theSensorsCollectorAloneActivatesTheSensorRulesAndNvidiaSmiTheGpuRules() {
        assertThat(active(new SensorsCollectorPlugin().schema())).extracting(Rule::name)
                .containsExactly("temperature", "fan_stopped", "amd_gpu_memory");
        assertThat(active(new NvidiaSmiCollectorPlugin().schema())).extracting(Rule::name)
                .containsExactly("gpu_temperature", "gpu_memory");
    }

    private static Point temp(long s, String chip, String feature, double input, Double max, Double crit) {
        Point.Builder b = Point.builder("sensors").time(Rules.T0.plusSeconds(s)).tag("chip", chip).tag("feature", feature)
                .field("temp_input", input).field("temp_max", max).field("temp_crit", crit);
        return b.build();
    }

    @Test
    void anNvmeAt70IsQuietAndACpuAt95Fires() {
        AlertEngine e = engine();
        for (long s = 0; s <= 120; s += 60) {
            List<Notification> ns = e.evaluate("sensors", List.of(
                    temp(s, "nvme-pci-0100", "composite", 70.0, 81.85, 84.85),
                    temp(s, "coretemp-isa-0000", "package_id_0", 95.0, 84.0, 100.0),
                    temp(s, "k10temp-pci-00c3", "tctl", 80.0, null, null)));
            if (s < 120) {
                assertThat(ns).isEmpty(); // pending for 2 minutes
            } else {
                assertThat(ns).singleElement().satisfies(n -> {
                    assertThat(n.rule()).isEqualTo("temperature");
                    assertThat(n.level()).isEqualTo("warning");
                    assertThat(n.message()).isEqualTo("coretemp-isa-0000 package_id_0 at 95 °C (> 84)");
                });
            }
        }
    }

    @Test
    void aFanUnderItsChipsMinimumIsCriticalAndAnUnconnectedHeaderIsNot() {
        AlertEngine e = engine();
        Point stopped = point("sensors", 0, Map.of("chip", "nct6798-isa-02a0", "feature", "cpu_fan"), "fan_input", 0.0,
                "fan_min", 300.0);
        Point unconnected = point("sensors", 0, Map.of("chip", "nct6798-isa-02a0", "feature", "fan5"), "fan_input", 0.0,
                "fan_min", 0.0);
        assertThat(e.evaluate("sensors", List.of(stopped, unconnected))).isEmpty();
        List<Notification> ns = e.evaluate("sensors", List.of(
                point("sensors", 60, Map.of("chip", "nct6798-isa-02a0", "feature", "cpu_fan"), "fan_input", 0.0, "fan_min", 300.0),
                point("sensors", 60, Map.of("chip", "nct6798-isa-02a0", "feature", "fan5"), "fan_input", 0.0, "fan_min", 0.0)));
        assertThat(ns).singleElement().satisfies(n -> {
            assertThat(n.level()).isEqualTo("critical");
            assertThat(n.message()).isEqualTo("fan nct6798-isa-02a0 cpu_fan at 0 RPM (< 300, the chip's minimum)");
        });
    }

    private static Point gpu(long s, String pstate, long temp, long used) {
        return Point.builder("nvidia_smi").time(Rules.T0.plusSeconds(s)).tag("index", "0").tag("name", "Tesla T4")
                .tag("uuid", "GPU-d37e").tag("pstate", pstate).tag("compute_mode", "Default")
                .field("temperature_gpu", temp).field("temperature_gpu_slowdown_threshold", 93L)
                .field("memory_used", used).field("memory_total", 15360L)
                .field("top_process", "python (pid 5762, 1005 MiB)").build();
    }

    @Test
    void aGpuAtItsSlowdownTemperatureIsCriticalWithTheTopProcessNamedEvenWhenItsPstateChanges() {
        AlertEngine e = engine();
        assertThat(e.evaluate("nvidia_smi", List.of(gpu(0, "P0", 94, 1000)))).isEmpty();
        List<Notification> ns = e.evaluate("nvidia_smi", List.of(gpu(120, "P2", 94, 1000)));
        assertThat(ns).singleElement().satisfies(n -> {
            assertThat(n.rule()).isEqualTo("gpu_temperature");
            assertThat(n.level()).isEqualTo("critical");
            assertThat(n.threshold()).isEqualTo("> 93");
            assertThat(n.labels()).containsOnlyKeys("index", "name", "uuid");
            assertThat(n.message()).isEqualTo("GPU 0 Tesla T4 at 94 °C (> 93); top process python (pid 5762, 1005 MiB)");
        });
    }

    @Test
    void gpuMemoryNearlyFullForTenMinutesWarns() {
        AlertEngine e = engine();
        assertThat(e.evaluate("nvidia_smi", List.of(gpu(0, "P0", 50, 15000)))).isEmpty();
        List<Notification> ns = e.evaluate("nvidia_smi", List.of(gpu(600, "P0", 50, 15000)));
        assertThat(ns).singleElement().satisfies(n -> {
            assertThat(n.rule()).isEqualTo("gpu_memory");
            assertThat(n.message()).isEqualTo("GPU 0 Tesla T4: 15000 of 15360 MiB memory used (0.98 of it, > 0.95); "
                    + "top process python (pid 5762, 1005 MiB)");
        });
    }
}
