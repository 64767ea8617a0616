package io.hostpulse.collectors.host.process;

import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Event;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The process list on the recorded trees procs-t0 and procs-t1 (test resources proc/, see SOURCES.md): two readings
 * 2.002 s apart (their TIME files) of a shell busy loop (pid 23250), a dd writing with O_DSYNC (23251), a sleep
 * (23252), the recording python (23209) and the VM's pid 1 (whose io is not readable). Expected values are computed
 * here from the numbers in those files, quoted in the comments.
 */
class ProcessPartFixtureTest {
    static final Path RES = Path.of("src/test/resources/proc");

    @TempDir
    Path tmp;

    @Test
    void cpuAndIoRatesOverTheRecordedInterval() throws Exception {
        Path proc = tmp.resolve("proc");
        Path root = tmp.resolve("root");
        copy(RES.resolve("procs-root"), root);
        ProcessPart part = new ProcessPart(ProcessConfig.defaults(), new HostPaths(proc, tmp.resolve("sys"), root), 4096);
        Instant t0 = time("procs-t0");
        Instant t1 = time("procs-t1");
        copy(RES.resolve("procs-t0"), proc);
        Acc acc = new Acc();
        part.collect(t0, acc);
        assertThat(part.latestRows()).hasSize(5);
        assertThat(part.latestRows()).allSatisfy(r -> assertThat(r.cpuPercent()).isNull());

        replace(proc, RES.resolve("procs-t1"));
        part.collect(t1, acc);
        double seconds = (t1.toEpochMilli() - t0.toEpochMilli()) / 1000.0;
        ProcessRow busy = row(part, 23250);
        // stat utime 95 -> 287, stime 1 -> 1: 192 ticks at USER_HZ 100
        assertThat(busy.cpuPercent()).isCloseTo(192 / 100.0 / seconds * 100, within(0.01));
        assertThat(busy.name()).isEqualTo("sh");
        assertThat(busy.cmdline()).isEqualTo("sh -c while :; do :; done");
        // stat field 24 (rss) 393 pages of 4096 bytes
        assertThat(busy.rssBytes()).isEqualTo(393 * 4096L);
        assertThat(busy.threads()).isEqualTo(1);
        assertThat(busy.containerId()).isNull();
        ProcessRow dd = row(part, 23251);
        // io write_bytes 33959936 -> 73347072
        assertThat(dd.writeRate()).isCloseTo((73347072 - 33959936) / seconds, within(1.0));
        assertThat(dd.readRate()).isEqualTo(0.0);
        assertThat(dd.writeBytes()).isEqualTo(73347072L);
        assertThat(dd.state()).isEqualTo('R');
        ProcessRow init = row(part, 1);
        assertThat(init.readBytes()).isNull();
        assertThat(init.readRate()).isNull();
        assertThat(init.cpuPercent()).isCloseTo(1 / 100.0 / seconds * 100, within(0.01)); // stime 264 -> 265
        // the copies are owned by the test's user; its name comes from the fixture's etc/passwd when it is there
        int uid = (Integer) Files.getAttribute(proc.resolve("1"), "unix:uid");
        assertThat(init.user()).isEqualTo(uid == 0 ? "root" : Integer.toString(uid));
        // busiest first
        assertThat(part.latestRows().get(0).pid()).isEqualTo(23250);
        // export is off by default: the outputs get nothing, the live view gets every kept row
        assertThat(acc.points).isEmpty();
        assertThat(part.latest()).hasSize(5);
        Point p = part.latest().get(0);
        assertThat(p.measurement()).isEqualTo("procstat");
        assertThat(p.tags()).containsEntry("process_name", "sh").containsEntry("pid", "23250");
        assertThat(p.field("cpu_usage")).isEqualTo(busy.cpuPercent());
        assertThat(p.field("memory_rss")).isEqualTo(393 * 4096L);
    }

    @Test
    void exportWritesOnlyTheTopN() throws Exception {
        Path proc = tmp.resolve("proc");
        copy(RES.resolve("procs-t0"), proc);
        ProcessPart part = new ProcessPart(new ProcessConfig(true, true, 1, 100, 200),
                new HostPaths(proc, tmp.resolve("sys"), tmp.resolve("none")), 4096);
        Acc acc = new Acc();
        part.collect(time("procs-t0"), acc);
        replace(proc, RES.resolve("procs-t1"));
        part.collect(time("procs-t1"), acc);
        Instant t1 = time("procs-t1");
        List<Point> second = acc.points.stream().filter(x -> x.time().equals(t1)).toList();
        // top 1 by CPU (the busy loop) and top 1 by RSS (pid 1: 4944 pages, the largest rss of the five)
        assertThat(second).extracting(x -> x.tag("pid")).containsExactlyInAnyOrder("23250", "1");
    }

    @Test
    void aReusedPidIsANewProcess() {
        ProcessRates rates = new ProcessRates();
        PidStat a = PidStat.parse("7 (a) S 1 1 1 0 -1 0 0 0 0 0 100 0 0 0 20 0 1 0 500 1 10 1");
        PidStat b = PidStat.parse("7 (b) S 1 1 1 0 -1 0 0 0 0 0 300 0 0 0 20 0 1 0 900 1 10 1");
        rates.next(Instant.parse("2026-12-01T00:00:00Z"), List.of(new ProcessRates.Raw(a, null, 0)));
        var out = rates.next(Instant.parse("2026-12-01T00:00:10Z"), List.of(new ProcessRates.Raw(b, null, 0)));
        assertThat(out.get(0).cpuPercent()).isNull();
        PidStat b2 = PidStat.parse("7 (b) S 1 1 1 0 -1 0 0 0 0 0 400 0 0 0 20 0 1 0 900 1 10 1");
        out = rates.next(Instant.parse("2026-12-01T00:00:20Z"), List.of(new ProcessRates.Raw(b2, null, 0)));
        assertThat(out.get(0).cpuPercent()).isEqualTo(10.0); // 100 ticks in 10 s = 1 s of CPU in 10 s
    }

    static ProcessRow row(ProcessPart part, int pid) {
        return part.latestRows().stream().filter(r -> r.pid() == pid).findFirst().orElseThrow();
    }

    static Instant time(String dir) throws IOException {
        double s = Double.parseDouble(Files.readString(RES.resolve(dir).resolve("TIME")).trim());
        return Instant.ofEpochMilli(Math.round(s * 1000));
    }

    static void replace(Path target, Path from) throws IOException {
        try (Stream<Path> w = Files.walk(target)) {
            w.sorted((x, y) -> y.getNameCount() - x.getNameCount()).forEach(p -> p.toFile().delete());
        }
        copy(from, target);
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> w = Files.walk(from)) {
            for (Path p : (Iterable<Path>) w::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static final class Acc implements Accumulator {
        final List<Point> points = new ArrayList<>();

        @Override
        public void add(Point point) {
            points.add(point);
        }

        @Override
        public void addEvent(Event event) {
        }

        @Override
        public void addError(String part, Throwable error) {
            throw new AssertionError(part + ": " + error);
        }
    }
}
