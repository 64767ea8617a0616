package io.hostpulse.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the agent keeps its spool and state when the config names no data_dir. It depends only on who runs it:
 * root (a system service) gets /var/lib/hostpulse; anyone else gets the XDG state directory
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

    static Path defaultDataDir(boolean root, Map<String, String> env) {
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
