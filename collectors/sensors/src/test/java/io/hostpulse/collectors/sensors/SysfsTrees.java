package io.hostpulse.collectors.sensors;

import io.hostpulse.testing.RecordedSysfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recorded sysfs trees from src/test/resources/sysfs, copied into a temporary directory with their symbolic links
 * recreated ({@link RecordedSysfs}), and synthetic trees written file by file.
 */
final class SysfsTrees {
    private SysfsTrees() {
    }

    static Path resource(String rel) {
        Path p = Path.of("src/test/resources").resolve(rel);
        if (!Files.exists(p)) {
            throw new IllegalStateException("missing test resource " + p.toAbsolutePath());
        }
        return p;
    }

    /** @return the {@code sys} directory of the copied tree */
    static Path copy(String tree, Path tmp) {
        return RecordedSysfs.copy(resource("sysfs/" + tree), tmp.resolve(tree)).resolve("sys");
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void link(Path link, String target) {
        try {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
