package io.hostpulse.collectors.host;

import io.hostpulse.collectors.host.disk.FsStats;
import io.hostpulse.collectors.host.disk.StatFs;
import io.hostpulse.core.CollectException;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The whole collector over a copy of the recorded /proc tree, with a fake statvfs. */
class HostCollectorFixtureTest {
    private static final Instant T0 = Instant.parse("2026-11-25T20:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-25T20:00:10Z");

    @TempDir
    Path tmp;
    Path proc;
    HostPaths paths;
    final Map<Path, FsStats> statvfs = new HashMap<>();
    final List<Path> statCalls = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        proc = tmp.resolve("proc");
        Fixtures.copyTree(Fixtures.dir("vm-2cpu"), proc);
        Files.createDirectories(tmp.resolve("sys"));
        Files.createDirectories(tmp.resolve("root"));
        paths = new HostPaths(proc, tmp.resolve("sys"), tmp.resolve("root"));
        statvfs.put(tmp.resolve("root"), new FsStats(1000, 300, 600, 100L, 40L));
    }

    private final StatFs fakeStatFs = p -> {
        statCalls.add(p);
        FsStats s = statvfs.get(p);
        if (s == null) {
            throw new IOException("statvfs " + p + " failed: errno 2");
        }
        return s;
    };

    private HostCollector collector(HostConfig config) {
        return new HostCollector(config, paths, fakeStatFs, 4096);
    }

    private static HostConfig config(Map<String, Object> keys) {
        return HostConfig.from(ConfigNode.of(keys));
    }

    @Test
    void firstCallHasEverythingButCpuSecondCallHasCpuFromTheTickDeltas() throws Exception {
        statvfs.put(tmp.resolve("root"), new FsStats(1000, 300, 600, 100L, 40L));
        HostCollector c = collector(HostConfig.defaults());
        TestAcc acc = new TestAcc();

        c.collect(T0, acc);
        assertThat(acc.errors).isEmpty();
        assertThat(acc.of("cpu")).isEmpty();
        assertThat(acc.points).extracting(Point::measurement).containsOnly(
                "mem", "swap", "system", "disk", "diskio", "net", "processes", "kernel", "pressure");
        assertThat(acc.points).allSatisfy(p -> {
            assertThat(p.time()).isEqualTo(T0);
            assertThat(p.tags()).doesNotContainKey("host");
        });
        assertThat(acc.one("mem").field("total")).isEqualTo(24684084L * 1024);
        Point system = acc.one("system");
        assertThat(system.field("n_cpus")).isEqualTo(2L);
        assertThat(system.field("uptime")).isEqualTo(635L);
        assertThat(system.fields()).doesNotContainKey("n_users"); // no utmp under the root
        assertThat(acc.one("kernel").field("boot_time")).isEqualTo(1795638550L);
        assertThat(acc.one("kernel").field("entropy_avail"))
                .isEqualTo(Long.parseLong(Fixtures.read("vm-2cpu", "sys/kernel/random/entropy_avail").trim()));
        assertThat(acc.of("net")).extracting(p -> p.tag("interface"))
                .containsExactly("ifb0", "ifb1", "eth0", "br-67bd300729c0", "br-a0deca61b49a");
        assertThat(acc.of("diskio")).extracting(p -> p.tag("name")).containsExactly("vda", "zram0");
        assertThat(acc.tagged("diskio", "name", "vda").field("read_bytes")).isEqualTo(2665978L * 512);
        assertThat(acc.tagged("diskio", "name", "vda").tags()).doesNotContainKey("serial");
        assertThat(acc.of("pressure")).extracting(p -> p.tag("resource") + "/" + p.tag("type"))
                .containsExactly("cpu/some", "memory/some", "memory/full", "io/some", "io/full");
        // only / (ext4) is a real file system in the recorded table; the root is not "/", so the host's table is read
        // and statvfs goes to <root>/
        Point disk = acc.one("disk");
        assertThat(disk.tags()).containsEntry("path", "/").containsEntry("device", "vda").containsEntry("fstype", "ext4")
                .containsEntry("mode", "rw");
        assertThat(statCalls).containsExactly(tmp.resolve("root"));
        long pidDirs;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(proc, "[0-9]*")) {
            pidDirs = java.util.stream.StreamSupport.stream(ds.spliterator(), false).count();
        }
        assertThat(acc.one("processes").field("total")).isEqualTo(pidDirs);

        Files.copy(Fixtures.dir("vm-2cpu-t1").resolve("stat"), proc.resolve("stat"), StandardCopyOption.REPLACE_EXISTING);
        acc.clear();
        c.collect(T1, acc);
        assertThat(acc.errors).isEmpty();
        assertThat(acc.of("cpu")).extracting(p -> p.tag("cpu")).containsExactly("cpu-total", "cpu0", "cpu1");
        // cpu0 in the two files: user 6539-6333=206, system 1460-1439=21, idle 55906-55428=478, steal 16-15=1
        double total0 = 206 + 21 + 478 + 1;
        Point cpu0 = acc.tagged("cpu", "cpu", "cpu0");
        assertThat((double) cpu0.field("usage_user")).isCloseTo(100 * 206 / total0, within(1e-9));
        assertThat((double) cpu0.field("usage_steal")).isCloseTo(100 * 1 / total0, within(1e-9));
        assertThat(cpu0.time()).isEqualTo(T1);
    }

    @Test
    void percpuAndTotalcpuSwitches() throws Exception {
        HostCollector c = collector(config(Map.of("parts", List.of("cpu"), "percpu", false)));
        TestAcc acc = new TestAcc();
        c.collect(T0, acc);
        Files.copy(Fixtures.dir("vm-2cpu-t1").resolve("stat"), proc.resolve("stat"), StandardCopyOption.REPLACE_EXISTING);
        c.collect(T1, acc);
        assertThat(acc.points).extracting(p -> p.tag("cpu")).containsExactly("cpu-total");

        HostCollector c2 = collector(config(Map.of("parts", List.of("cpu"), "totalcpu", false)));
        TestAcc acc2 = new TestAcc();
        c2.collect(T0, acc2);
        c2.collect(T1, acc2); // same file twice: no tick passed, so no point at all
        assertThat(acc2.points).isEmpty();
    }

    @Test
    void interfacesAndDiskioFilters() throws Exception {
        HostCollector c = collector(config(Map.of("parts", List.of("net", "diskio"),
                "interfaces", List.of("eth*", "lo"), "diskio_devices", List.of("loop1", "vd?"), "diskio_ignore", List.of())));
        TestAcc acc = new TestAcc();
        c.collect(T0, acc);
        assertThat(acc.of("net")).extracting(p -> p.tag("interface")).containsExactly("lo", "eth0");
        assertThat(acc.of("diskio")).extracting(p -> p.tag("name")).containsExactly("loop1", "vda");
    }

    @Test
    void diskioSerialFromUdevDatabaseUnderTheHostRoot() throws Exception {
        Path udev = tmp.resolve("root/run/udev/data");
        Files.createDirectories(udev);
        Files.writeString(udev.resolve("b254:0"), "S:disk/by-id/virtio-abc\nE:ID_SERIAL=virtio-disk-0042\n");
        TestAcc acc = new TestAcc();
        collector(config(Map.of("parts", List.of("diskio")))).collect(T0, acc);
        assertThat(acc.tagged("diskio", "name", "vda").tag("serial")).isEqualTo("virtio-disk-0042");
        assertThat(acc.tagged("diskio", "name", "zram0").tags()).doesNotContainKey("serial");
    }

    @Test
    void vanishedProcessIsSkippedSilentlyAndAGarbledOneCounted() throws Exception {
        Files.createDirectories(proc.resolve("99998")); // listed, but ended before its stat was read
        Files.createDirectories(proc.resolve("99999"));
        Files.writeString(proc.resolve("99999/stat"), "99999 (trunc");
        TestAcc acc = new TestAcc();
        collector(config(Map.of("parts", List.of("processes")))).collect(T0, acc);
        // 75 recorded processes (counted in the fixture); neither extra directory adds one
        assertThat(acc.one("processes").field("total")).isEqualTo(75L);
        assertThat(acc.errors).containsOnlyKeys("processes");
        assertThat(acc.errors.get("processes")).hasMessage("skipped 1 process (first: 99999/stat: not a stat line '99999 (trunc')");
    }

    @Test
    void usersFromTheHostsUtmp() throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(3 * 384).order(java.nio.ByteOrder.nativeOrder());
        for (int i = 0; i < 3; i++) {
            b.putShort(i * 384, (short) (i == 0 ? 1 : 7)); // RUN_LVL, then two USER_PROCESS sessions
            b.put(i * 384 + 44, (byte) 'u');
        }
        Files.createDirectories(tmp.resolve("root/run"));
        Files.write(tmp.resolve("root/run/utmp"), b.array());
        TestAcc acc = new TestAcc();
        collector(config(Map.of("parts", List.of("system")))).collect(T0, acc);
        assertThat(acc.one("system").field("n_users")).isEqualTo(2L);
        assertThat(acc.one("system").field("n_unique_users")).isEqualTo(1L);
    }

    @Test
    void unreadableStatLeavesTheLoadAverages() throws Exception {
        Files.delete(proc.resolve("stat"));
        Files.createDirectory(proc.resolve("stat"));
        TestAcc acc = new TestAcc();
        collector(config(Map.of("parts", List.of("cpu", "system", "kernel")))).collect(T0, acc);
        assertThat(acc.errors.keySet()).containsExactlyInAnyOrder("cpu", "kernel");
        assertThat(acc.errors.get("cpu")).hasMessageStartingWith("cannot read " + proc.resolve("stat"));
        assertThat(acc.one("system").fields()).containsKeys("load1", "uptime").doesNotContainKey("n_cpus");
    }

    @Test
    void missingPressureDirectoryIsNotAnError() throws Exception {
        deleteTree(proc.resolve("pressure"));
        TestAcc acc = new TestAcc();
        collector(HostConfig.defaults()).collect(T0, acc);
        assertThat(acc.of("pressure")).isEmpty();
        assertThat(acc.errors).isEmpty();
        assertThat(acc.of("mem")).hasSize(1);
    }

    @Test
    void unreadablePressureFileIsReportedAndTheRestGoesOn() throws Exception {
        Files.delete(proc.resolve("pressure/cpu"));
        Files.createDirectory(proc.resolve("pressure/cpu")); // reading a directory fails like an unreadable file
        TestAcc acc = new TestAcc();
        collector(HostConfig.defaults()).collect(T0, acc);
        assertThat(acc.errors).containsOnlyKeys("pressure cpu");
        assertThat(acc.errors.get("pressure cpu")).hasMessageContaining(proc.resolve("pressure/cpu").toString());
        assertThat(acc.of("pressure")).extracting(p -> p.tag("resource")).containsOnly("memory", "io");
        assertThat(acc.of("mem")).hasSize(1);
    }

    @Test
    void oneFailingStatvfsIsReportedForThatMountOnly() throws Exception {
        Files.writeString(proc.resolve("1/mountinfo"), """
                27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
                40 27 8:1 / /srv rw,relatime - xfs /dev/sda1 rw
                41 27 8:17 / /backup rw,relatime - ext4 /dev/sdb1 rw
                this line is truncated
                """);
        statvfs.put(tmp.resolve("root"), new FsStats(1000, 300, 600, 100L, 40L));
        statvfs.put(Path.of(tmp.resolve("root") + "/backup"), new FsStats(2000, 1000, 1000, 100L, 40L));
        TestAcc acc = new TestAcc();
        collector(config(Map.of("parts", List.of("disk")))).collect(T0, acc);
        assertThat(acc.of("disk")).extracting(p -> p.tag("path")).containsExactly("/", "/backup");
        assertThat(acc.errors).containsOnlyKeys("disk /srv", "1/mountinfo");
        assertThat(acc.errors.get("disk /srv")).hasMessageContaining("errno 2");
        assertThat(acc.errors.get("1/mountinfo")).hasMessageContaining("skipped 1 malformed line");
    }

    @Test
    void selfMountinfoWhenPidOneIsNotThere() throws Exception {
        Files.move(proc.resolve("1/mountinfo"), Files.createDirectories(proc.resolve("self")).resolve("mountinfo"));
        statvfs.put(tmp.resolve("root"), new FsStats(1000, 300, 600, 100L, 40L));
        TestAcc acc = new TestAcc();
        collector(config(Map.of("parts", List.of("disk")))).collect(T0, acc);
        assertThat(acc.errors).isEmpty();
        assertThat(acc.one("disk").tag("path")).isEqualTo("/");
    }

    @Test
    void blockedNetworkStatvfsTimesOutAndIsNotCalledAgainUntilItReturns() throws Exception {
        Files.writeString(proc.resolve("1/mountinfo"), """
                27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
                60 27 0:60 / /mnt/nas rw,relatime - nfs4 nas:/export rw
                """);
        Path nas = Path.of(tmp.resolve("root") + "/mnt/nas");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger nasCalls = new AtomicInteger();
        StatFs blocking = p -> {
            if (p.equals(nas)) {
                nasCalls.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException("interrupted");
                }
            }
            return new FsStats(1000, 500, 500, null, null);
        };
        HostCollector c = new HostCollector(config(Map.of("parts", List.of("disk"), "network_fs_timeout", "100ms")),
                paths, blocking, 4096);
        try {
            TestAcc acc = new TestAcc();
            c.collect(T0, acc);
            assertThat(acc.of("disk")).extracting(p -> p.tag("path")).containsExactly("/");
            assertThat(acc.errors.get("disk /mnt/nas")).isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("did not return within 100 ms");

            acc.clear();
            c.collect(T1, acc);
            assertThat(acc.errors.get("disk /mnt/nas")).hasMessageContaining("still blocked");
            assertThat(nasCalls.get()).isEqualTo(1);

            release.countDown();
            // the released statfs call finishes on its own thread: collect until that has happened (a bound, not a sleep)
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            do {
                acc.clear();
                c.collect(T1, acc);
            } while (!acc.errors.isEmpty() && System.nanoTime() < until);
            assertThat(acc.errors).isEmpty();
            assertThat(acc.of("disk")).extracting(p -> p.tag("path")).containsExactly("/", "/mnt/nas");
        } finally {
            release.countDown();
            c.close();
        }
    }

    @Test
    void truncatedDiskstatsLineIsCountedAndTheOtherDevicesReported() throws Exception {
        Files.writeString(proc.resolve("diskstats"), " 254 0 vda 1 2 3 4 5 6 7 8 9 10 11\n 8 0 sda 1 2 3");
        TestAcc acc = new TestAcc();
        collector(config(Map.of("parts", List.of("diskio")))).collect(T0, acc);
        assertThat(acc.of("diskio")).extracting(p -> p.tag("name")).containsExactly("vda");
        assertThat(acc.errors.get("diskstats")).hasMessageContaining("skipped 1 malformed line")
                .hasMessageContaining("'8 0 sda 1 2 3'");
    }

    @Test
    void emptyFilesGiveOneErrorPerPartAndNoCrash() throws Exception {
        for (String f : List.of("stat", "meminfo", "loadavg", "uptime", "diskstats", "1/net/dev", "1/mountinfo", "vmstat")) {
            Files.writeString(proc.resolve(f), "");
        }
        TestAcc acc = new TestAcc();
        collector(HostConfig.defaults()).collect(T0, acc);
        assertThat(acc.errors.keySet()).containsExactlyInAnyOrder("cpu", "mem", "swap", "system");
        // the kernel point keeps what did not come from the empty /proc/stat
        assertThat(acc.one("kernel").fields()).containsOnlyKeys("entropy_avail");
        assertThat(acc.errors.get("mem")).hasMessageContaining("MemTotal");
        assertThat(acc.of("processes")).hasSize(1);
    }

    @Test
    void missingProcPathFailsTheCollectionNamingThePath() {
        HostCollector c = new HostCollector(HostConfig.defaults(),
                new HostPaths(tmp.resolve("nope"), tmp.resolve("sys"), tmp.resolve("root")), fakeStatFs, 4096);
        assertThatThrownBy(() -> c.collect(T0, new TestAcc())).isInstanceOf(CollectException.class)
                .hasMessageContaining(tmp.resolve("nope").toString());
    }

    @Test
    void whenEveryPartFailsTheCollectionFails() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-proc"));
        HostCollector c = new HostCollector(config(Map.of("parts", List.of("cpu", "mem"))),
                new HostPaths(empty, tmp.resolve("sys"), tmp.resolve("root")), fakeStatFs, 4096);
        TestAcc acc = new TestAcc();
        assertThatThrownBy(() -> c.collect(T0, acc)).isInstanceOf(CollectException.class)
                .hasMessageContaining("every host part failed")
                .hasMessageContaining(empty.resolve("stat").toString());
        assertThat(acc.errors.keySet()).isEqualTo(Set.of("cpu", "mem"));
    }

    private static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
