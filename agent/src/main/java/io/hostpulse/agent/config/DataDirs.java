package io.hostpulse.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the agent keeps its spool and state when the config names no data_dir. Under a systemd unit with
 * {@code StateDirectory=} it is the directory systemd made for it ($STATE_DIRECTORY, whoever the service user is).
 * Otherwise it depends only on who runs it: root gets /var/lib/hostpulse; anyone else gets the XDG state directory
 * ($XDG_STATE_HOME/hostpulse, else ~/.local/state/hostpulse), so the embedded-default run works without
 * privileges. The agent logs the directory it uses at start-up.
 */
final class DataDirs {
    static final Path SYSTEM = Path.of("/var/lib/hostpulse");

    private DataDirs() {
    }

    /** Whether the process runs as uid 0 (read from the kernel, not from $USER, which su and sudo may keep). */
    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (java.io.IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * Why the agent could not keep its data in {@code dir}, or null when it can: it must be a writable directory,
     * or not exist yet below a writable directory (the nearest existing ancestor), since the agent creates it.
     * Checked when the config is read, so check-config reports it rather than the first spool write.
     */
    static String unusable(Path dir) {
        Path d = dir.toAbsolutePath();
        if (Files.exists(d)) {
            if (!Files.isDirectory(d)) {
                return d + " exists but is not a directory";
            }
            return Files.isWritable(d) ? null : d + " is not writable by this user (or is on a read-only file system)";
        }
        Path p = d.getParent();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return null;
        }
        if (!Files.isDirectory(p)) {
            return d + " cannot be created: " + p + " is not a directory";
        }
        return Files.isWritable(p) ? null : d + " cannot be created: " + p
                + " is not writable by this user (or is on a read-only file system)";
    }

    static Path defaultDataDir(boolean root, Map<String, String> env) {
        String systemd = env.get("STATE_DIRECTORY"); // colon-separated when the unit names several; ours names one
        if (systemd != null && !systemd.isBlank()) {
            return Path.of(systemd.split(":", 2)[0]);
        }
        if (root) {
            return SYSTEM;
        }
        String state = env.get("XDG_STATE_HOME");
        if (state != null && !state.isBlank()) {
            return Path.of(state, "hostpulse");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "state", "hostpulse");
    }
}
