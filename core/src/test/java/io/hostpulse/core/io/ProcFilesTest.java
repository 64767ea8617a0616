package io.hostpulse.core.io;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ProcFilesTest {

    @Test
    void aSysctlFileReadsWholeWhereFilesReadStringGetsOneByte() throws IOException {
        Path f = Path.of("/proc/sys/kernel/pid_max"); // always there, and more than one digit
        String whole = ProcFiles.text(f).trim();
        assertThat(whole).hasSizeGreaterThan(1).containsOnlyDigits();
        assertThat(Long.parseLong(whole)).isGreaterThanOrEqualTo(301);
        assertThat(Files.readString(f).trim()).isNotEqualTo(whole); // the trap this class exists for
    }

    @Test
    void aSeqFileReadsWhole() throws IOException {
        assertThat(ProcFiles.text(Path.of("/proc/self/status"))).contains("Name:").contains("VmRSS:");
    }
}
