package io.hostpulse.collectors.host.disk;

import io.hostpulse.collectors.host.disk.MountinfoParser.Mount;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure: which mounts get a {@code disk} point, under which path tag, and where to call statvfs.
 *
 * <p>Three views of the host's mounts, chosen from the mount table itself:
 * <ul>
 *   <li>host root is "/": the agent sees the host's file systems directly.</li>
 *   <li>the table contains a mount at the host root (say /hostfs): it is the agent container's own table, so only the
 *       mounts under /hostfs count, and the prefix is cut from the path tag (Telegraf's HOST_MOUNT_PREFIX).</li>
 *   <li>otherwise it is the host's table (read from the host's /proc/1/mountinfo): mount points are host paths, and
 *       statvfs goes to hostRoot + mount point.</li>
 * </ul>
 * Then: a later mount on the same point hides the earlier one; ignore_fs types and mount_points filters apply; and
 * with dedupe on, one mount per device (major:minor) is kept, preferring the one that mounts the file system's own
 * root ("/", not a bind of a sub directory) and then the shortest path. statvfs of two mounts of one file system gives
 * the same numbers, so the others (Docker volume binds, /var/lib/kubelet/..., btrfs subvolumes) only add series.
 */
final class DiskSelector {
    private DiskSelector() {
    }

    /**
     * @param path     the {@code path} tag: the mount point as the host sees it
     * @param statPath where this process reaches the mount
     */
    record Target(Mount mount, String path, String statPath) {
    }

    static List<Target> select(List<Mount> mounts, String hostRoot, List<String> ignoreFs, List<String> mountPoints,
                               boolean dedupe) {
        String root = normalise(hostRoot);
        boolean direct = root.equals("/");
        boolean containerView = !direct && mounts.stream().anyMatch(m -> m.mountPoint().equals(root));

        // the last mount on a mount point is the visible one
        Map<String, Target> visible = new LinkedHashMap<>();
        for (Mount m : mounts) {
            Target t;
            if (direct) {
                t = new Target(m, m.mountPoint(), m.mountPoint());
            } else if (containerView) {
                if (!(m.mountPoint().equals(root) || m.mountPoint().startsWith(root + "/"))) {
                    continue;
                }
                String p = m.mountPoint().substring(root.length());
                t = new Target(m, p.isEmpty() ? "/" : p, m.mountPoint());
            } else {
                t = new Target(m, m.mountPoint(), m.mountPoint().equals("/") ? root : root + m.mountPoint());
            }
            visible.remove(t.path());
            visible.put(t.path(), t);
        }

        Set<String> ignored = Set.copyOf(ignoreFs);
        List<Target> kept = new ArrayList<>();
        for (Target t : visible.values()) {
            if (ignored.contains(t.mount().fsType())) {
                continue;
            }
            if (!mountPoints.isEmpty() && !mountPoints.contains(t.path())) {
                continue;
            }
            kept.add(t);
        }
        if (!dedupe || !mountPoints.isEmpty()) {
            return kept;
        }
        Map<String, Target> best = new HashMap<>();
        for (Target t : kept) {
            best.merge(t.mount().device(), t, (a, b) -> better(b, a) ? b : a);
        }
        List<Target> out = new ArrayList<>();
        for (Target t : kept) {
            if (best.get(t.mount().device()) == t) {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean better(Target a, Target b) {
        boolean aRoot = a.mount().root().equals("/");
        boolean bRoot = b.mount().root().equals("/");
        if (aRoot != bRoot) {
            return aRoot;
        }
        if (a.mount().root().length() != b.mount().root().length()) {
            return a.mount().root().length() < b.mount().root().length();
        }
        return a.path().length() < b.path().length();
    }

    static String normalise(String p) {
        String s = p.isEmpty() ? "/" : p;
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
