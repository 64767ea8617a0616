package io.hostpulse.collectors.host;

import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.lineprotocol.LineProtocol;
import io.hostpulse.core.lineprotocol.LineProtocolParser;
import io.hostpulse.core.lineprotocol.Precision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The collector against this machine's real /proc, built through the plugin as the agent builds it. Every expectation
 * is read independently by the test from /proc (with plain string handling, not the collector's parsers).
 */
class HostCollectorRealProcTest {
    private static final Set<String> USAGE = Set.of("usage_user", "usage_system", "usage_idle", "usage_nice",
            "usage_iowait", "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice");

    static Collector collector;
    static TestAcc first = new TestAcc();
    static TestAcc second = new TestAcc();
    static Instant t1;
    static Instant t2;
    static Set<String> netBefore;
    static Set<String> diskBefore;

    @BeforeAll
    static void collectTwice() throws Exception {
        CollectorContext ctx = new CollectorContext(HostPaths.defaults(), Clock.systemUTC(), "test", null, Map.of());
        collector = new HostCollectorPlugin().create(ConfigNode.of(Map.of()), ctx);
        netBefore = netDevNames();
        diskBefore = diskstatsNames();
        t1 = Instant.now();
        collector.collect(t1, first);
        Thread.sleep(500); // at 100 ticks/s, about 50 ticks per CPU
        t2 = Instant.now();
        collector.collect(t2, second);
    }

    @AfterAll
    static void close() {
        collector.close();
    }

    /** Not Files.readString: it reads a proc file's first byte alone, and sysctl files then answer end of file. */
    private static String proc(String rel) throws IOException {
        try (var in = Files.newInputStream(Path.of("/proc", rel))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<String> cpuLines() throws IOException {
        return proc("stat").lines().filter(l -> l.matches("cpu\\d+ .*")).toList();
    }

    private static long meminfoKb(String key) throws IOException {
        String line = proc("meminfo").lines().filter(l -> l.startsWith(key + ":")).findFirst().orElseThrow();
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    private static Set<String> netDevNames() throws IOException {
        return proc("1/net/dev").lines().filter(l -> l.contains(":")).map(l -> l.substring(0, l.indexOf(':')).trim())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> diskstatsNames() throws IOException {
        return proc("diskstats").lines().map(l -> l.trim().split("\\s+")[2])
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Test
    void sysctlValuesAreReadWhole() throws IOException {
        // /proc/sys files answer a read past offset 0 with end of file; entropy_avail 256 once read as 2
        String want = proc("sys/kernel/random/entropy_avail").trim();
        assertThat(want).hasSizeGreaterThan(1);
        assertThat(first.of("kernel").get(0).field("entropy_avail")).isEqualTo(Long.parseLong(want));
    }

    @Test
    void noErrorsOnThisHost() {
        assertThat(first.errors).as("errors of the first call").isEmpty();
        assertThat(second.errors).as("errors of the second call").isEmpty();
    }

    @Test
    void firstCallEmitsNoCpuPointSecondCallOnePerCpuPlusTotal() throws IOException {
        assertThat(first.of("cpu")).isEmpty();
        Set<String> expected = new HashSet<>(cpuLines().stream().map(l -> l.split(" ")[0]).toList());
        expected.add("cpu-total");
        assertThat(second.of("cpu")).extracting(p -> p.tag("cpu")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void cpuUsageFieldsAddUpTo100() {
        for (Point p : second.of("cpu")) {
            double sum = USAGE.stream().mapToDouble(k -> (Double) p.field(k)).sum();
            assertThat(sum).as(p.tag("cpu")).isCloseTo(100.0, within(1e-6));
            for (String k : USAGE) {
                assertThat((Double) p.field(k)).as(p.tag("cpu") + " " + k).isBetween(0.0, 100.0);
            }
            assertThat((Double) p.field("usage_active"))
                    .isCloseTo(100.0 - (Double) p.field("usage_idle"), within(1e-6));
        }
    }

    @Test
    void memAndSwapTotalsMatchMeminfo() throws IOException {
        assertThat(second.one("mem").field("total")).isEqualTo(meminfoKb("MemTotal") * 1024);
        assertThat(second.one("swap").field("total")).isEqualTo(meminfoKb("SwapTotal") * 1024);
        Point mem = second.one("mem");
        assertThat((Long) mem.field("used") + (Long) mem.field("free")).isLessThanOrEqualTo((Long) mem.field("total"));
    }

    @Test
    void nCpusIsTheNumberOfOnlineCpus() throws IOException {
        assertThat(second.one("system").field("n_cpus")).isEqualTo((long) cpuLines().size());
        assertThat((Long) second.one("system").field("uptime")).isPositive();
    }

    @Test
    void rootFileSystemHasADiskPoint() throws Exception {
        // its own collector: in a CI container / is an overlay, which the default ignore_fs leaves out
        CollectorContext ctx = new CollectorContext(HostPaths.defaults(), Clock.systemUTC(), "test", null, Map.of());
        TestAcc acc = new TestAcc();
        try (Collector c = new HostCollectorPlugin().create(ConfigNode.of(Map.of(
                "parts", List.of("disk"), "ignore_fs", List.of(), "mount_points", List.of("/"))), ctx)) {
            c.collect(Instant.now(), acc);
        }
        assertThat(acc.errors).isEmpty();
        Point root = acc.one("disk");
        assertThat(root.tag("path")).isEqualTo("/");
        long total = (Long) root.field("total");
        long used = (Long) root.field("used");
        long free = (Long) root.field("free");
        assertThat(total).isPositive().isEqualTo(Files.getFileStore(Path.of("/")).getTotalSpace());
        assertThat(used + free).isLessThanOrEqualTo(total);
        assertThat((Double) root.field("used_percent")).isCloseTo(100.0 * used / (used + free), within(1e-9));
        assertThat(root.tags()).containsKeys("device", "fstype", "mode");
    }

    @Test
    void defaultDiskPointsAreRealFileSystems() {
        assertThat(second.of("disk")).allSatisfy(p -> {
            assertThat(HostConfig.DEFAULT_IGNORE_FS).doesNotContain(p.tag("fstype"));
            assertThat((Long) p.field("used") + (Long) p.field("free")).isLessThanOrEqualTo((Long) p.field("total"));
        });
    }

    @Test
    void netHasTheInterfacesOfNetDevButLo() throws IOException {
        Set<String> after = netDevNames();
        Set<String> reported = second.of("net").stream().map(p -> p.tag("interface")).collect(Collectors.toSet());
        // interfaces may come and go while the test runs (other containers on this machine): compare with both reads
        Set<String> stable = new HashSet<>(netBefore);
        stable.retainAll(after);
        stable.remove("lo");
        Set<String> any = new HashSet<>(netBefore);
        any.addAll(after);
        assertThat(reported).containsAll(stable).doesNotContain("lo");
        assertThat(any).containsAll(reported);
    }

    @Test
    void diskioNamesAreThoseOfDiskstatsWithoutLoopAndRam() throws IOException {
        Set<String> after = diskstatsNames();
        Set<String> reported = second.of("diskio").stream().map(p -> p.tag("name")).collect(Collectors.toSet());
        Set<String> stable = new HashSet<>(diskBefore);
        stable.retainAll(after);
        stable.removeIf(n -> n.startsWith("loop") || n.startsWith("ram"));
        assertThat(reported).containsAll(stable).allMatch(n -> diskBefore.contains(n) || after.contains(n))
                .noneMatch(n -> n.startsWith("loop") || n.startsWith("ram"));
    }

    @Test
    void processesRoughlyMatchTheProcDirectory() throws IOException, InterruptedException {
        long dirs;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            dirs = java.util.stream.StreamSupport.stream(ds.spliterator(), false).count();
        }
        long total = (Long) second.one("processes").field("total");
        assertThat(total).isCloseTo(dirs, within(Math.max(20, dirs / 5)));
        assertThat((Long) second.one("processes").field("total_threads")).isGreaterThanOrEqualTo(total);
    }

    @Test
    void kernelBootTimeIsBtime() throws IOException {
        long btime = Long.parseLong(proc("stat").lines().filter(l -> l.startsWith("btime ")).findFirst().orElseThrow()
                .substring(6).trim());
        assertThat(second.one("kernel").field("boot_time")).isEqualTo(btime);
    }

    @Test
    void pressureWhereTheKernelHasIt() {
        if (Files.isDirectory(Path.of("/proc/pressure"))) {
            assertThat(second.of("pressure")).extracting(p -> p.tag("resource")).contains("cpu", "memory", "io");
        } else {
            assertThat(second.of("pressure")).isEmpty();
        }
    }

    @Test
    void everyPointEncodesToLineProtocolThatTheParserAccepts() {
        LineProtocolParser parser = new LineProtocolParser(Precision.NANOSECONDS);
        for (TestAcc acc : List.of(first, second)) {
            for (Point p : acc.points) {
                String line = LineProtocol.encode(p, Precision.NANOSECONDS);
                Point back = parser.parseLine(line.strip(), 1);
                assertThat(back.measurement()).isEqualTo(p.measurement());
                assertThat(back.tags()).isEqualTo(p.tags());
                assertThat(back.fields()).isEqualTo(p.fields());
                assertThat(back.time()).isEqualTo(p.time());
            }
        }
    }

    @Test
    void pointsCarryTheGivenTimeAndNoHostTag() {
        assertThat(first.points).allSatisfy(p -> assertThat(p.time()).isEqualTo(t1));
        assertThat(second.points).allSatisfy(p -> {
            assertThat(p.time()).isEqualTo(t2);
            assertThat(p.tags()).doesNotContainKey("host");
            p.fields().forEach((k, v) -> assertThat(v).as(p.measurement() + "." + k).isInstanceOfAny(Long.class, Double.class));
        });
    }
}
