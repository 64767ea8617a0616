package io.hostpulse.collectors.sensors;

import io.hostpulse.core.config.ConfigNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the {@code sensors} collector section. Every key is optional; see collectors/sensors/README.md.
 *
 * @param parts        which measurement families to gather: {@code sensors} (hwmon chips, Telegraf's sensors),
 *                     {@code temp} (Telegraf's temp), {@code amd_gpu} (amdgpu cards as {@code amd_rocm_smi}),
 *                     {@code rapl} (CPU package energy and power), {@code power_supply} (batteries, AC); default all
 * @param thermalZones {@code thermal_zones}: also report {@code class/thermal} zones as {@code temp} points when
 *                     hwmon has temperatures (without hwmon temperatures they are reported anyway, as Telegraf does)
 * @param deviceTag    {@code add_device_tag}: Telegraf's {@code device} tag on {@code temp} points
 */
public record SensorsConfig(Set<String> parts, boolean thermalZones, boolean deviceTag) {
    public static final List<String> ALL_PARTS = List.of("sensors", "temp", "amd_gpu", "rapl", "power_supply");

    public SensorsConfig {
        parts = Set.copyOf(parts);
    }

    public static SensorsConfig defaults() {
        return from(ConfigNode.of(Map.of()));
    }

    public boolean enabled(String part) {
        return parts.contains(part);
    }

    /** Reads the section; mistakes are recorded on the node and the default is used instead. */
    public static SensorsConfig from(ConfigNode node) {
        Set<String> parts = new LinkedHashSet<>();
        for (String p : node.strings("parts", ALL_PARTS)) {
            String name = p.trim().toLowerCase(java.util.Locale.ROOT);
            if (ALL_PARTS.contains(name)) {
                parts.add(name);
            } else {
                String hint = io.hostpulse.core.config.DidYouMean.closest(name, ALL_PARTS);
                node.problem("parts", "unknown part '" + p + "'" + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                        + "; known: " + String.join(", ", ALL_PARTS)
                        + (name.equals("nvidia_smi") ? " (NVIDIA GPUs have a collector of their own: collectors.nvidia_smi)" : ""));
            }
        }
        return new SensorsConfig(parts, node.bool("thermal_zones", false), node.bool("add_device_tag", false));
    }
}
