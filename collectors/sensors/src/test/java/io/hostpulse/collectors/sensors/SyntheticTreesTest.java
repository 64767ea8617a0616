package io.hostpulse.collectors.sensors;

import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.hostpulse.collectors.sensors.SysfsTrees.link;
import static io.hostpulse.collectors.sensors.SysfsTrees.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * amdgpu, RAPL and power_supply trees. No real recording of these was available (see SOURCES.md), so each tree is
 * written here from the kernel's documented attribute names and units (Documentation/gpu/amdgpu, powercap, ABI
 * sysfs-class-power), laid out with the links the kernel makes.
 */
class SyntheticTreesTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path sys;

    private RecordingAccumulator collect(SensorsCollector c, Instant now) throws Exception {
        RecordingAccumulator acc = new RecordingAccumulator();
        c.collect(now, acc);
        assertThat(acc.errors).isEmpty();
        return acc;
    }

    private SensorsCollector collector(String... parts) {
        return new SensorsCollector(SensorsConfig.from(ConfigNode.of(Map.of("parts", List.of(parts)))), sys);
    }

    private void amdCard() {
        Path dev = sys.resolve("devices/pci0000:00/0000:00:03.1/0000:03:00.0");
        write(dev.resolve("vendor"), "0x1002");
        write(dev.resolve("device"), "0x73bf");
        write(dev.resolve("unique_id"), "5f3c1a2b9d8e7f60");
        write(dev.resolve("gpu_busy_percent"), "37");
        write(dev.resolve("mem_busy_percent"), "12");
        write(dev.resolve("mem_info_vram_total"), "17163091968");
        write(dev.resolve("mem_info_vram_used"), "1073741824");
        Path mon = dev.resolve("hwmon/hwmon5");
        write(mon.resolve("name"), "amdgpu");
        write(mon.resolve("temp1_label"), "edge");
        write(mon.resolve("temp1_input"), "45000");
        write(mon.resolve("temp1_crit"), "100000");
        write(mon.resolve("temp2_label"), "junction");
        write(mon.resolve("temp2_input"), "52000");
        write(mon.resolve("temp2_crit"), "110000");
        write(mon.resolve("temp3_label"), "mem");
        write(mon.resolve("temp3_input"), "50000");
        write(mon.resolve("power1_average"), "38000000");
        write(mon.resolve("power1_cap"), "203000000");
        write(mon.resolve("in0_label"), "vddgfx");
        write(mon.resolve("in0_input"), "1143");
        write(mon.resolve("fan1_input"), "1210");
        write(mon.resolve("pwm1"), "77");
        write(mon.resolve("freq1_label"), "sclk");
        write(mon.resolve("freq1_input"), "2000000000");
        write(mon.resolve("freq2_label"), "mclk");
        write(mon.resolve("freq2_input"), "1000000000");
        link(mon.resolve("device"), "../../../0000:03:00.0");
        link(sys.resolve("class/hwmon/hwmon5"), "../../devices/pci0000:00/0000:00:03.1/0000:03:00.0/hwmon/hwmon5");
        link(sys.resolve("class/drm/card0/device"), "../../../devices/pci0000:00/0000:00:03.1/0000:03:00.0");
        write(sys.resolve("class/drm/card0-DP-1/status"), "connected");
        // an Intel iGPU next to it is not an amdgpu card
        write(sys.resolve("devices/pci0000:00/0000:00:02.0/vendor"), "0x8086");
        link(sys.resolve("class/drm/card1/device"), "../../../devices/pci0000:00/0000:00:02.0");
    }

    @Test
    void anAmdgpuCardIsTelegrafsAmdRocmSmiAndItsHwmonIsASensorsChip() throws Exception {
        amdCard();
        RecordingAccumulator acc = collect(collector("amd_gpu", "sensors"), T0);
        Point gpu = acc.measurement("amd_rocm_smi").get(0);
        assertThat(acc.measurement("amd_rocm_smi")).hasSize(1);
        assertThat(gpu.tags()).containsEntry("name", "card0").containsEntry("gpu_id", "0x73bf")
                .containsEntry("gpu_unique_id", "5f3c1a2b9d8e7f60");
        assertThat(gpu.fields()).containsEntry("utilization_gpu", 37L).containsEntry("utilization_memory", 12L)
                .containsEntry("memory_total", 17163091968L).containsEntry("memory_used", 1073741824L)
                .containsEntry("memory_free", 17163091968L - 1073741824L)
                .containsEntry("temperature_sensor_edge", 45.0).containsEntry("temperature_sensor_junction", 52.0)
                .containsEntry("temperature_sensor_memory", 50.0).containsEntry("power_draw", 38.0)
                .containsEntry("fan_speed", 30L).containsEntry("clocks_current_sm", 2000L)
                .containsEntry("clocks_current_memory", 1000L);
        // the same hwmon chip, lm-sensors style: microwatts to watts, millivolts to volts
        assertThat(acc.sensor("amdgpu-pci-0300", "edge").fields()).containsEntry("temp_input", 45.0)
                .containsEntry("temp_crit", 100.0);
        assertThat(acc.sensor("amdgpu-pci-0300", "power1").fields()).containsEntry("power_average", 38.0)
                .containsEntry("power_cap", 203.0);
        assertThat(acc.sensor("amdgpu-pci-0300", "vddgfx").field("in_input")).isEqualTo(1.143);
        assertThat(acc.sensor("amdgpu-pci-0300", "fan1").field("fan_input")).isEqualTo(1210.0);
    }

    private void raplZone(String id, String name, long energyUj) {
        Path zone = sys.resolve("devices/virtual/powercap/intel-rapl/" + id);
        write(zone.resolve("name"), name);
        write(zone.resolve("energy_uj"), Long.toString(energyUj));
        write(zone.resolve("max_energy_range_uj"), Long.toString(RaplMeterTest.RANGE));
        if (!java.nio.file.Files.exists(sys.resolve("class/powercap/" + id))) {
            link(sys.resolve("class/powercap/" + id), "../../devices/virtual/powercap/intel-rapl/" + id);
        }
    }

    @Test
    void raplCountersBecomeWattsFromTheSecondCollectionAcrossAWrap() throws Exception {
        write(sys.resolve("devices/virtual/powercap/intel-rapl/enabled"), "1");
        link(sys.resolve("class/powercap/intel-rapl"), "../../devices/virtual/powercap/intel-rapl");
        raplZone("intel-rapl:0", "package-0", RaplMeterTest.RANGE - 200_000_000L);
        raplZone("intel-rapl:0:0", "core", 5_000_000L);
        SensorsCollector c = collector("rapl");

        RecordingAccumulator first = collect(c, T0);
        assertThat(first.measurement("rapl")).hasSize(2).allMatch(p -> p.field("power_watts") == null);
        Point pkg = first.measurement("rapl").stream().filter(p -> p.tag("name").equals("package-0")).findFirst().orElseThrow();
        assertThat(pkg.tags()).containsEntry("power_zone", "intel-rapl:0");
        assertThat((Double) pkg.field("energy_joules")).isEqualTo((RaplMeterTest.RANGE - 200_000_000L) / 1e6);

        raplZone("intel-rapl:0", "package-0", 300_000_000L); // wrapped: 200 J + 300 J
        raplZone("intel-rapl:0:0", "core", 125_000_000L);    // 120 J
        RecordingAccumulator second = collect(c, T0.plusSeconds(10));
        assertThat(second.measurement("rapl")).extracting(p -> p.tag("name") + "=" + p.field("power_watts"))
                .containsExactlyInAnyOrder("package-0=50.0", "core=12.0");
    }

    @Test
    void aBatteryAndTheAcAdapterInReportedUnits() throws Exception {
        Path bat = sys.resolve("devices/LNXSYSTM:00/LNXSYBUS:00/PNP0C0A:00/power_supply/BAT0");
        write(bat.resolve("type"), "Battery");
        write(bat.resolve("status"), "Discharging");
        write(bat.resolve("present"), "1");
        write(bat.resolve("capacity"), "87");
        write(bat.resolve("capacity_level"), "Normal");
        write(bat.resolve("cycle_count"), "112");
        write(bat.resolve("energy_now"), "45000000");
        write(bat.resolve("energy_full"), "52000000");
        write(bat.resolve("energy_full_design"), "57000000");
        write(bat.resolve("power_now"), "9500000");
        write(bat.resolve("voltage_now"), "12100000");
        write(bat.resolve("uevent"), "POWER_SUPPLY_NAME=BAT0");
        link(sys.resolve("class/power_supply/BAT0"), "../../devices/LNXSYSTM:00/LNXSYBUS:00/PNP0C0A:00/power_supply/BAT0");
        Path ac = sys.resolve("devices/LNXSYSTM:00/LNXSYBUS:00/ACPI0003:00/power_supply/AC");
        write(ac.resolve("type"), "Mains");
        write(ac.resolve("online"), "0");
        link(sys.resolve("class/power_supply/AC"), "../../devices/LNXSYSTM:00/LNXSYBUS:00/ACPI0003:00/power_supply/AC");

        RecordingAccumulator acc = collect(collector("power_supply"), T0);
        Point b = acc.measurement("power_supply").stream().filter(p -> p.tag("supply").equals("BAT0")).findFirst().orElseThrow();
        assertThat(b.tags()).containsEntry("type", "Battery");
        assertThat(b.fields()).containsEntry("status", "Discharging").containsEntry("capacity", 87L)
                .containsEntry("present", 1L).containsEntry("cycle_count", 112L).containsEntry("energy_now", 45.0)
                .containsEntry("energy_full", 52.0).containsEntry("energy_full_design", 57.0)
                .containsEntry("power_now", 9.5).containsEntry("voltage_now", 12.1).containsEntry("capacity_level", "Normal")
                .doesNotContainKeys("online", "charge_now", "current_now");
        Point a = acc.measurement("power_supply").stream().filter(p -> p.tag("supply").equals("AC")).findFirst().orElseThrow();
        assertThat(a.fields()).containsOnlyKeys("online").containsEntry("online", 0L);
    }

    @Test
    void aHostWithoutAnyOfTheseFilesGivesNothingAndNoErrors() throws Exception {
        write(sys.resolve("class/thermal/.keep"), "");
        RecordingAccumulator acc = collect(new SensorsCollector(SensorsConfig.defaults(), sys), T0);
        assertThat(acc.points).isEmpty();
    }
}
