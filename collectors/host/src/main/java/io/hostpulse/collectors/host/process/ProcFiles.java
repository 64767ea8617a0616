package io.hostpulse.collectors.host.process;

import io.hostpulse.core.HostPaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The I/O side of the process list: reads the per-process files under the host's proc path and the host's
 * /etc/passwd; interprets nothing. A process that ended meanwhile (file gone, ESRCH) and a file we may not read
 * (another user's io without CAP_SYS_PTRACE) both read as null: normal, not errors.
 */
final class ProcFiles {
    private final HostPaths paths;
    private FileTime passwdTime;
    private Map<Integer, String> users = Map.of();

    ProcFiles(HostPaths paths) {
        this.paths = paths;
    }

    List<Integer> pids() throws IOException {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(paths.proc())) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && n.length() < 10 && n.chars().allMatch(Character::isDigit)) {
                    out.add(Integer.parseInt(n));
                }
            }
        }
        return out;
    }

    String read(int pid, String file) {
        try {
            return new String(Files.readAllBytes(paths.proc().resolve(Integer.toString(pid)).resolve(file)),
                    StandardCharsets.UTF_8);
        } catch (NoSuchFileException | AccessDeniedException e) {
            return null;
        } catch (IOException e) {
            // ESRCH ("No such process") while the process exits, EACCES through other file systems
            return null;
        }
    }

    /** The owner of /proc/pid, which is the process's real uid; -1 when the process is gone. */
    int uid(int pid) {
        try {
            return (Integer) Files.getAttribute(paths.proc().resolve(Integer.toString(pid)), "unix:uid");
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return -1;
        }
    }

    /** The command line with NULs as spaces, cut to {@code max} characters; the comm name when it is empty. */
    String cmdline(int pid, int max) {
        String raw = read(pid, "cmdline");
        if (raw == null) {
            return null;
        }
        String s = raw.replace('\0', ' ').strip();
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }

    /** User names by uid, re-read only when the host's /etc/passwd changes. */
    Map<Integer, String> users() {
        Path p = paths.root().resolve("etc/passwd");
        try {
            FileTime t = Files.getLastModifiedTime(p);
            if (!t.equals(passwdTime)) {
                users = Passwd.parse(Files.readString(p, StandardCharsets.UTF_8));
                passwdTime = t;
            }
        } catch (IOException e) {
            // no passwd (a minimal root): uids are shown as numbers
        }
        return users;
    }
}
