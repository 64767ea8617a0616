package io.hostpulse.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {

    @Test
    void createsTheDirectoryAndReplacesTheFileLeavingNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub/state.json");
        AtomicFiles.write(f, "one");
        AtomicFiles.write(f, "twö");
        assertEquals("twö", Files.readString(f));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void aFailedWriteKeepsTheOldFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("state.json");
        AtomicFiles.write(f, "old");
        Path target = dir.resolve("isadir");
        Files.createDirectories(target.resolve("child"));
        assertThrows(IOException.class, () -> AtomicFiles.write(target, "new")); // a non-empty directory is not replaced
        assertEquals("old", Files.readString(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary file is left behind");
        }
    }
}
