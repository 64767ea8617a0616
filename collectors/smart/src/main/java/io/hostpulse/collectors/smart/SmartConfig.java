package io.hostpulse.collectors.smart;

import io.hostpulse.core.config.ConfigNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code collectors.smart} section (the agent itself reads enabled, interval, cron, jitter, timeout).
 *
 * @param smartctlPath   smartctl to run: a path, or a bare name looked up on PATH
 * @param devices        devices to read besides (or instead of) the scan, each with an optional type
 * @param scan           run {@code smartctl --scan-open}; default: only when no devices are listed
 * @param include        glob patterns a device name must match (empty: all)
 * @param exclude        glob patterns that drop a device
 * @param nocheck        smartctl {@code --nocheck}: never, sleep, standby (default) or idle
 * @param commandTimeout limit for one smartctl run; it is killed after that
 * @param fallbackTypes  device types tried in order when the detected one gives no SMART data (USB bridges)
 * @param extended       use {@code --xall} (default) rather than {@code --all}
 * @param stateFile      state file name, relative to the agent's data directory
 * @param attributes     write {@code smart_attribute} points
 * @param baselineReset  any text; changing it resets (and acknowledges) every disk's baseline once
 * @param wearWarningPercent SSD life left at or under which the verdict is a warning
 */
public record SmartConfig(String smartctlPath, List<Device> devices, boolean scan, List<String> include,
                          List<String> exclude, String nocheck, Duration commandTimeout, List<String> fallbackTypes,
                          boolean extended, String stateFile, boolean attributes, String baselineReset,
                          int wearWarningPercent) {

    /** A device to read, with the smartctl type to use (null: let smartctl detect it). */
    public record Device(String name, String type) {
    }

    public static final List<String> DEFAULT_FALLBACKS = List.of("sat", "sntjmicron", "sntasmedia", "sntrealtek", "scsi");
    private static final List<String> NOCHECK = List.of("never", "sleep", "standby", "idle");

    public static SmartConfig defaults() {
        return from(ConfigNode.of(java.util.Map.of()));
    }

    public static SmartConfig from(ConfigNode node) {
        String path = node.string("smartctl_path", "smartctl");
        List<Device> devices = new ArrayList<>();
        for (ConfigNode d : node.children("devices")) {
            String name = d.string("device", null);
            String type = d.string("type", null);
            if (name == null || name.isBlank()) {
                d.problem("device", "each entry of devices needs a device path, such as /dev/sdb");
                continue;
            }
            if (type != null && (type.isBlank() || !type.matches("[A-Za-z0-9,+_\\-/]+"))) {
                d.problem("type", "\"" + type + "\" is not a smartctl device type (such as sat, nvme or megaraid,4)");
                type = null;
            }
            devices.add(new Device(name.trim(), type == null ? null : type.trim()));
        }
        boolean scan = node.bool("scan", devices.isEmpty());
        List<String> include = node.strings("include", List.of());
        List<String> exclude = node.strings("exclude", List.of());
        String nocheck = node.string("nocheck", "standby").trim().toLowerCase();
        if (!NOCHECK.contains(nocheck)) {
            node.problem("nocheck", "\"" + nocheck + "\" is not one of " + String.join(", ", NOCHECK));
            nocheck = "standby";
        }
        Duration timeout = node.positiveDuration("command_timeout", Duration.ofSeconds(30));
        List<String> fallbacks = node.strings("fallback_types", DEFAULT_FALLBACKS);
        boolean extended = node.bool("extended", true);
        String stateFile = node.string("state_file", "smart-state.json");
        boolean attributes = node.bool("attributes", true);
        String reset = node.string("baseline_reset", null);
        int wear = (int) node.integer("wear_warning_percent", 10, 0, 100);
        return new SmartConfig(path, List.copyOf(devices), scan, include, exclude, nocheck, timeout,
                List.copyOf(fallbacks), extended, stateFile, attributes, reset, wear);
    }
}
