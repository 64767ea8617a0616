package io.hostpulse.collectors.sensors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads every {@code class/hwmon/hwmon*} chip and every {@code class/thermal/thermal_zone*} under the sys path. The
 * attributes are taken from the hwmon directory; a chip whose hwmon directory holds none (old drivers such as
 * applesmc keep them in the device directory) is read from {@code device/} instead, as Telegraf and lm-sensors do.
 */
final class HwmonScanner {
    private static final Pattern HWMON = Pattern.compile("hwmon\\d+");
    private static final Pattern ZONE = Pattern.compile("thermal_zone\\d+");
    private static final Pattern SENSOR_ATTRIBUTE = Pattern.compile("(temp|fan|in|curr|power|energy|humidity|intrusion)\\d+_.*");

    private static final Pattern DEVICE_ATTRIBUTE = Pattern.compile("name|(temp|fan|in|curr|power|energy|humidity|intrusion)\\d+_[a-z_]+");

    private final SysTree sys;

    HwmonScanner(SysTree sys) {
        this.sys = sys;
    }

    List<HwmonChip> chips() throws IOException {
        List<HwmonChip> chips = new ArrayList<>();
        for (Path dir : sys.list(sys.resolve("class/hwmon"), HWMON)) {
            Map<String, String> attrs = sys.attributes(dir);
            Path device = dir.resolve("device");
            if (attrs.keySet().stream().noneMatch(k -> SENSOR_ATTRIBUTE.matcher(k).matches()) && Files.isDirectory(device)) {
                // only hwmon names: a PCI device directory also holds files whose reads are slow or have effects (vpd)
                Map<String, String> merged = new LinkedHashMap<>(sys.attributes(device, DEVICE_ATTRIBUTE));
                merged.putAll(attrs);
                attrs = merged;
            }
            Path real = sys.realPath(device);
            String link = sys.linkTarget(device);
            String devicePath = real != null ? real.toString() : link;
            String deviceName = devicePath == null ? null : Path.of(devicePath.replaceAll("/+$", "")).getFileName().toString();
            if (devicePath == null) {
                devicePath = parentDevice(dir);
            }
            String dirName = dir.getFileName().toString();
            String name = attrs.getOrDefault("name", deviceName != null ? deviceName : dirName).trim();
            if (name.isEmpty()) {
                name = dirName;
            }
            chips.add(new HwmonChip(dirName, name, ChipNames.of(name, devicePath), deviceName, attrs));
        }
        return unique(chips);
    }

    /**
     * For a chip without a {@code device} link (some Super-I/O drivers): the device directory its hwmon directory sits
     * in ({@code devices/platform/nct6775.656} for {@code .../nct6775.656/hwmon/hwmon3}), or null when the hwmon
     * directory is not inside {@code devices/}.
     */
    private String parentDevice(Path dir) {
        Path real = sys.realPath(dir);
        Path root = sys.realPath(sys.root());
        if (real == null || root == null || !real.startsWith(root.resolve("devices"))) {
            return null;
        }
        Path parent = real.getParent();
        if (parent != null && parent.getFileName().toString().equals("hwmon")) {
            parent = parent.getParent();
        }
        return parent == null ? null : parent.toString();
    }

    /** Chips that would share a name (two NVMe drives whose device links lead nowhere) get their hwmon entry appended. */
    static List<HwmonChip> unique(List<HwmonChip> chips) {
        Map<String, Integer> count = new HashMap<>();
        chips.forEach(c -> count.merge(c.chip(), 1, Integer::sum));
        List<HwmonChip> out = new ArrayList<>();
        for (HwmonChip c : chips) {
            out.add(count.get(c.chip()) > 1
                    ? new HwmonChip(c.dir(), c.name(), c.chip() + "-" + c.dir(), c.device(), c.attributes()) : c);
        }
        return out;
    }

    /** A thermal zone: its {@code type} and {@code temp} text (absent when the zone cannot be read now). */
    record Zone(String dir, String type, String temp) {
    }

    List<Zone> zones() throws IOException {
        List<Zone> out = new ArrayList<>();
        for (Path dir : sys.list(sys.resolve("class/thermal"), ZONE)) {
            String type = sys.text(dir.resolve("type")).orElse(dir.getFileName().toString());
            String temp = sys.text(dir.resolve("temp")).orElse(null);
            if (temp != null) {
                out.add(new Zone(dir.getFileName().toString(), type, temp));
            }
        }
        return out;
    }
}
