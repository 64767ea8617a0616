package io.hostpulse.collectors.host.process;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container a process belongs to, from {@code /proc/<pid>/cgroup}. Pure. Docker puts a container's processes in
 * {@code /docker/<id>} (cgroupfs driver), {@code /system.slice/docker-<id>.scope} (systemd driver) or, nested, in a
 * path ending so; containerd/Kubernetes in {@code cri-containerd-<id>.scope} or {@code /kubepods/.../<id>}. The id is
 * the 64 hex digits Docker also reports; resolving it to a name is left to whoever has the container list.
 */
public final class Cgroups {
    private static final Pattern ID = Pattern.compile(
            "(?:/docker/|/docker-|/cri-containerd-|/crio-|/libpod-|/kubepods[^\\n]*/)([0-9a-f]{64})(?:\\.scope)?(?:/|$)");

    private Cgroups() {
    }

    /** @return the container id (64 hex digits), or null for a process outside any container */
    public static String containerId(String cgroupText) {
        for (String line : cgroupText.split("\n")) {
            // hierarchy-ID:controllers:path; the path may contain ':'
            int first = line.indexOf(':');
            int second = first < 0 ? -1 : line.indexOf(':', first + 1);
            if (second < 0) {
                continue;
            }
            Matcher m = ID.matcher(line.substring(second + 1).trim());
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
