package io.hostpulse.collectors.sensors;

import java.util.Map;

/**
 * One hwmon chip as read from sysfs, before interpretation.
 *
 * @param dir        the class/hwmon entry (hwmon3)
 * @param name       the chip's {@code name} file; the device's name, else {@code dir}, when there is none
 * @param chip       the lm-sensors style chip name ({@code nvme-pci-0100}), unique among this host's chips
 * @param device     the last part of the {@code device} link (Telegraf's {@code device} tag), or null
 * @param attributes attribute file name to trimmed text ({@code temp1_input} to {@code 43850})
 */
record HwmonChip(String dir, String name, String chip, String device, Map<String, String> attributes) {
    HwmonChip {
        attributes = Map.copyOf(attributes);
    }
}
