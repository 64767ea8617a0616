package io.hostpulse.collectors.docker.netmap;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Thin I/O: the socket inodes a process and its descendants hold (the links {@code socket:[inode]} under
 * /proc/&lt;pid&gt;/fd), so that the host namespace's sockets can be given to the host-mode container that holds
 * them. Children come from /proc/&lt;pid&gt;/task/&lt;tid&gt;/children. Reading another user's fd directory needs root or
 * CAP_SYS_PTRACE; at most {@link #MAX_PROCESSES} processes are walked.
 */
final class ProcessSockets {
    static final int MAX_PROCESSES = 512;
    private final Path proc;

    ProcessSockets(Path proc) {
        this.proc = proc;
    }

    /** @throws IOException when the main process's fd directory cannot be read */
    Set<Long> inodes(int pid) throws IOException {
        Set<Long> out = new HashSet<>();
        Deque<Integer> todo = new ArrayDeque<>();
        Set<Integer> seen = new HashSet<>();
        todo.add(pid);
        boolean first = true;
        while (!todo.isEmpty() && seen.size() < MAX_PROCESSES) {
            int p = todo.poll();
            if (!seen.add(p)) {
                continue;
            }
            Path dir = proc.resolve(Integer.toString(p));
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
                for (Path fd : fds) {
                    try {
                        String link = Files.readSymbolicLink(fd).toString();
                        if (link.startsWith("socket:[") && link.endsWith("]")) {
                            out.add(Long.parseLong(link.substring(8, link.length() - 1)));
                        }
                    } catch (IOException | NumberFormatException e) {
                        // the fd was closed meanwhile, or is not a socket
                    }
                }
            } catch (IOException e) {
                if (first) {
                    throw e;
                }
                continue; // a child that ended meanwhile
            }
            first = false;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(dir.resolve("task"))) {
                for (Path t : tasks) {
                    try {
                        for (String c : io.hostpulse.core.io.ProcFiles.text(t.resolve("children")).trim().split("\\s+")) {
                            if (!c.isEmpty()) {
                                todo.add(Integer.parseInt(c));
                            }
                        }
                    } catch (IOException | NumberFormatException e) {
                        // no children file (CONFIG_PROC_CHILDREN off) or the task ended
                    }
                }
            } catch (IOException e) {
                // the process ended meanwhile
            }
        }
        return out;
    }
}
