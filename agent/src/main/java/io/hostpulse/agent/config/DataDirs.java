package io.hostpulse.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the agent keeps its spool and state when the config names no data_dir: /var/lib/hostpulse for a system
 * service (root, or a writable /var/lib/hostpulse), else the user's XDG state directory, so the embedded-default
 * run works without privileges.
 */
final class DataDirs {
    private DataDirs() {
    }

    static Path defaultDataDir(Map<String, String> env) {
        Path system = Path.of("/var/lib/hostpulse");
        if (Files.isWritable(system) || ("root".equals(env.get("USER")) && Files.isWritable(system.getParent()))) {
            return system;
        }
        String state = env.get("XDG_STATE_HOME");
        if (state != null && !state.isBlank()) {
            return Path.of(state, "hostpulse");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "state", "hostpulse");
    }
}
