package io.hostpulse.collectors.sensors;

import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.lineprotocol.LineProtocol;
import io.hostpulse.core.lineprotocol.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The collector pointed at recorded sysfs trees, with their symbolic links recreated as the kernel lays them out. */
class HwmonTreeTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path tmp;

    private RecordingAccumulator collect(Path sys, Map<String, Object> config) throws Exception {
        RecordingAccumulator acc = new RecordingAccumulator();
        try (SensorsCollector c = new SensorsCollector(SensorsConfig.from(ConfigNode.of(config)), sys)) {
            c.collect(NOW, acc);
        }
        assertThat(acc.errors).isEmpty();
        return acc;
    }

    @Test
    void nodeExporterTreeGivesChipsNamedAsLmSensorsWithLabelsAndUnits() throws Exception {
        Path sys = SysfsTrees.copy("node-exporter-sample", tmp);
        // the NVMe hwmon directory of this archive is not linked from class/hwmon; a real kernel links it
        SysfsTrees.link(sys.resolve("class/hwmon/hwmon11"),
                "../../devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/hwmon3");
        RecordingAccumulator acc = collect(sys, Map.of());

        assertThat(acc.measurement("sensors").stream().map(p -> p.tag("chip")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("coretemp-isa-0000", "coretemp-isa-0001", "applesmc-isa-0300",
                        "nct6779-isa-0290", "hwmon4-virtual-0", "mt7996_phy0_0-isa-0000", "mt7996_phy0_1-isa-0000",
                        "mt7996_phy0_2-isa-0000", "nvme-pci-0100");

        Point pkg = acc.sensor("coretemp-isa-0000", "physical_id_0");
        assertThat(pkg.fields()).containsEntry("temp_input", 55.0).containsEntry("temp_max", 84.0)
                .containsEntry("temp_crit", 100.0).containsEntry("temp_crit_alarm", 0.0);
        assertThat(acc.sensor("coretemp-isa-0001", "core_3").field("temp_input")).isEqualTo(50.0);

        // applesmc keeps name and fans in the device directory; a fan reading 0 RPM is a reading, kept as it is
        assertThat(acc.sensor("applesmc-isa-0300", "left_side").field("fan_input")).isEqualTo(0.0);
        assertThat(acc.sensor("applesmc-isa-0300", "right_side").field("fan_input")).isEqualTo(1998.0);

        // millivolts to volts; a fan without its own limits gets none made up
        assertThat(acc.sensor("nct6779-isa-0290", "in0").field("in_input")).isEqualTo(0.792);
        assertThat(acc.sensor("nct6779-isa-0290", "in1").field("in_input")).isEqualTo(1.024);
        Point fan2 = acc.sensor("nct6779-isa-0290", "fan2");
        assertThat(fan2.field("fan_input")).isEqualTo(1098.0);
        assertThat(fan2.fields()).doesNotContainKeys("fan_max", "temp_input");
        assertThat(acc.sensor("nct6779-isa-0290", "intrusion0").fields()).containsKey("intrusion_alarm");

        // two features with one label stay two series
        assertThat(acc.sensor("hwmon4-virtual-0", "foosensor_temp1").field("temp_input")).isEqualTo(55.0);
        assertThat(acc.sensor("hwmon4-virtual-0", "foosensor_temp2").field("temp_input")).isEqualTo(54.0);

        // NVMe: the kernel's "not set" limits are left out, real ones kept; the gap in the numbering is no problem
        Point composite = acc.sensor("nvme-pci-0100", "composite");
        assertThat(composite.fields()).containsEntry("temp_input", 43.85).containsEntry("temp_max", 84.85)
                .containsEntry("temp_crit", 94.85).containsEntry("temp_min", -0.15);
        assertThat(acc.sensor("nvme-pci-0100", "sensor_1").fields()).containsEntry("temp_input", 43.85)
                .doesNotContainKeys("temp_max", "temp_min");
        assertThat(acc.sensor("nvme-pci-0100", "sensor_8").field("temp_input")).isEqualTo(43.85);

        // bogus1_* (not a hwmon type) and the pwm-only asus chips have no readings: nothing at all
        assertThat(acc.measurement("sensors")).noneMatch(p -> p.tag("chip").startsWith("bogus")
                || p.tag("chip").startsWith("asus"));

        // hwmon has temperatures, so thermal zones are not added unless asked for
        assertThat(acc.measurement("temp")).extracting(p -> p.tag("sensor")).contains("coretemp_physical_id_0",
                "nvme_composite", "mt7996_phy0_0").doesNotContain("cpu-thermal");
    }

    @Test
    void everySensorsFieldComesFromAnAttributeFileOfItsChip() throws Exception {
        Path sys = SysfsTrees.copy("node-exporter-sample", tmp);
        RecordingAccumulator acc = collect(sys, Map.of("parts", List.of("sensors")));
        assertThat(acc.points).isNotEmpty().allMatch(p -> p.measurement().equals("sensors"));
        List<HwmonChip> chips = new HwmonScanner(new SysTree(sys)).chips();
        for (Point p : acc.points) {
            HwmonChip chip = chips.stream().filter(c -> c.chip().equals(p.tag("chip"))).findFirst().orElseThrow();
            HwmonMapper.Feature f = HwmonMapper.features(chip).stream().filter(x -> x.tag().equals(p.tag("feature")))
                    .findFirst().orElseThrow();
            for (String field : p.fields().keySet()) {
                String sub = field.substring(f.type().length() + 1);
                assertThat(chip.attributes()).as(p + " " + field).containsKey(f.type() + f.number() + "_" + sub);
            }
        }
    }

    @Test
    void fromADeviceDirectoryOnlyHwmonAttributesAreRead() throws Exception {
        Path sys = SysfsTrees.copy("node-exporter-sample", tmp);
        // a device directory also holds files such as vpd, whose reads can be slow or have effects
        SysfsTrees.write(sys.resolve("devices/platform/applesmc.768/vpd"), "not to be read");
        HwmonChip applesmc = new HwmonScanner(new SysTree(sys)).chips().stream()
                .filter(c -> c.name().equals("applesmc")).findFirst().orElseThrow();
        assertThat(applesmc.attributes()).containsKeys("name", "fan1_input", "fan2_label").doesNotContainKey("vpd");
    }

    @Test
    void thermalZonesOnRequestAndInMillidegrees() throws Exception {
        Path sys = SysfsTrees.copy("node-exporter-sample", tmp);
        RecordingAccumulator acc = collect(sys, Map.of("parts", List.of("temp"), "thermal_zones", true));
        assertThat(acc.measurement("temp")).filteredOn(p -> "cpu-thermal".equals(p.tag("sensor")))
                .singleElement().satisfies(p -> assertThat(p.field("temp")).isEqualTo(12.376));
    }

    @Test
    void withoutHwmonTemperaturesThermalZonesAreTheFallback() throws Exception {
        Path sys = SysfsTrees.copy("node-exporter-sample", tmp);
        try (var s = Files.list(sys.resolve("class/hwmon"))) {
            for (Path p : s.toList()) {
                if (Files.isSymbolicLink(p)) {
                    Files.delete(p);
                }
            }
        }
        for (String f : List.of("temp1_input", "temp2_input")) {
            Files.delete(sys.resolve("class/hwmon/hwmon4").resolve(f));
        }
        RecordingAccumulator acc = collect(sys, Map.of("parts", List.of("temp", "sensors")));
        assertThat(acc.measurement("sensors")).isEmpty();
        assertThat(acc.measurement("temp")).extracting(p -> p.tag("sensor")).containsExactly("cpu-thermal");
    }

    @Test
    void telegrafsOwnTestTreeGivesTelegrafsExpectedTempPoints() throws Exception {
        Path sys = SysfsTrees.copy("telegraf-temp-k10temp-2nvme", tmp);
        RecordingAccumulator acc = collect(sys, Map.of("parts", List.of("temp"), "add_device_tag", true));
        Set<String> ours = acc.points.stream().map(p -> LineProtocol.encode(p, Precision.SECONDS).replaceAll(" \\d+$", ""))
                .collect(Collectors.toSet());
        Set<String> telegraf = Set.copyOf(Files.readAllLines(
                SysfsTrees.resource("sysfs/telegraf-temp-k10temp-2nvme/expected_v2.out")));
        assertThat(ours).isEqualTo(telegraf);
    }

    @Test
    void telegrafTreeSensorsHaveDistinctChipsEvenWhenDeviceLinksLeadNowhere() throws Exception {
        Path sys = SysfsTrees.copy("telegraf-temp-k10temp-2nvme", tmp);
        RecordingAccumulator acc = collect(sys, Map.of("parts", List.of("sensors")));
        assertThat(acc.points.stream().map(p -> p.tag("chip")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("nvme-virtual-0-hwmon0", "nvme-virtual-0-hwmon1", "k10temp-pci-00c3");
        assertThat(acc.sensor("k10temp-pci-00c3", "tctl").field("temp_input")).isEqualTo(31.875);
        assertThat(acc.sensor("k10temp-pci-00c3", "tccd1").field("temp_input")).isEqualTo(30.75);
        assertThat(acc.sensor("nvme-virtual-0-hwmon1", "composite").fields()).containsEntry("temp_input", 35.85)
                .containsEntry("temp_max", 81.85).containsEntry("temp_crit", 84.85).doesNotContainKey("temp_min");
    }
}
