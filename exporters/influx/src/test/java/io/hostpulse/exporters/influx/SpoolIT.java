package io.hostpulse.exporters.influx;

import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.pipeline.BufferedOutput;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.testing.Influxd;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spool's promise against a real influxd 1.6: a damaged record loses that record only, an ack file that cannot
 * be true replays instead of skipping, and a disk that fills up (a real tmpfs) and empties again loses nothing and
 * re-sends nothing.
 */
class SpoolIT {
    static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");

    @TempDir
    Path tmp;
    private Path data;
    private Influxd server;
    private BufferedOutput out;
    private SimpleMeterRegistry registry;
    private Path mounted;

    @AfterEach
    void tearDown() throws Exception {
        if (out != null) {
            out.close();
        }
        if (server != null) {
            server.close();
        }
        if (mounted != null) {
            new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private BufferedOutput output(Object... extra) {
        Map<String, Object> m = new HashMap<>(Map.of("api", "v1", "url", server.url(), "database", "spool",
                "precision", "ms", "create", true, "flush_interval", "100ms", "flush_jitter", "10ms",
                "retry_initial", "100ms", "retry_max", "500ms", "drain_timeout", "200ms"));
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        ConfigNode node = ConfigNode.of(m);
        registry = new SimpleMeterRegistry();
        BufferedOutput o = (BufferedOutput) new InfluxOutputPlugin().create(node,
                new OutputContext(data, registry, Clock.systemUTC()));
        node.finish();
        assertThat(node.problems().all()).isEmpty();
        return o;
    }

    static Point point(long seq) {
        return Point.builder("spooled").tag("host", "it").field("seq", seq).time(T0.plusMillis(10 * seq)).build();
    }

    private static List<Point> points(long from, long to) {
        List<Point> l = new ArrayList<>();
        for (long i = from; i < to; i++) {
            l.add(point(i));
        }
        return l;
    }

    private List<Long> seqs() {
        List<Long> l = new ArrayList<>();
        server.seqs("spool", "spooled").forEach(g -> l.add(g[0]));
        return l;
    }

    private static List<Long> range(long from, long to, long... without) {
        List<Long> l = new ArrayList<>();
        outer:
        for (long i = from; i < to; i++) {
            for (long w : without) {
                if (w == i) {
                    continue outer;
                }
            }
            l.add(i);
        }
        return l;
    }

    private Path spoolDir() throws Exception {
        try (Stream<Path> s = Files.list(data.resolve("spool"))) {
            return s.findFirst().orElseThrow();
        }
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> s = Files.list(spoolDir())) {
            return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    /** Queues points with the server down, then stops: they stay in the spool. */
    private void spoolWhileDown(long n) {
        out = output("retry_initial", "10s", "retry_max", "10s");
        out.accept(points(0, n));
        out.close();
        out = null;
    }

    /** Starts the server and a new output on the same spool, and waits until the backlog is written. */
    private void restartAndDrain() {
        server.start();
        out = output();
        out.flush(Duration.ofSeconds(30));
        assertThat(out.stats().queued()).isZero();
    }

    @Test
    void aFlippedByteInOneRecordLosesThatPointOnlyAndCountsIt() throws Exception {
        data = tmp;
        server = new Influxd();
        spoolWhileDown(367);
        Path seg = segments().get(0);
        byte[] b = Files.readAllBytes(seg);
        ByteBuffer bb = ByteBuffer.wrap(b);
        int pos = 0;
        for (int i = 0; i < 183; i++) { // walk the frames [length][crc][payload] to the 184th record (seq 183)
            pos += 8 + bb.getInt(pos);
        }
        b[pos + 8 + 3] ^= 0x01;
        Files.write(seg, b);

        restartAndDrain();
        assertThat(seqs()).containsExactlyElementsOf(range(0, 367, 183));
        assertThat(out.stats().written()).isEqualTo(366);
        assertThat(out.stats().dropped("corrupt")).isEqualTo(1);
        assertThat(registry.get("hostpulse.output.points.dropped").tag("reason", "corrupt").counter().count())
                .isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 99999999", "42 0"})
    void anAckPointingPastTheDataReplaysEveryPoint(String ack) throws Exception {
        data = tmp;
        server = new Influxd();
        spoolWhileDown(220);
        Files.writeString(spoolDir().resolve("ack"), ack + "\n", StandardCharsets.US_ASCII);

        restartAndDrain();
        assertThat(seqs()).containsExactlyElementsOf(range(0, 220));
        assertThat(out.stats().written()).isEqualTo(220);
    }

    /** A 64 KiB tmpfs as the data directory: a disk the test fills for real. Needs root (as the CI machine runs). */
    private void smallDisk() throws Exception {
        data = tmp.resolve("small");
        Files.createDirectories(data);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", data.toString())
                .redirectErrorStream(true).start();
        String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as("this test mounts a 64 KiB tmpfs to fill, which needs root (CAP_SYS_ADMIN): %s", msg.strip())
                .isTrue();
        mounted = data;
    }

    @Test
    void pointsKeptInMemoryWhileAnotherFileFilledTheDiskAreSpooledWhenSpaceReturns() throws Exception {
        smallDisk();
        Path filler = data.resolve("filler");
        Files.write(filler, new byte[40 * 1024]);
        server = new Influxd(); // down for the whole first run
        out = output("spool_segment_bytes", "4KiB", "retry_initial", "10s", "retry_max", "10s");
        long n = 0;
        while (out.stats().spool().equals("on")) {
            out.accept(List.of(point(n++)));
            assertThat(n).as("24 KiB should fill").isLessThan(100_000);
        }
        out.accept(points(n, n + 100)); // in memory only
        n += 100;
        assertThat(out.stats().spool()).contains("No space left on device");
        Files.delete(filler);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!out.stats().spool().equals("on")) {
            assertThat(System.nanoTime()).as("spool back on").isLessThan(deadline);
            out.accept(List.of(point(n++)));
            Thread.sleep(100);
        }
        out.close(); // everything is on disk now: nothing may be dropped at shutdown
        assertThat(out.stats().dropped("shutdown")).isZero();
        out = null;

        restartAndDrain();
        assertThat(seqs()).containsExactlyElementsOf(range(0, n));
        assertThat(out.stats().written()).isEqualTo(n);
        System.out.printf("disk-full by another file: %d points, all delivered after the restart%n", n);
    }

    @Test
    void aDiskFilledByTheSpoolComesBackWhenTheBacklogIsDeliveredAndNothingIsSentTwice() throws Exception {
        smallDisk();
        server = new Influxd(); // down: the spool fills the disk
        out = output("spool_segment_bytes", "4KiB", "batch_size", 100);
        long n = 0;
        while (out.stats().spool().equals("on")) {
            out.accept(List.of(point(n++)));
            assertThat(n).as("64 KiB should fill").isLessThan(100_000);
        }
        long full = n;
        assertThat(out.stats().spool()).startsWith("off: write failed").contains("No space left on device");
        assertThat(registry.get("hostpulse.output.spool.writable").gauge().value()).isZero();
        out.accept(points(n, n + 100)); // kept in memory
        n += 100;

        server.start();
        out.flush(Duration.ofSeconds(30));
        assertThat(out.stats().queued()).isZero();
        // delivered segments are deleted, so there is room again: the next offers turn the spool back on
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!out.stats().spool().equals("on")) {
            assertThat(System.nanoTime()).as("spool back on").isLessThan(deadline);
            out.accept(List.of(point(n++)));
            Thread.sleep(100);
        }
        assertThat(registry.get("hostpulse.output.spool.writable").gauge().value()).isEqualTo(1.0);
        out.accept(points(n, n + 50));
        n += 50;
        out.flush(Duration.ofSeconds(30));
        out.close();
        out = null;

        out = output();
        out.flush(Duration.ofSeconds(10));
        assertThat(out.stats().written()).as("points re-sent after the restart").isZero();
        assertThat(seqs()).containsExactlyElementsOf(range(0, n));
        System.out.printf("disk-full: spool full after %d points, %d points in all, each delivered once%n", full, n);
    }
}
