package io.hostpulse.collectors.sensors;

import io.hostpulse.core.Point;

import java.time.Instant;
import java.util.Map;

/**
 * One {@code class/power_supply/<supply>} directory (a battery, the AC adapter, a USB-C port, a UPS with a kernel driver)
 * as a {@code power_supply} point. Telegraf has no such plugin; the names are the kernel's attribute names in reported
 * units: {@code energy_*} in Wh (the kernel's µWh), {@code charge_*} in Ah (µAh), {@code power_now} W (µW),
 * {@code current_now} A (µA), {@code voltage_now} V (µV), {@code capacity} %, {@code online}/{@code present} 0 or 1,
 * {@code status} and {@code capacity_level} as text. Tags {@code supply} (BAT0, AC) and {@code type} (Battery, Mains,
 * USB, UPS). Pure.
 */
final class PowerSupplyMapper {
    private static final Map<String, Double> SCALED = Map.ofEntries(
            Map.entry("energy_now", 1e6), Map.entry("energy_full", 1e6), Map.entry("energy_full_design", 1e6),
            Map.entry("charge_now", 1e6), Map.entry("charge_full", 1e6), Map.entry("charge_full_design", 1e6),
            Map.entry("power_now", 1e6), Map.entry("current_now", 1e6), Map.entry("voltage_now", 1e6),
            Map.entry("voltage_min_design", 1e6));
    private static final String[] WHOLE = {"capacity", "online", "present", "cycle_count"};
    private static final String[] TEXT = {"status", "capacity_level", "health"};

    private PowerSupplyMapper() {
    }

    /** @return the point, or null when the supply reports nothing */
    static Point map(String supply, Map<String, String> attrs, Instant now) {
        Point.Builder b = Point.builder("power_supply").time(now).tag("supply", supply).tag("type", attrs.get("type"));
        for (String k : WHOLE) {
            b.field(k, AmdGpuMapper.whole(attrs.get(k)));
        }
        SCALED.keySet().stream().sorted().forEach(k -> {
            Long v = AmdGpuMapper.whole(attrs.get(k));
            if (v != null) {
                b.field(k, v / SCALED.get(k));
            }
        });
        for (String k : TEXT) {
            String v = attrs.get(k);
            if (v != null && !v.isBlank()) {
                b.field(k, v.trim());
            }
        }
        return b.hasFields() ? b.build() : null;
    }
}
