package io.hostpulse.collectors.sensors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The thin I/O side of the sensors collector: lists and reads small attribute files under the host's sys path. Nothing
 * here interprets content. A sysfs attribute whose driver cannot answer (a sleeping disk, an unplugged sensor) fails
 * its read with EIO, ENXIO, EAGAIN or ENODATA; such an attribute simply has no value, as for lm-sensors.
 */
final class SysTree {
    /** Attribute files larger than this are not hwmon attributes (they are binary blobs such as amdgpu's gpu_metrics). */
    private static final long MAX_ATTRIBUTE = 4096;

    private final Path sys;

    SysTree(Path sys) {
        this.sys = sys;
    }

    Path root() {
        return sys;
    }

    Path resolve(String rel) {
        return sys.resolve(rel);
    }

    /** Entries of {@code dir} whose names match, sorted by name with numbers in numeric order (hwmon2 before hwmon10). */
    List<Path> list(Path dir, Pattern name) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (name.matcher(p.getFileName().toString()).matches()) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw wrap(dir, e);
        }
        out.sort((a, b) -> NaturalOrder.compare(a.getFileName().toString(), b.getFileName().toString()));
        return out;
    }

    /**
     * Every regular file directly in {@code dir} (not following into sub-directories) with its trimmed text; files that
     * cannot be read (write-only, EIO from the driver) are left out.
     */
    Map<String, String> attributes(Path dir) throws IOException {
        return attributes(dir, Pattern.compile("[a-z0-9_]+"));
    }

    /** {@link #attributes(Path)} for the files whose names match only (never a device's vpd, config or rom). */
    Map<String, String> attributes(Path dir, Pattern names) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path p : list(dir, names)) {
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                if (Files.size(p) > MAX_ATTRIBUTE) {
                    continue;
                }
            } catch (IOException e) {
                continue;
            }
            text(p).ifPresent(t -> out.put(p.getFileName().toString(), t));
        }
        return out;
    }

    /** The named files of {@code dir} that exist and can be read, with their trimmed text. */
    Map<String, String> attributes(Path dir, java.util.Collection<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : names) {
            text(dir.resolve(n)).ifPresent(t -> out.put(n, t));
        }
        return out;
    }

    /** The trimmed text of a file, or empty when it is absent or the driver refuses the read. */
    Optional<String> text(Path p) {
        try {
            return Optional.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The trimmed text of a file that must be readable when it exists (RAPL's energy_uj): absent is empty, other failures
     * (permission denied) are errors with the path.
     */
    Optional<String> required(Path p) throws IOException {
        try {
            return Optional.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw wrap(p, e);
        }
    }

    /** Where a link such as {@code hwmon0/device} really leads, or null when it is no link or leads nowhere. */
    Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    /** The link's own target text (for a link that does not resolve), or null. */
    String linkTarget(Path p) {
        try {
            return Files.isSymbolicLink(p) ? Files.readSymbolicLink(p).toString() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static IOException wrap(Path p, IOException e) {
        String reason = e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new IOException("cannot read " + p + ": " + reason, e);
    }
}
