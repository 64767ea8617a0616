package io.hostpulse.core;

import java.nio.file.Path;

/**
 * Where the host's files are. In a container the host's /proc, /sys and / are mounted elsewhere
 * (like node_exporter's --path.procfs, --path.sysfs, --path.rootfs).
 */
public record HostPaths(Path proc, Path sys, Path root) {

    public static HostPaths defaults() {
        return new HostPaths(Path.of("/proc"), Path.of("/sys"), Path.of("/"));
    }

    public Path proc(String relative) {
        return proc.resolve(relative);
    }

    public Path sys(String relative) {
        return sys.resolve(relative);
    }
}
