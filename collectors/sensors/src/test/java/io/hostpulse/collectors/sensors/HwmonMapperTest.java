package io.hostpulse.collectors.sensors;

import io.hostpulse.core.Point;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Inline attribute sets for what the recorded trees lack: power, current, energy, humidity and odd limits. */
class HwmonMapperTest {
    private static List<Point> sensors(Map<String, String> attrs) {
        return HwmonMapper.sensors(new HwmonChip("hwmon0", "chip", "chip-isa-0000", null, attrs), Instant.EPOCH);
    }

    @Test
    void unitsForPowerCurrentEnergyAndHumidity() {
        List<Point> ps = sensors(Map.of("power1_average", "38000000", "power1_average_interval", "300000",
                "curr1_input", "1500", "energy1_input", "123456789", "humidity1_input", "45500", "fan1_input", "900",
                "fan1_div", "8"));
        assertThat(ps).extracting(p -> p.tag("feature") + "=" + p.fields()).containsExactlyInAnyOrder(
                "power1={power_average=38.0, power_average_interval=300.0}", "curr1={curr_input=1.5}",
                "energy1={energy_input=123.456789}", "humidity1={humidity_input=45.5}", "fan1={fan_div=8.0, fan_input=900.0}");
    }

    @Test
    void featuresWithoutAReadingAndUnreadableValuesGiveNothing() {
        assertThat(sensors(Map.of("temp1_max", "80000", "temp1_crit", "100000", "fan2_min", "300", "in0_input", "",
                "in1_input", "N/A", "pwm1", "128", "freq1_input", "300000000"))).isEmpty();
    }

    @Test
    void upperLimitsAtOrBelowZeroAreUnsetButLowerLimitsMayBeNegative() {
        Point p = sensors(Map.of("temp1_input", "30000", "temp1_max", "0", "temp1_crit", "-5000", "temp1_min", "-40000",
                "temp1_lcrit", "-273150")).get(0);
        assertThat(p.fields()).containsOnlyKeys("temp_input", "temp_min").containsEntry("temp_min", -40.0);
    }
}
