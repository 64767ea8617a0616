package io.hostpulse.collectors.host.disk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** statvfs through OSHI's JNA binding, checked against the JDK's own statvfs (java.nio FileStore). */
class JnaStatFsTest {

    @Test
    void rootFileSystemAgreesWithJavaNio() throws IOException {
        FsStats s = new JnaStatFs().stat(Path.of("/"));
        FileStore fs = Files.getFileStore(Path.of("/"));
        assertThat(s.total()).isEqualTo(fs.getTotalSpace());
        // free space moves while other processes write: allow 256 MiB
        assertThat(s.free()).isCloseTo(fs.getUsableSpace(), org.assertj.core.api.Assertions.within(256L << 20));
        assertThat(s.used() + s.free()).isLessThanOrEqualTo(s.total());
        assertThat(s.inodesTotal()).isNotNull();
        assertThat(s.inodesFree()).isNotNull().isLessThanOrEqualTo(s.inodesTotal());
    }

    @Test
    void missingPathFailsWithThePathAndErrno() {
        assertThatThrownBy(() -> new JnaStatFs().stat(Path.of("/no/such/dir/here")))
                .isInstanceOf(IOException.class).hasMessageContaining("/no/such/dir/here").hasMessageContaining("errno 2");
    }

    @Test
    void nioFallbackGivesSpaceWithoutInodes() throws IOException {
        FsStats s = new NioStatFs().stat(Path.of("/"));
        assertThat(s.total()).isPositive();
        assertThat(s.inodesTotal()).isNull();
    }
}
