package io.hostpulse.collectors.host;

import io.hostpulse.core.io.ProcFiles;
import io.hostpulse.core.HostPaths;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The thin I/O side of the host collector: reads whole files under the host's proc, sys and root paths and
 * hands the text to the parsers. Nothing here interprets content. Errors carry the path and a short reason.
 */
public final class HostFileSource {
    private final HostPaths paths;

    public HostFileSource(HostPaths paths) {
        this.paths = paths;
    }

    public HostPaths paths() {
        return paths;
    }

    /** Reads {@code <proc>/rel}; fails with the path in the message. */
    public String proc(String rel) throws IOException {
        return read(paths.proc(rel));
    }

    /** Reads {@code <proc>/rel}, or empty when the file does not exist (optional kernel features). */
    public Optional<String> procIfPresent(String rel) throws IOException {
        return ifPresent(paths.proc(rel));
    }

    /**
     * Reads the first of {@code rels} that exists and is readable, for files such as {@code 1/mountinfo} (the host's
     * mount namespace when proc is the host's) with {@code self/mountinfo} as fallback.
     *
     * @return the relative path that was read and its text
     */
    public Read procFirst(String... rels) throws IOException {
        IOException last = null;
        for (String rel : rels) {
            try {
                return new Read(rel, read(paths.proc(rel)));
            } catch (IOException e) {
                last = e;
            }
        }
        throw last == null ? new IOException("nothing to read") : last;
    }

    public record Read(String rel, String text) {
    }

    /**
     * The host's network namespace file {@code net/<file>}: {@code 1/net/<file>} (the host's init, when proc is the
     * host's), else {@code net/<file>} (the reader's own namespace); empty when neither exists (IPv6 off, a module
     * not loaded).
     */
    public Optional<Read> hostNet(String file) throws IOException {
        for (String rel : new String[] {"1/net/" + file, "net/" + file}) {
            Optional<String> text = ifPresent(paths.proc(rel));
            if (text.isPresent()) {
                return Optional.of(new Read(rel, text.get()));
            }
        }
        return Optional.empty();
    }

    public Optional<String> sysIfPresent(String rel) throws IOException {
        return ifPresent(paths.sys(rel));
    }

    public Optional<String> rootIfPresent(String rel) throws IOException {
        return ifPresent(paths.root().resolve(rel));
    }

    public Optional<byte[]> rootBytesIfPresent(String rel) throws IOException {
        Path p = paths.root().resolve(rel);
        try {
            return Optional.of(readFully(p));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw wrap(p, e);
        }
    }

    public boolean procDirExists(String rel) {
        return Files.isDirectory(paths.proc(rel));
    }

    /** Names of the numeric entries of the proc directory: one per process (thread group). */
    public List<String> pids() throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(paths.proc())) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
                    out.add(n);
                }
            }
        } catch (IOException e) {
            throw wrap(paths.proc(), e);
        }
        return out;
    }

    /**
     * Reads {@code <proc>/<pid>/stat}; empty when the process ended meanwhile (the file is gone, or the read fails
     * with ESRCH), which is normal and not an error.
     */
    public Optional<String> pidStat(String pid) throws IOException {
        Path p = paths.proc().resolve(pid).resolve("stat");
        try {
            return Optional.of(new String(readFully(p), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("No such process")) {
                return Optional.empty();
            }
            throw wrap(p, e);
        }
    }

    public static String read(Path p) throws IOException {
        try {
            return new String(readFully(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw wrap(p, e);
        }
    }

    private static Optional<String> ifPresent(Path p) throws IOException {
        try {
            return Optional.of(new String(readFully(p), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw wrap(p, e);
        }
    }

    /** All bytes of a file ({@link ProcFiles}: proc and sysctl files have size 0). */
    static byte[] readFully(Path p) throws IOException {
        return ProcFiles.bytes(p);
    }

    public static IOException wrap(Path p, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e.getMessage() != null && e.getMessage().startsWith(p.toString())) {
            reason = e.getMessage().substring(p.toString().length()).replaceFirst("^[:\\s]+", "");
            if (reason.isEmpty()) {
                reason = e.getClass().getSimpleName();
            }
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new IOException("cannot read " + p + ": " + reason, e);
    }
}
