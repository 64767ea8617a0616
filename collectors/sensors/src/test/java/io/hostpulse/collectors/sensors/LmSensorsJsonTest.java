package io.hostpulse.collectors.sensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostpulse.core.Point;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real {@code sensors -j} outputs (lm-sensors reading real chips: a Nuvoton nct6798 with unconnected inputs, hybrid
 * Intel CPUs whose coretemp numbering follows the core ids, NVMe drives, acpitz) turned back into the hwmon attribute
 * files lm-sensors read them from (its value times the sysfs unit), and read by our mapper. Each feature must come out
 * as Telegraf's sensors plugin names lm-sensors' output: the label in snake case as {@code feature}, each subfeature
 * without its number as the field, with lm-sensors' value; only the kernel's "not set" temperature limits are left out.
 */
class LmSensorsJsonTest {
    private static final Pattern SUB = Pattern.compile("([a-z]+)(\\d+)_(.+)");

    @ParameterizedTest
    @ValueSource(strings = {"asrock-nct6798-intel-hybrid-14core-nvme.json", "intel-hybrid-16core-coretemp-acpitz-2nvme.json"})
    void everyFeatureOfLmSensorsComesOutWithTelegrafsNamesAndLmSensorsValues(String file) throws Exception {
        JsonNode doc = new ObjectMapper().readTree(Files.readString(SysfsTrees.resource("sensors-json/" + file)));
        int features = 0;
        for (Iterator<Map.Entry<String, JsonNode>> chips = doc.fields(); chips.hasNext(); ) {
            Map.Entry<String, JsonNode> chip = chips.next();
            Map<String, String> attrs = new LinkedHashMap<>();
            Map<String, Map<String, Double>> expected = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fs = chip.getValue().fields(); fs.hasNext(); ) {
                Map.Entry<String, JsonNode> f = fs.next();
                if (!f.getValue().isObject() || f.getKey().equals("beep_enable")) {
                    continue; // "Adapter": "ISA adapter"; the chip-wide beep switch is no feature
                }
                Map<String, Double> fields = new LinkedHashMap<>();
                String prefix = null;
                for (Iterator<Map.Entry<String, JsonNode>> subs = f.getValue().fields(); subs.hasNext(); ) {
                    Map.Entry<String, JsonNode> s = subs.next();
                    Matcher m = SUB.matcher(s.getKey());
                    assertThat(m.matches()).as(s.getKey()).isTrue();
                    prefix = m.group(1) + m.group(2);
                    double v = s.getValue().asDouble();
                    attrs.put(s.getKey(), Long.toString(Math.round(v * sysfsFactor(m.group(1), m.group(3)))));
                    boolean unsetLimit = m.group(1).equals("temp") && !m.group(3).equals("input")
                            && !m.group(3).contains("alarm") && (v >= 1000 || v <= -273);
                    if (!unsetLimit) {
                        fields.put(m.group(1) + "_" + m.group(3), v);
                    }
                }
                if (!f.getKey().equals(prefix)) {
                    attrs.put(prefix + "_label", f.getKey());
                }
                expected.put(f.getKey().toLowerCase().replace(' ', '_'), fields);
            }
            String name = chip.getKey().substring(0, chip.getKey().indexOf('-'));
            List<Point> points = HwmonMapper.sensors(new HwmonChip("hwmon0", name, chip.getKey(), null, attrs), Instant.EPOCH);
            Map<String, Map<String, Object>> actual = new HashMap<>();
            points.forEach(p -> actual.put(p.tag("feature"), p.fields()));
            assertThat(points).allMatch(p -> p.tag("chip").equals(chip.getKey()));
            assertThat(actual.keySet()).as(chip.getKey()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((feature, fields) -> assertThat(actual.get(feature)).as(chip.getKey() + " " + feature)
                    .containsExactlyInAnyOrderEntriesOf(new LinkedHashMap<>(fields)));
            features += points.size();
        }
        assertThat(features).isGreaterThan(10);
    }

    /** How many sysfs units make one of lm-sensors' units (Documentation/hwmon/sysfs-interface.rst). */
    private static double sysfsFactor(String type, String sub) {
        if (sub.contains("alarm") || sub.equals("beep") || sub.equals("pulses") || sub.equals("type") || type.equals("fan")) {
            return 1;
        }
        return switch (type) {
            case "temp", "in", "curr", "humidity" -> 1000;
            case "power", "energy" -> 1_000_000;
            default -> 1;
        };
    }
}
