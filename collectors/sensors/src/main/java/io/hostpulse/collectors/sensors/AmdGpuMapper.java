package io.hostpulse.collectors.sensors;

import io.hostpulse.core.Point;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * An amdgpu card's sysfs files as Telegraf's {@code amd_rocm_smi} point: the same figures rocm-smi reads, from the
 * same kernel files, without needing ROCm installed. Tags {@code name} (card0), {@code gpu_id} (the PCI device id, as
 * rocm-smi's "GPU ID"), {@code gpu_unique_id}; fields {@code utilization_gpu} ({@code gpu_busy_percent}),
 * {@code utilization_memory} ({@code mem_busy_percent}), {@code memory_total}/{@code memory_used}/{@code memory_free}
 * in bytes ({@code mem_info_vram_*}), {@code temperature_sensor_edge}/{@code _junction}/{@code _memory} (hwmon temps
 * by label), {@code power_draw} W ({@code power1_average}, else {@code power1_input}), {@code fan_speed} %
 * ({@code pwm1} of 255), {@code clocks_current_sm}/{@code clocks_current_memory} MHz ({@code freq1_input} sclk,
 * {@code freq2_input} mclk). Pure.
 */
final class AmdGpuMapper {
    private AmdGpuMapper() {
    }

    /** Whether a DRM card's device directory is an amdgpu device with the files this mapper reads. */
    static boolean isAmdGpu(Map<String, String> device) {
        return "0x1002".equalsIgnoreCase(device.get("vendor"))
                && (device.containsKey("gpu_busy_percent") || device.containsKey("mem_info_vram_total"));
    }

    /** @return the point, or null when the card has no reading at all */
    static Point map(String card, Map<String, String> device, Map<String, String> hwmon, Instant now) {
        Point.Builder b = Point.builder("amd_rocm_smi").time(now)
                .tag("name", card)
                .tag("gpu_id", device.get("device"))
                .tag("gpu_unique_id", device.get("unique_id"));
        b.field("utilization_gpu", whole(device.get("gpu_busy_percent")));
        b.field("utilization_memory", whole(device.get("mem_busy_percent")));
        Long total = whole(device.get("mem_info_vram_total"));
        Long used = whole(device.get("mem_info_vram_used"));
        b.field("memory_total", total).field("memory_used", used);
        if (total != null && used != null && used <= total) {
            b.field("memory_free", total - used);
        }
        for (int i = 1; i <= 9; i++) {
            String label = hwmon.get("temp" + i + "_label");
            Long milli = whole(hwmon.get("temp" + i + "_input"));
            if (label == null || milli == null) {
                continue;
            }
            String sensor = switch (label.trim().toLowerCase(Locale.ROOT)) {
                case "edge" -> "edge";
                case "junction" -> "junction";
                case "mem" -> "memory";
                default -> null;
            };
            if (sensor != null) {
                b.field("temperature_sensor_" + sensor, milli / 1000.0);
            }
        }
        Long microwatts = whole(hwmon.getOrDefault("power1_average", hwmon.get("power1_input")));
        if (microwatts != null) {
            b.field("power_draw", microwatts / 1_000_000.0);
        }
        Long pwm = whole(hwmon.get("pwm1"));
        if (pwm != null && pwm >= 0 && pwm <= 255) {
            b.field("fan_speed", Math.round(pwm * 100.0 / 255.0));
        }
        Long sclk = whole(hwmon.get("freq1_input"));
        Long mclk = whole(hwmon.get("freq2_input"));
        b.field("clocks_current_sm", sclk == null ? null : sclk / 1_000_000);
        b.field("clocks_current_memory", mclk == null ? null : mclk / 1_000_000);
        return b.hasFields() ? b.build() : null;
    }

    static Long whole(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
