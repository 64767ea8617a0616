package io.hostpulse.collectors.sensors;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lm-sensors style chip names, {@code <name>-<bus>-<address>} ({@code coretemp-isa-0000}, {@code nvme-pci-0100},
 * {@code k10temp-pci-00c3}, {@code acpitz-acpi-0}), from the path the chip's {@code device} link leads to. The nearest
 * part of the path that names a bus address decides: a PCI address gives {@code pci-<bus:slot.fn as hex>}, an I2C client
 * {@code i2c-<adapter>-<address>}, an ACPI device {@code acpi-0}, a numbered platform device {@code isa-<number as hex>};
 * a chip without a device (or one in /devices/virtual) is {@code virtual-0}. Pure.
 */
final class ChipNames {
    private static final Pattern PCI = Pattern.compile("([0-9a-f]{4}):([0-9a-f]{2}):([0-9a-f]{2})\\.([0-7])");
    private static final Pattern I2C = Pattern.compile("(\\d+)-([0-9a-f]{4})");
    private static final Pattern ACPI = Pattern.compile("[A-Z0-9]{3,8}:[0-9a-f]{2}");
    private static final Pattern PLATFORM_NUMBERED = Pattern.compile(".+\\.(\\d{1,6})");

    private ChipNames() {
    }

    /**
     * @param name       the chip's name file
     * @param devicePath the device link's target (resolved if possible, else its text), or null without a link
     */
    static String of(String name, String devicePath) {
        return name + "-" + bus(devicePath);
    }

    static String bus(String devicePath) {
        if (devicePath == null || devicePath.isBlank()) {
            return "virtual-0";
        }
        List<String> parts = List.of(devicePath.replaceAll("/+$", "").split("/"));
        boolean platform = parts.contains("platform");
        for (int i = parts.size() - 1; i >= 0; i--) {
            String s = parts.get(i);
            Matcher m = PCI.matcher(s);
            if (m.matches()) {
                int addr = Integer.parseInt(m.group(1), 16) << 16 | Integer.parseInt(m.group(2), 16) << 8
                        | Integer.parseInt(m.group(3), 16) << 3 | Integer.parseInt(m.group(4));
                return String.format("pci-%04x", addr);
            }
            m = I2C.matcher(s);
            if (m.matches()) {
                return "i2c-" + m.group(1) + "-" + String.format("%02x", Integer.parseInt(m.group(2), 16));
            }
            if (ACPI.matcher(s).matches()) {
                return "acpi-0";
            }
            if (s.equals("virtual")) {
                return "virtual-0";
            }
            m = PLATFORM_NUMBERED.matcher(s);
            if (platform && m.matches()) {
                return String.format("isa-%04x", Integer.parseInt(m.group(1)));
            }
            if (s.equals("platform")) {
                return "isa-0000";
            }
        }
        return "virtual-0";
    }
}
