package io.hostpulse.collectors.host.disk;

import io.hostpulse.collectors.host.Fixtures;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.collectors.host.disk.DiskstatsParser.DiskStat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiskstatsParserTest {

    @Test
    void recordedDiskstatsWith17Columns() {
        ParseProblems problems = new ParseProblems();
        List<DiskStat> l = DiskstatsParser.parse(Fixtures.read("vm-2cpu", "diskstats"), problems);
        assertThat(problems.isEmpty()).isTrue();
        assertThat(l).extracting(DiskStat::name)
                .containsExactly("loop0", "loop1", "loop2", "loop3", "loop4", "loop5", "loop6", "loop7", "vda", "zram0");
        // "254 0 vda 41392 7823 2665978 21217 6145 10606 1521712 4449 0 7476 26020 4027 65 98576 324 692 27"
        assertThat(l.get(8)).isEqualTo(new DiskStat(254, 0, "vda", 41392, 7823, 2665978, 21217, 6145, 10606, 1521712,
                4449, 0, 7476, 26020));
    }

    @Test
    void oldKernelElevenCounterLinesAreReadAndShortLinesSkipped() {
        ParseProblems problems = new ParseProblems();
        List<DiskStat> l = DiskstatsParser.parse(
                "   8       0 sda 1 2 3 4 5 6 7 8 9 10 11\n   8       1 sda1 1 2 3 4\n   8  2 sdb 1 2 x 4 5 6 7 8 9 10 11\n",
                problems);
        assertThat(l).hasSize(1);
        assertThat(l.get(0).weightedIoTimeMs()).isEqualTo(11);
        assertThat(problems.count()).isEqualTo(2);
        assertThat(DiskstatsParser.parse("", problems)).isEmpty();
    }

    @Test
    void udevSerial() {
        assertThat(DiskstatsParser.udevSerial("S:disk/by-id/x\nE:ID_MODEL=Foo\nE:ID_SERIAL=Foo_SSD_123\nE:ID_SERIAL_SHORT=123\n"))
                .isEqualTo("Foo_SSD_123");
        assertThat(DiskstatsParser.udevSerial("E:ID_MODEL=Foo\n")).isNull();
        assertThat(DiskstatsParser.udevSerial("")).isNull();
    }
}
