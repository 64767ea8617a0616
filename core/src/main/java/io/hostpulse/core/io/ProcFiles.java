package io.hostpulse.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading the kernel's files (/proc, /sys) whole. Not {@link Files#readAllBytes} or {@link Files#readString}: for a
 * file whose size is 0 (every proc file) they read the first byte alone and then ask again at offset 1, and the
 * kernel's sysctl files (/proc/sys/...) answer a read that does not start at offset 0 with end of file, so
 * {@code entropy_avail} 256 reads as "2" and {@code tcp_ehash_entries} 262144 as "2". A stream reads from offset 0 in
 * large blocks.
 */
public final class ProcFiles {
    private ProcFiles() {
    }

    public static byte[] bytes(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readAllBytes();
        }
    }

    /** The file as UTF-8 text. */
    public static String text(Path p) throws IOException {
        return new String(bytes(p), StandardCharsets.UTF_8);
    }
}
