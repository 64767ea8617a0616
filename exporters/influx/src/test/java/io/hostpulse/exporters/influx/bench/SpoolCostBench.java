package io.hostpulse.exporters.influx.bench;

import io.hostpulse.core.ExportException;
import io.hostpulse.core.Exporter;
import io.hostpulse.core.Point;
import io.hostpulse.exporters.pipeline.Buffer;
import io.hostpulse.exporters.pipeline.BufferConfig;
import io.hostpulse.exporters.pipeline.PointCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the spool costs the collecting thread: time and CPU of Buffer.offer() for one collection of 100 points, with
 * the spool off and with each fsync policy. The exporter never returns (a server that hangs), so nothing but
 * offer() is measured. Args: [dir for the spool, default a temp dir under /tmp] [offers]
 */
public final class SpoolCostBench {

    public static void main(String[] args) throws Exception {
        Path base = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.io.tmpdir"));
        int offers = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        List<Point> batch = LineProtocolBench.batch().subList(0, 100);
        run(base, "off", null, offers, batch, true);
        System.out.printf("%-16s %8s %14s %16s%n", "spool", "offers", "us/offer", "cpu ms/10k pts");
        run(base, "off", null, offers, batch, false);
        for (BufferConfig.Fsync f : BufferConfig.Fsync.values()) {
            run(base, "on", f, f == BufferConfig.Fsync.ALWAYS ? Math.min(offers, 1000) : offers, batch, false);
        }
    }

    static void run(Path base, String spool, BufferConfig.Fsync fsync, int offers, List<Point> batch, boolean quiet)
            throws Exception {
        Path dir = Files.createTempDirectory(base, "hostpulse-spoolbench-");
        Exporter<Point> hang = new Exporter<>() {
            @Override
            public String name() {
                return "hang";
            }

            @Override
            public void write(List<Point> b) throws ExportException {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    throw new ExportException(ExportException.Kind.RETRY, "interrupted");
                }
            }
        };
        BufferConfig cfg = BufferConfig.defaults().withLimits(10_000_000, 1L << 40).withSpool(fsync != null)
                .withFsync(fsync == null ? BufferConfig.Fsync.INTERVAL : fsync, Duration.ofSeconds(1))
                .withSegmentBytes(64L << 20);
        Buffer<Point> b = new Buffer<>("bench", cfg, new PointCodec(), hang, dir.resolve("spool"),
                new SimpleMeterRegistry(), Clock.systemUTC());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < offers; i++) {
            b.offer(new ArrayList<>(batch));
        }
        long t = System.nanoTime() - t0;
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        if (!quiet) {
            System.out.printf("%-16s %8d %14.1f %16.1f%n", spool + (fsync == null ? "" : "/" + fsync.name().toLowerCase()),
                    offers, t / 1e3 / offers, cpu / 1e6 / (offers * batch.size() / 10_000.0));
        }
        b.close();
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
