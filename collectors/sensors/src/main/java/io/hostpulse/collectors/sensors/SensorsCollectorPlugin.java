package io.hostpulse.collectors.sensors;

import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.config.ConfigNode;

import java.nio.file.Files;
import java.util.Map;
import java.util.Set;

/**
 * Registry row of the {@code sensors} collector: on by default wherever the host's sys path has a {@code class}
 * directory (every Linux host); a host without sensors simply gives no points.
 */
public final class SensorsCollectorPlugin implements CollectorPlugin<SensorsConfig> {
    public static final String NAME = "sensors";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean availableByDefault(CollectorContext ctx) {
        return Files.isDirectory(paths(ctx).sys("class"));
    }

    @Override
    public SensorsConfig configure(ConfigNode section, CollectorContext ctx) {
        return SensorsConfig.from(section);
    }

    @Override
    public Collector create(SensorsConfig config, CollectorContext ctx) {
        return new SensorsCollector(config, paths(ctx).sys());
    }

    private static HostPaths paths(CollectorContext ctx) {
        return ctx.hostPaths() == null ? HostPaths.defaults() : ctx.hostPaths();
    }

    /** Every measurement and field of docs/SCHEMA.md's sensors section (checked against fixture points by a test). */
    @Override
    public Map<String, Set<String>> schema() {
        return Map.of(
                "sensors", Set.of("temp_*", "fan_*", "in_*", "curr_*", "power_*", "energy_*", "humidity_*", "intrusion_*"),
                "temp", Set.of("temp"),
                "amd_rocm_smi", Set.of("utilization_gpu", "utilization_memory", "memory_total", "memory_used", "memory_free",
                        "temperature_sensor_edge", "temperature_sensor_junction", "temperature_sensor_memory",
                        "power_draw", "fan_speed", "clocks_current_sm", "clocks_current_memory"),
                "rapl", Set.of("energy_joules", "power_watts"),
                "power_supply", Set.of("capacity", "online", "present", "cycle_count", "energy_now", "energy_full",
                        "energy_full_design", "charge_now", "charge_full", "charge_full_design", "power_now",
                        "current_now", "voltage_now", "voltage_min_design", "status", "capacity_level", "health"));
    }
}
