package io.hostpulse.exporters.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
            assertThat(s.corruptRecords()).isZero();
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
            assertThat(s.corruptRecords()).isEqualTo(1);
            assertThat(s.end().segment()).isGreaterThan(Long.parseLong(seg.getFileName().toString().substring(0, 16)));
            s.append(recs(3, 4));
        }
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(texts(s.takeReplayed())).containsExactly("rec0", "rec1", "rec2", "rec3");
        }
    }

    private Path onlySegment() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).sorted().findFirst().orElseThrow();
        }
    }

    /** 400 records of 8 bytes (rec10000..rec10399), each frame 16 bytes, in one segment. */
    private Path fourHundredRecords() throws Exception {
        try (Spool s = Spool.open(dir, 1 << 20)) {
            s.append(recs(10_000, 10_400));
        }
        return onlySegment();
    }

    private static List<String> allBut(int... lost) {
        List<String> l = new ArrayList<>();
        outer:
        for (int i = 10_000; i < 10_400; i++) {
            for (int x : lost) {
                if (x == i) {
                    continue outer;
                }
            }
            l.add("rec" + i);
        }
        return l;
    }

    @Test
    void aFlippedPayloadByteLosesExactlyThatRecord() throws Exception {
        Path seg = fourHundredRecords();
        byte[] b = Files.readAllBytes(seg);
        b[17 * 16 + Spool.HEADER + 5] ^= 0x20; // a payload byte of rec10017; its length is intact
        Files.write(seg, b);
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(texts(s.takeReplayed())).containsExactlyElementsOf(allBut(10_017));
            assertThat(s.corruptRecords()).isEqualTo(1);
            s.append(recs(10, 11));
        }
        try (Spool s = Spool.open(dir, 1 << 20)) {
            List<String> expected = new ArrayList<>(allBut(10_017));
            expected.add("rec10");
            assertThat(texts(s.takeReplayed())).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aDamagedLengthIsPassedByScanningForTheNextValidRecord() throws Exception {
        Path seg = fourHundredRecords();
        byte[] b = Files.readAllBytes(seg);
        b[250 * 16] = 0x7f; // rec10250's length now reads 2 GB
        b[251 * 16 + 1] = 0x01; // and rec10251's reads 65544: beyond the file
        Files.write(seg, b);
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(texts(s.takeReplayed())).containsExactlyElementsOf(allBut(10_250, 10_251));
            assertThat(s.corruptRecords()).isEqualTo(2);
        }
    }

    @Test
    void aZeroedBlockLosesTheRecordsInItAndNoMore() throws Exception {
        Path seg = fourHundredRecords();
        byte[] b = Files.readAllBytes(seg);
        java.util.Arrays.fill(b, 100 * 16, 104 * 16, (byte) 0); // rec10100..rec10103
        Files.write(seg, b);
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(texts(s.takeReplayed())).containsExactlyElementsOf(allBut(10_100, 10_101, 10_102, 10_103));
            assertThat(s.corruptRecords()).isEqualTo(4);
        }
    }

    @Test
    void damageBeforeTheAcknowledgedPositionIsNotCounted() throws Exception {
        Path seg;
        try (Spool s = Spool.open(dir, 1 << 20)) {
            List<Spool.Position> p = s.append(recs(10_000, 10_400));
            s.ack(p.get(300));
        }
        seg = onlySegment();
        byte[] b = Files.readAllBytes(seg);
        b[17 * 16 + Spool.HEADER + 5] ^= 0x20;
        Files.write(seg, b);
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(s.takeReplayed()).hasSize(100);
            assertThat(s.corruptRecords()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 99999999", "7 0", "999 16", "1 20"})
    void anAckThatCannotBeTrueReplaysEverySegmentInsteadOfSkipping(String ack) throws Exception {
        fourHundredRecords();
        Files.writeString(dir.resolve("ack"), ack + "\n");
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(texts(s.takeReplayed())).containsExactlyElementsOf(allBut());
            assertThat(s.invalidAcks()).isEqualTo(1);
        }
    }

    @Test
    void aValidAckIsKept() throws Exception {
        fourHundredRecords();
        Files.writeString(dir.resolve("ack"), "1 " + (390 * 16) + "\n");
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(s.takeReplayed()).hasSize(10);
            assertThat(s.invalidAcks()).isZero();
        }
    }

    @Test
    void garbageAndEmptyFilesNeverThrow() throws Exception {
        Files.write(dir.resolve("0000000000000001.seg"), new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        Files.write(dir.resolve("0000000000000002.seg"), new byte[0]);
        Files.writeString(dir.resolve("ack"), "not an ack");
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(s.takeReplayed()).isEmpty();
            assertThat(s.corruptRecords()).isEqualTo(1);
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
