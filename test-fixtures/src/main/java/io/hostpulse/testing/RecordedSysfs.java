package io.hostpulse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A recorded sysfs tree (as kept in test resources: git keeps no symbolic links the way sysfs has them) copied into a
 * temporary directory with every {@code NAME.symlink} file turned back into the symbolic link {@code NAME} to the
 * path the file holds, so collectors walk it as they walk the real /sys.
 */
public final class RecordedSysfs {
    private RecordedSysfs() {
    }

    /** Copies {@code from} to {@code to}, recreating the links; returns {@code to}. */
    public static Path copy(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            throw new IllegalStateException("missing recorded sysfs tree " + from.toAbsolutePath());
        }
        try (Stream<Path> all = Files.walk(from)) {
            List<Path> paths = all.sorted().toList();
            for (Path p : paths) {
                Path dest = to.resolve(from.relativize(p).toString());
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
        return to;
    }
}
