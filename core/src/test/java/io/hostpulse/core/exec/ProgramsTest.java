package io.hostpulse.core.exec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProgramsTest {
    @TempDir
    Path tmp;

    private Path program(String dir, String name, String mode) throws Exception {
        Path p = Files.createDirectories(tmp.resolve(dir)).resolve(name);
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        return p;
    }

    @Test
    void aBareNameIsFoundOnPathFirstThenInTheExtraDirectories() throws Exception {
        Path onPath = program("bin", "tool", "rwxr-xr-x");
        Path extra = program("sbin", "tool", "rwxr-xr-x");
        program("sbin", "other", "rwxr-xr-x");
        String path = tmp.resolve("nowhere") + ":" + tmp.resolve("bin");
        assertThat(Programs.find("tool", path, List.of(tmp.resolve("sbin").toString()))).isEqualTo(onPath.toString());
        assertThat(Programs.find("other", path, List.of(tmp.resolve("sbin").toString())))
                .isEqualTo(tmp.resolve("sbin/other").toString());
        assertThat(Programs.find("tool", null, List.of(tmp.resolve("sbin").toString()))).isEqualTo(extra.toString());
        assertThat(Programs.find("missing", path, List.of())).isNull();
    }

    @Test
    void aPathIsUsedAsIsOnlyWhenExecutable() throws Exception {
        Path run = program("a", "run", "rwxr-xr-x");
        Path plain = program("a", "plain", "rw-r--r--");
        assertThat(Programs.find(run.toString(), null, List.of())).isEqualTo(run.toString());
        assertThat(Programs.find(tmp.resolve("a/none").toString(), null, List.of())).isNull();
        // a file without the x bit is skipped on PATH (root can execute-test it, so only the lookup case is asserted)
        assertThat(Programs.find("plain", tmp.resolve("a").toString(), List.of())).isNull();
        assertThat(plain).exists();
    }
}
