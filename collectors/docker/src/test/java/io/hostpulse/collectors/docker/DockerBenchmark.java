package io.hostpulse.collectors.docker;

import io.hostpulse.core.HostPaths;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.testing.DockerDaemon;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Not a test: collection time and collector CPU per cycle, bounded-parallel vs sequential.
 * <pre>
 *   real    N...   a private dockerd with N busybox containers (needs docker.io, busybox-static)
 *   fixture N...   the recorded-reply server with LATENCY_MS per request (default 20)
 * </pre>
 * Environment: PARALLELISM (default "16,8,1"), CYCLES (measured cycles after one warm-up, default 3).
 * Run (from the worktree root): see collectors/docker/README.md, "Benchmark".
 */
public final class DockerBenchmark {
    private static final int CYCLES = Integer.parseInt(System.getenv().getOrDefault("CYCLES", "3"));

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "fixture";
        int[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray() : new int[]{10, 50, 200};
        int latency = Integer.parseInt(System.getenv().getOrDefault("LATENCY_MS", "20"));
        if (mode.equals("real")) {
            try (DockerDaemon d = DockerDaemon.start()) {
                d.docker("network", "create", "--subnet", "10.232.0.0/22", "bench");
                int running = 0;
                for (int n : sizes) {
                    for (; running < n; running++) {
                        d.docker("run", "-d", "--name", "b" + running, "--network", "bench", DockerDaemon.IMAGE, "sleep", "100000");
                    }
                    report("real dockerd 20.10", n, d.host(), 0);
                }
            }
        } else {
            for (int n : sizes) {
                try (FixtureEngine e = new FixtureEngine(n)) {
                    e.latency = java.time.Duration.ofMillis(latency);
                    report("recorded replies, " + latency + " ms/request", n, e.endpoint(), latency);
                }
            }
        }
    }

    private static void report(String what, int n, String endpoint, int latency) throws Exception {
        for (String ps : System.getenv().getOrDefault("PARALLELISM", "16,8,1").split(",")) {
            int p = Integer.parseInt(ps.trim());
            DockerConfig cfg = DockerConfig.from(ConfigNode.of(Map.of("endpoint", endpoint, "events", false,
                    "stats_parallelism", p, "container_timeout", "30s")), HostPaths.defaults(), Map.of());
            try (DockerCollector c = DockerCollector.create(cfg)) {
                c.collect(Instant.now(), new ListAccumulator()); // warm-up: connections, version, first CPU sample
                List<Double> wall = new ArrayList<>();
                List<Double> cpu = new ArrayList<>();
                int points = 0;
                for (int i = 0; i < CYCLES; i++) {
                    long cpu0 = collectorCpuNanos();
                    long t0 = System.nanoTime();
                    ListAccumulator acc = new ListAccumulator();
                    c.collect(Instant.now(), acc);
                    wall.add((System.nanoTime() - t0) / 1e6);
                    cpu.add((collectorCpuNanos() - cpu0) / 1e6);
                    points = acc.points.size();
                    if (!acc.errors.isEmpty()) {
                        System.out.println("  errors: " + acc.errors);
                    }
                }
                System.out.printf("%-34s containers=%4d parallelism=%d  wall median %8.1f ms  collector CPU median %7.1f ms  points=%d%n",
                        what, n, p, median(wall), median(cpu), points);
            }
        }
    }

    /** CPU time of the calling thread and the collector's worker threads (not the fixture server's). */
    private static long collectorCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t == Thread.currentThread() || t.getName().startsWith("hostpulse-docker")) {
                long v = mx.getThreadCpuTime(t.getId());
                if (v > 0) {
                    sum += v;
                }
            }
        }
        return sum;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Double::compare);
        return s.get(s.size() / 2);
    }
}
