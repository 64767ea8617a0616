package io.hostpulse.exporters.influx.bench;

import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.influx.InfluxOutputPlugin;
import io.hostpulse.exporters.pipeline.BufferedOutput;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sustained write throughput through buffer (and spool) into a real influxd 1.6, which must already run (see the
 * module README, "Benchmarks"): points per second and this JVM's CPU time per 10k points, for each spool setting.
 * Args: influxUrl [points] [collectionSize]
 */
public final class ThroughputBench {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int total = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        int chunk = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        List<Point> batch = LineProtocolBench.batch();
        String[][] modes = {{"off", ""}, {"on", "never"}, {"on", "interval"}, {"on", "always"}};
        run(url, 20_000, chunk, batch, "off", "", true); // warm-up
        System.out.printf("%-16s %10s %12s %14s %12s%n", "spool", "points", "points/s", "cpu ms/10k", "spool MiB");
        for (String[] m : modes) {
            run(url, total, chunk, batch, m[0], m[1], false);
        }
    }

    static void run(String url, int total, int chunk, List<Point> batch, String spool, String fsync, boolean quiet)
            throws Exception {
        Path data = Files.createTempDirectory("hostpulse-bench-");
        Map<String, Object> m = new HashMap<>(Map.of("api", "v1", "url", url, "database", "bench", "create", true,
                "buffer_limit", 2_000_000, "buffer_max_bytes", "1GiB", "spool", spool.equals("on"),
                "flush_interval", "1s", "spool_segment_bytes", "16MiB"));
        if (!fsync.isEmpty()) {
            m.put("spool_fsync", fsync);
        }
        ConfigNode node = ConfigNode.of(m);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long spoolBytesMax = 0;
        try (BufferedOutput<Point> out = (BufferedOutput<Point>) new InfluxOutputPlugin().create(node,
                new OutputContext(data, new SimpleMeterRegistry(), Clock.systemUTC()))) {
            node.problems().throwIfAny();
            int sent = 0;
            int round = 0;
            while (sent < total) {
                // distinct timestamps per round so that nothing overwrites in influxd
                List<Point> l = new java.util.ArrayList<>(chunk);
                for (int i = 0; i < chunk; i++) {
                    Point p = batch.get((sent + i) % batch.size());
                    l.add(new Point(p.measurement(), p.tags(), p.fields(), p.time().plusSeconds(100_000L * round)));
                }
                out.accept(l);
                sent += chunk;
                round++;
                if (round % 200 == 0) {
                    spoolBytesMax = Math.max(spoolBytesMax, out.stats().spoolBytes());
                }
            }
            if (!out.buffer().flush(Duration.ofMinutes(5))) {
                throw new IllegalStateException("not flushed: " + out.stats());
            }
            long secs = System.nanoTime() - t0;
            long cpu = os.getProcessCpuTime() - cpu0;
            if (!quiet) {
                System.out.printf("%-16s %10d %12.0f %14.1f %12.1f%n", spool + (fsync.isEmpty() ? "" : "/" + fsync), sent,
                        sent / (secs / 1e9), cpu / 1e6 / (sent / 10_000.0), spoolBytesMax / 1048576.0);
            }
        } finally {
            try (var s = Files.walk(data)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
