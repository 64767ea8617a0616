package io.hostpulse.agent.alerts;

import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.notify.Notification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.hostpulse.agent.alerts.Rules.point;
import static io.hostpulse.agent.alerts.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;

/** Thresholds taken from another field of the same point ({@code warning_from}, {@code critical_from}). */
class LevelFromTest {
    private static Point sensor(long s, String chip, String feature, Object... fields) {
        return point("sensors", s, Map.of("chip", chip, "feature", feature), fields);
    }

    private static List<String> fired(List<Notification> ns) {
        List<String> out = new ArrayList<>();
        ns.forEach(n -> out.add(n.kind().label() + ":" + n.level() + ":" + n.labels().get("feature") + ":" + n.threshold()));
        return out;
    }

    @Test
    void eachSeriesIsComparedWithItsOwnLimitsAndTheFixedLevelsWhereItHasNone() {
        Rule r = rule("measurement", "sensors", "field", "temp_input", "warning", 85, "critical", 95,
                "warning_from", "temp_max", "critical_from", "temp_crit");
        AlertEngine e = new AlertEngine(List.of(r), "h1");
        List<Notification> ns = e.evaluate(List.of(
                sensor(0, "nvme-pci-0100", "composite", "temp_input", 70.0, "temp_max", 81.85, "temp_crit", 84.85),
                sensor(0, "coretemp-isa-0000", "package_id_0", "temp_input", 90.0, "temp_max", 84.0, "temp_crit", 100.0),
                sensor(0, "k10temp-pci-00c3", "tctl", "temp_input", 90.0),
                sensor(0, "nvme-pci-0200", "sensor_1", "temp_input", 83.0, "temp_max", 81.85)));
        assertThat(fired(ns)).containsExactlyInAnyOrder(
                "firing:warning:package_id_0:> 84",   // over the CPU's own max, under the fixed 85
                "firing:warning:tctl:> 85",           // no limits of its own: the fixed levels
                "firing:warning:sensor_1:> 81.9");    // own max for warning, fixed 95 for critical
        assertThat(fired(e.evaluate(List.of(
                sensor(10, "nvme-pci-0100", "composite", "temp_input", 85.0, "temp_max", 81.85, "temp_crit", 84.85),
                sensor(10, "coretemp-isa-0000", "package_id_0", "temp_input", 101.0, "temp_max", 84.0, "temp_crit", 100.0),
                sensor(10, "k10temp-pci-00c3", "tctl", "temp_input", 96.0),
                sensor(10, "nvme-pci-0200", "sensor_1", "temp_input", 83.0, "temp_max", 81.85)))))
                .containsExactlyInAnyOrder("firing:critical:composite:> 84.9", "firing:critical:package_id_0:> 100",
                        "firing:critical:tctl:> 95");
    }

    @Test
    void hysteresisAppliesToTheSeriesOwnThreshold() {
        Rule r = rule("measurement", "sensors", "field", "temp_input", "warning_from", "temp_max", "hysteresis", 2,
                "message", "{feature} at {value} ({threshold})");
        AlertEngine e = new AlertEngine(List.of(r), "h1");
        List<Notification> first = e.evaluate(List.of(sensor(0, "c", "core_0", "temp_input", 85.0, "temp_max", 84.0)));
        assertThat(first).singleElement().satisfies(n -> assertThat(n.message()).isEqualTo("core_0 at 85 (> 84)"));
        assertThat(e.evaluate(List.of(sensor(10, "c", "core_0", "temp_input", 82.5, "temp_max", 84.0)))).isEmpty();
        assertThat(fired(e.evaluate(List.of(sensor(20, "c", "core_0", "temp_input", 81.9, "temp_max", 84.0)))))
                .containsExactly("resolved:warning:core_0:> 84");
    }

    @Test
    void lowerIsWorseWithAFieldAsWell() {
        Rule r = rule("measurement", "sensors", "field", "fan_input", "op", "<", "critical_from", "fan_min");
        AlertEngine e = new AlertEngine(List.of(r), "h1");
        List<Notification> ns = e.evaluate(List.of(
                sensor(0, "nct6798-isa-02a0", "fan1", "fan_input", 0.0, "fan_min", 300.0),
                sensor(0, "nct6798-isa-02a0", "fan3", "fan_input", 0.0, "fan_min", 0.0),
                sensor(0, "nct6798-isa-02a0", "fan4", "fan_input", 0.0),
                sensor(0, "nct6798-isa-02a0", "fan2", "fan_input", 1100.0, "fan_min", 300.0)));
        assertThat(fired(ns)).containsExactly("firing:critical:fan1:< 300");
    }

    @Test
    void aRuleMayHaveOnlyFieldLevelsButTextRulesMayNot() {
        ConfigNode ok = ConfigNode.of(Map.of("measurement", "m", "field", "f", "critical_from", "g"));
        Rule.parse(ok, null, "r", Duration.ZERO);
        ok.finish();
        assertThat(ok.problems().all()).isEmpty();
        ConfigNode text = ConfigNode.of(Map.of("measurement", "m", "field", "f", "op", "==", "warning", "x",
                "warning_from", "g"));
        Rule.parse(text, null, "r", Duration.ZERO);
        assertThat(String.join("\n", text.problems().all())).contains("warning_from: only for >, >=, <, <= rules");
        ConfigNode none = ConfigNode.of(Map.of("measurement", "m", "field", "f"));
        Rule.parse(none, null, "r", Duration.ZERO);
        assertThat(String.join("\n", none.problems().all())).contains("(or warning_from, critical_from)");
    }

    @Test
    void aFieldLevelNamingAnUnknownFieldIsACheckedConfigError() {
        AlertsConfig c = AlertsConfig.from(ConfigNode.of(Map.of("rules", List.of(Map.of("name", "t", "measurement",
                "sensors", "field", "temp_input", "warning_from", "tmp_max")))));
        ConfigNode n = ConfigNode.of(Map.of());
        List<Rule> active = c.active(Map.of("sensors", java.util.Set.of("temp_input", "temp_max")), n);
        assertThat(active.stream().map(Rule::name)).doesNotContain("t");
        assertThat(String.join("\n", n.problems().all())).contains("rule t: measurement sensors has no field tmp_max");
    }
}
