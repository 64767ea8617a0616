package io.hostpulse.collectors.sensors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Recorded sysfs trees from src/test/resources/sysfs, copied into a temporary directory with every {@code NAME.symlink}
 * file turned back into the symbolic link {@code NAME} it stands for, as the real hwmon layout uses them.
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
        Path from = resource("sysfs/" + tree);
        Path to = tmp.resolve(tree);
        try (Stream<Path> all = Files.walk(from)) {
            List<Path> paths = all.sorted().toList();
            for (Path p : paths) {
                Path rel = from.relativize(p);
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (p.getFileName().toString().endsWith(".symlink")) {
                    String target = Files.readString(p, StandardCharsets.UTF_8).strip();
                    String name = dest.getFileName().toString();
                    Files.createSymbolicLink(dest.resolveSibling(name.substring(0, name.length() - ".symlink".length())),
                            Path.of(target));
                } else {
                    Files.copy(p, dest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to.resolve("sys");
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
