package io.hostpulse.collectors.host.system;

import io.hostpulse.collectors.host.Fixtures;
import io.hostpulse.core.Point;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessStatesTest {
    private static final String TAIL = " 1 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 %d 0 100 0 0";

    private static String line(String comm, char state, int threads) {
        return "42 (" + comm + ") " + state + String.format(TAIL, threads);
    }

    @Test
    void statesAndThreadsWithAwkwardCommandNames() {
        ProcessStates s = new ProcessStates();
        assertThat(s.add(line("bash", 'S', 1))).isTrue();
        assertThat(s.add(line("a) b (c", 'R', 4))).isTrue(); // ')' and spaces inside the name
        assertThat(s.add(line("kworker/0:1", 'I', 1))).isTrue();
        assertThat(s.add(line("defunct", 'Z', 1))).isTrue();
        assertThat(s.add(line("traced", 't', 1))).isTrue();
        assertThat(s.add(line("io", 'D', 2))).isTrue();
        assertThat(s.add(line("weird", 'Q', 1))).isTrue();
        Point p = s.toPoint(Instant.EPOCH);
        assertThat(p.field("sleeping")).isEqualTo(1L);
        assertThat(p.field("running")).isEqualTo(1L);
        assertThat(p.field("idle")).isEqualTo(1L);
        assertThat(p.field("zombies")).isEqualTo(1L);
        assertThat(p.field("stopped")).isEqualTo(1L);
        assertThat(p.field("blocked")).isEqualTo(1L);
        assertThat(p.field("unknown")).isEqualTo(1L);
        assertThat(p.field("total")).isEqualTo(7L);
        assertThat(p.field("total_threads")).isEqualTo(11L);
    }

    @Test
    void truncatedOrEmptyLinesAreRejected() {
        ProcessStates s = new ProcessStates();
        assertThat(s.add("")).isFalse();
        assertThat(s.add("42 (bash")).isFalse();
        assertThat(s.add("42 (bash) S 1 1")).isFalse();
        assertThat(s.add("42 (bash) S 1 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 x 0")).isFalse();
        assertThat(s.toPoint(Instant.EPOCH).field("total")).isEqualTo(0L);
    }

    @Test
    void recordedProcessTable() throws IOException {
        ProcessStates s = new ProcessStates();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Fixtures.dir("vm-2cpu"), "[0-9]*")) {
            for (Path p : ds) {
                assertThat(s.add(Files.readString(p.resolve("stat")))).as(p.toString()).isTrue();
            }
        }
        Point p = s.toPoint(Instant.EPOCH);
        // counted in the recorded files with: sed 's/.*) //' N/stat | awk '{print $1}' | sort | uniq -c
        assertThat(p.field("idle")).isEqualTo(38L);
        assertThat(p.field("sleeping")).isEqualTo(37L);
        assertThat(p.field("total")).isEqualTo(75L);
        // and awk '{s+=$18}' over the same text
        assertThat(p.field("total_threads")).isEqualTo(89L);
    }
}
