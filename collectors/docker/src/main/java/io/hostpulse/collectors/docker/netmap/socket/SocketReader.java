package io.hostpulse.collectors.docker.netmap.socket;

import io.hostpulse.core.io.ProcFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The thin I/O side of the socket tables: reads a process's {@code net/tcp}, {@code tcp6}, {@code udp} and
 * {@code udp6} through the host's proc (the tables of that process's network namespace, so of its container) and
 * hands the text to {@link SocketTable}. Nothing here interprets content.
 */
public final class SocketReader {
    private final Path proc;

    /** @param proc the host's proc mount ({@code /proc}, or {@code /host/proc} in a container) */
    public SocketReader(Path proc) {
        this.proc = proc;
    }

    /**
     * The sockets of one network namespace.
     *
     * @param sockets   TCP then UDP, IPv4 table before IPv6 table, each in file order
     * @param malformed lines of the four tables that did not parse
     */
    public record Tables(List<Socket> sockets, int malformed) {
        public Tables {
            sockets = List.copyOf(sockets);
        }
    }

    /**
     * Reads {@code <proc>/<pid>/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6}. A missing {@code tcp6} or
     * {@code udp6} is IPv6 switched off, not an error.
     *
     * @throws IOException when the namespace cannot be read: {@link NoSuchFileException} (no such process, or its
     *                     pid not visible: the agent is not in the host's PID namespace),
     *                     {@link java.nio.file.AccessDeniedException}, or a read error (the process ended meanwhile)
     */
    public Tables read(int pid) throws IOException {
        Path net = proc.resolve(Integer.toString(pid)).resolve("net");
        List<Socket> sockets = new ArrayList<>();
        int malformed = 0;
        for (String[] table : new String[][] {{"tcp", "tcp"}, {"tcp6", "tcp"}, {"udp", "udp"}, {"udp6", "udp"}}) {
            String text = read(net.resolve(table[0]), table[0].endsWith("6"));
            if (text != null) {
                SocketTable.Result r = SocketTable.parse(text, table[1]);
                sockets.addAll(r.sockets());
                malformed += r.malformed();
            }
        }
        return new Tables(sockets, malformed);
    }

    /**
     * The network namespace of {@code pid}, as the kernel names it ({@code net:[4026532259]}, the target of
     * {@code <proc>/<pid>/ns/net}): processes with the same name share one set of tables, so a caller reads each
     * namespace once (every {@code network_mode: host} container shares the host's, a {@code container:<id>} one
     * its target's). Reading this link needs more than the tables do: root or CAP_SYS_PTRACE (ptrace read access
     * to the process).
     *
     * @throws IOException as {@link #read}, and {@link java.nio.file.AccessDeniedException} without that privilege
     */
    public String namespace(int pid) throws IOException {
        return Files.readSymbolicLink(proc.resolve(Integer.toString(pid)).resolve("ns/net")).toString();
    }

    /**
     * All of a proc file, one char per byte (the tables are ASCII; other bytes stay one char each and fail to parse).
     * Read in blocks, not by {@link Files#readAllBytes}: proc files have size 0, and sysctl files answer a read that
     * does not start at offset 0 with end of file.
     */
    static String text(Path file) throws IOException {
        return new String(ProcFiles.bytes(file), StandardCharsets.ISO_8859_1);
    }

    /** {@link #text}; null for a missing optional file. */
    private static String read(Path file, boolean optional) throws IOException {
        try {
            return text(file);
        } catch (NoSuchFileException e) {
            if (optional) {
                return null;
            }
            throw e;
        }
    }
}
