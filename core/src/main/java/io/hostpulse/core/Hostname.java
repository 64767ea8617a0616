package io.hostpulse.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one answer to "what is this machine called" when the config does not say. */
public final class Hostname {
    private Hostname() {
    }

    /** /etc/hostname (the host's, or the container's), else $HOSTNAME, else the resolver, else "localhost". */
    public static String local() {
        return local(Path.of("/"));
    }

    /**
     * The same for a host whose root file system is at {@code hostRoot}: an agent in a container with the host's /
     * mounted there (agent.host_root) reports the host's name, not the container's.
     */
    public static String local(Path hostRoot) {
        return local(hostRoot.resolve("etc/hostname"), System.getenv("HOSTNAME"));
    }

    static String local(Path etcHostname, String env) {
        try {
            String h = Files.readString(etcHostname).trim();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
