package io.hostpulse.collectors.host;

import io.hostpulse.core.config.ConfigNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the {@code host} collector section. Every key is optional; see collectors/host/README.md.
 *
 * @param parts            which measurements to gather ({@code cpu, mem, swap, system, disk, diskio, net, processes,
 *                         kernel, pressure}); default all
 * @param perCpu           {@code percpu}: one {@code cpu} point per core (tag cpu=cpuN); default true
 * @param totalCpu         {@code totalcpu}: the {@code cpu=cpu-total} point; default true
 * @param reportActive     {@code report_active}: field usage_active (100 - idle); default true
 * @param ignoreFs         {@code ignore_fs}: file system types that get no {@code disk} point
 * @param mountPoints      {@code mount_points}: exact host paths to report; empty = every mount not ignored
 * @param dedupeMounts     {@code dedupe_mounts}: one {@code disk} point per file system (device), not per bind mount
 * @param networkFsTimeout {@code network_fs_timeout}: how long statvfs on nfs/cifs/fuse may block before that mount
 *                         is reported as an error and skipped until the call returns
 * @param interfaces       {@code interfaces}: globs of interfaces for {@code net}; empty = all but loopback (lo)
 * @param diskioDevices    {@code diskio_devices}: globs of /proc/diskstats names for {@code diskio}; empty = all
 * @param diskioIgnore     {@code diskio_ignore}: globs of names never reported; default loop*, ram*
 * @param diskioSerial     {@code diskio_serial}: add tag {@code serial} (udev ID_SERIAL, else sysfs) when known
 */
public record HostConfig(Set<String> parts, boolean perCpu, boolean totalCpu, boolean reportActive,
                         List<String> ignoreFs, List<String> mountPoints, boolean dedupeMounts,
                         Duration networkFsTimeout, List<String> interfaces, List<String> diskioDevices,
                         List<String> diskioIgnore, boolean diskioSerial) {

    /** Every part this collector knows, in the order it emits them. */
    public static final List<String> ALL_PARTS = List.of(
            "cpu", "mem", "swap", "system", "disk", "diskio", "net", "processes", "kernel", "pressure");

    /** Telegraf's default ignore_fs plus the pseudo file systems a Linux host mounts (none holds user data). */
    public static final List<String> DEFAULT_IGNORE_FS = List.of(
            "tmpfs", "devtmpfs", "devfs", "iso9660", "overlay", "aufs", "squashfs",
            "proc", "sysfs", "cgroup", "cgroup2", "nsfs", "tracefs", "debugfs", "securityfs", "pstore", "bpf",
            "autofs", "mqueue", "hugetlbfs", "configfs", "fusectl", "binfmt_misc", "ramfs", "efivarfs",
            "fuse.lxcfs", "devpts", "rpc_pipefs", "nfsd", "selinuxfs", "fuse.gvfsd-fuse", "fuse.portal", "rootfs");

    public static final List<String> DEFAULT_DISKIO_IGNORE = List.of("loop*", "ram*");

    public static final Duration DEFAULT_NETWORK_FS_TIMEOUT = Duration.ofSeconds(2);

    public HostConfig {
        parts = Set.copyOf(parts);
        ignoreFs = List.copyOf(ignoreFs);
        mountPoints = List.copyOf(mountPoints);
        interfaces = List.copyOf(interfaces);
        diskioDevices = List.copyOf(diskioDevices);
        diskioIgnore = List.copyOf(diskioIgnore);
    }

    public static HostConfig defaults() {
        return from(ConfigNode.of(Map.of()));
    }

    public boolean enabled(String part) {
        return parts.contains(part);
    }

    /** Reads the section; mistakes are recorded on the node and the default is used instead. */
    public static HostConfig from(ConfigNode node) {
        List<String> partList = node.strings("parts", ALL_PARTS);
        Set<String> parts = new LinkedHashSet<>();
        for (String p : partList) {
            String name = p.trim().toLowerCase();
            if (ALL_PARTS.contains(name)) {
                parts.add(name);
            } else if (name.equals("sensors")) {
                node.problem("parts", "'sensors' is not available yet in this version");
            } else {
                node.problem("parts", "unknown part '" + p + "' (known: " + String.join(", ", ALL_PARTS) + ")");
            }
        }
        Duration timeout = node.positiveDuration("network_fs_timeout", DEFAULT_NETWORK_FS_TIMEOUT);
        return new HostConfig(parts,
                node.bool("percpu", true),
                node.bool("totalcpu", true),
                node.bool("report_active", true),
                node.strings("ignore_fs", DEFAULT_IGNORE_FS),
                absolute(node, "mount_points", node.strings("mount_points", List.of())),
                node.bool("dedupe_mounts", true),
                timeout,
                node.strings("interfaces", List.of()),
                node.strings("diskio_devices", List.of()),
                node.strings("diskio_ignore", DEFAULT_DISKIO_IGNORE),
                node.bool("diskio_serial", true));
    }

    private static List<String> absolute(ConfigNode node, String key, List<String> paths) {
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            if (!p.startsWith("/")) {
                node.problem(key, "'" + p + "' is not an absolute path (mount points are host paths like /srv)");
            } else {
                out.add(p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p);
            }
        }
        return out;
    }
}
