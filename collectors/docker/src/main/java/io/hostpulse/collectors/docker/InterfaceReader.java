package io.hostpulse.collectors.docker;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thin I/O: the MAC address of each network interface inside a container, read from the host's
 * /proc/&lt;pid&gt;/root/sys/class/net/&lt;if&gt;/address (the container's own sysfs, which shows its network
 * namespace). Needs the host's PID namespace and root (or CAP_SYS_PTRACE); returns an empty map when it cannot.
 */
class InterfaceReader {
    private final Path proc;

    InterfaceReader(Path proc) {
        this.proc = proc;
    }

    /** @throws IOException when the container's sysfs cannot be read */
    Map<String, String> macs(int pid) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (pid <= 0) {
            return out;
        }
        Path dir = proc.resolve(Integer.toString(pid)).resolve("root/sys/class/net");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Path addr = p.resolve("address");
                if (Files.isReadable(addr)) {
                    out.put(p.getFileName().toString(), Files.readString(addr).trim());
                }
            }
        }
        return out;
    }
}
