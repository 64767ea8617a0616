package io.hostpulse.exporters.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SpoolTest {
    @TempDir
    Path dir;

    private static List<byte[]> recs(int from, int to) {
        List<byte[]> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add(("rec" + i).getBytes(StandardCharsets.UTF_8));
        }
        return l;
    }

    private static List<String> texts(List<Spool.Record> r) {
        return r.stream().map(x -> new String(x.data(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void reopeningReplaysOnlyWhatWasNotAcknowledgedInOrder() throws Exception {
        try (Spool s = Spool.open(dir, 1 << 20)) {
            List<Spool.Position> p = s.append(recs(0, 5));
            s.append(recs(5, 8));
            s.ack(p.get(3)); // rec0..rec2 acknowledged
        }
        try (Spool s = Spool.open(dir, 1 << 20)) {
            List<Spool.Record> r = s.takeReplayed();
            assertThat(texts(r)).containsExactly("rec3", "rec4", "rec5", "rec6", "rec7");
            assertThat(s.corruptRegions()).isZero();
            s.ack(s.end());
        }
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(s.takeReplayed()).isEmpty();
        }
    }

    @Test
    void tornTailIsCountedAndSkippedAndNewWritesGoToAFreshSegment() throws Exception {
        Path seg;
        try (Spool s = Spool.open(dir, 1 << 20)) {
            s.append(recs(0, 3));
            seg = dir.resolve(String.format("%016d.seg", s.end().segment()));
        }
        // a torn write: a header that promises 100 bytes followed by 3
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(f.length());
            f.writeInt(100);
            f.writeInt(12345);
            f.write(new byte[]{1, 2, 3});
        }
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(texts(s.takeReplayed())).containsExactly("rec0", "rec1", "rec2");
            assertThat(s.corruptRegions()).isEqualTo(1);
            assertThat(s.end().segment()).isGreaterThan(Long.parseLong(seg.getFileName().toString().substring(0, 16)));
            s.append(recs(3, 4));
        }
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(texts(s.takeReplayed())).containsExactly("rec0", "rec1", "rec2", "rec3");
        }
    }

    @Test
    void flippedByteFailsTheChecksumAndEndsThatSegmentOnly() throws Exception {
        try (Spool s = Spool.open(dir, 1 << 20)) {
            s.append(recs(0, 3));
        }
        Path first;
        try (Stream<Path> files = Files.list(dir)) {
            first = files.filter(p -> p.toString().endsWith(".seg")).sorted().findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(first);
        int secondPayload = Spool.HEADER + 4 + Spool.HEADER; // rec0 is 4 bytes
        b[secondPayload] ^= 0x20;
        Files.write(first, b);
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(texts(s.takeReplayed())).containsExactly("rec0");
            assertThat(s.corruptRegions()).isEqualTo(1);
            s.append(recs(10, 11));
        }
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(texts(s.takeReplayed())).containsExactly("rec0", "rec10");
        }
    }

    @Test
    void garbageAndEmptyFilesNeverThrow() throws Exception {
        Files.write(dir.resolve("0000000000000001.seg"), new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        Files.write(dir.resolve("0000000000000002.seg"), new byte[0]);
        Files.writeString(dir.resolve("ack"), "not an ack");
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(s.takeReplayed()).isEmpty();
            assertThat(s.corruptRegions()).isEqualTo(1);
        }
    }

    @Test
    void fullyAcknowledgedSegmentsAreDeleted() throws Exception {
        try (Spool s = Spool.open(dir, 64)) {
            for (int i = 0; i < 20; i++) {
                s.append(recs(i, i + 1));
            }
            long segs;
            try (Stream<Path> files = Files.list(dir)) {
                segs = files.filter(p -> p.toString().endsWith(".seg")).count();
            }
            assertThat(segs).isGreaterThan(3);
            s.ack(s.end());
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.filter(p -> p.toString().endsWith(".seg")).count()).isEqualTo(1);
            }
            assertThat(s.bytes()).isLessThanOrEqualTo(64 + Spool.HEADER + 6);
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefusedUntilTheFirstCloses() throws Exception {
        try (Spool s = Spool.open(dir, 1 << 20)) {
            s.append(recs(0, 1));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Spool.open(dir, 1 << 20))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("in use");
        }
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(texts(s.takeReplayed())).containsExactly("rec0");
        }
    }
}
