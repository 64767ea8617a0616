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
 * @param parts            which parts to run: {@code parts} (default the ten of {@link #ALL_PARTS}) plus
 *                         {@code extra_parts} (any of {@link #OPTIONAL_PARTS}, off by default); either list may name
 *                         any known part
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
 * @param netProtocolStats {@code net_protocol_stats}: a {@code net,interface=all} point with the /proc/net/snmp
 *                         counters (Telegraf's net plugin up to 1.36); default false
 * @param nstatDumpZeros   {@code nstat_dump_zeros}: {@code nstat} writes counters at zero too (Telegraf's
 *                         {@code dump_zeros}); default true
 * @param interruptsCpuAsTag {@code interrupts_cpu_as_tag}: one {@code interrupts} point per IRQ and CPU (Telegraf's
 *                         {@code cpu_as_tag}); default false
 */
public record HostConfig(Set<String> parts, boolean perCpu, boolean totalCpu, boolean reportActive,
                         List<String> ignoreFs, List<String> mountPoints, boolean dedupeMounts,
                         Duration networkFsTimeout, List<String> interfaces, List<String> diskioDevices,
                         List<String> diskioIgnore, boolean diskioSerial, boolean netProtocolStats,
                         boolean nstatDumpZeros, boolean interruptsCpuAsTag) {

    /** The parts on by default, in the order they run. */
    public static final List<String> ALL_PARTS = List.of(
            "cpu", "mem", "swap", "system", "disk", "diskio", "net", "processes", "kernel", "pressure");

    /** Telegraf-named parts that are off unless listed (in {@code parts} or {@code extra_parts}), in run order. */
    public static final List<String> OPTIONAL_PARTS = List.of(
            "netstat", "nstat", "conntrack", "linux_sysctl_fs", "interrupts");

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
        Set<String> parts = new LinkedHashSet<>();
        addParts(node, "parts", node.strings("parts", ALL_PARTS), parts);
        addParts(node, "extra_parts", node.strings("extra_parts", List.of()), parts);
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
                node.bool("diskio_serial", true),
                node.bool("net_protocol_stats", false),
                node.bool("nstat_dump_zeros", true),
                node.bool("interrupts_cpu_as_tag", false));
    }

    private static void addParts(ConfigNode node, String key, List<String> names, Set<String> parts) {
        for (String p : names) {
            String name = p.trim().toLowerCase();
            if (ALL_PARTS.contains(name) || OPTIONAL_PARTS.contains(name)) {
                parts.add(name);
            } else if (name.equals("sensors")) {
                node.problem(key, "'sensors' is not a host part: temperatures, fans, GPUs and power are the collectors 'sensors' and 'nvidia_smi' (collectors.sensors, collectors.nvidia_smi)");
            } else {
                node.problem(key, "unknown part '" + p + "' (known: " + String.join(", ", ALL_PARTS) + "; optional: "
                        + String.join(", ", OPTIONAL_PARTS) + ")");
            }
        }
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
