package io.hostpulse.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HostnameTest {
    @Test
    void etcHostnameFirstThenTheEnvironmentThenTheResolver(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("hostname");
        Files.writeString(f, "box-1\n");
        assertThat(Hostname.local(f, "fromenv")).isEqualTo("box-1");
        Files.writeString(f, "  \n");
        assertThat(Hostname.local(f, "fromenv")).isEqualTo("fromenv");
        assertThat(Hostname.local(dir.resolve("missing"), " fromenv ")).isEqualTo("fromenv");
        assertThat(Hostname.local(dir.resolve("missing"), null)).isNotBlank();
        assertThat(Hostname.local()).isNotBlank();
    }
}
