package io.hostpulse.exporters.liveview;

import io.hostpulse.core.Point;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cost of the live view per batch: {@link LiveView#accept} (snapshot document and its JSON) for a host with N kept
 * processes and C containers. Not a test; run by hand (see BENCHMARKS.md):
 * <pre>java -cp ... io.hostpulse.exporters.liveview.SnapshotCostMain PROCESSES CONTAINERS BATCHES</pre>
 */
public final class SnapshotCostMain {
    public static void main(String[] args) {
        int procs = args.length > 0 ? Integer.parseInt(args[0]) : 180;
        int ctrs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        List<Point> processes = new ArrayList<>();
        Instant t = Instant.now();
        for (int i = 0; i < procs; i++) {
            processes.add(Point.builder("procstat").tag("process_name", "p" + i).tag("user", "root").tag("pid", "" + i)
                    .field("pid", (long) i).field("cpu_usage", i * 0.5).field("memory_rss", i * 1000L).field("read_bytes", 1L)
                    .field("write_bytes", 2L).field("read_bytes_per_second", 0.5).field("write_bytes_per_second", 0.5)
                    .field("num_threads", 4L).field("state", "S").field("container_id", "c" + (i % ctrs))
                    .field("cmdline", "/usr/bin/something --with --arguments " + i).time(t).build());
        }
        List<Point> docker = new ArrayList<>();
        for (int c = 0; c < ctrs; c++) {
            String n = "container" + c;
            docker.add(Point.builder("docker_container_status").tag("container_name", n).tag("container_status", "running")
                    .field("container_id", "c" + c).field("restart_count", 0L).time(t).build());
            docker.add(Point.builder("docker_container_cpu").tag("container_name", n).tag("cpu", "cpu-total")
                    .field("usage_percent", 1.5).time(t).build());
            docker.add(Point.builder("docker_container_mem").tag("container_name", n).field("usage", 1L << 20).field("limit", 1L << 30).time(t).build());
            docker.add(Point.builder("docker_container_net").tag("container_name", n).tag("network", "total").field("rx_bytes", 1L).time(t).build());
            docker.add(Point.builder("docker_container_blkio").tag("container_name", n).tag("device", "total")
                    .field("io_service_bytes_recursive_read", 1L).time(t).build());
        }
        LiveView v = new LiveView(LiveViewConfig.defaults(), Clock.systemUTC());
        v.processSource(() -> processes);
        v.accept(docker);
        List<Point> host = LiveViewTest.hostBatch(t, 1, 1, 5);
        for (int i = 0; i < 200; i++) {
            v.accept(i % 2 == 0 ? host : docker);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long[] wall = new long[batches];
        for (int i = 0; i < batches; i++) {
            long s = System.nanoTime();
            v.accept(i % 2 == 0 ? host : docker);
            wall[i] = System.nanoTime() - s;
        }
        long cpu = os.getProcessCpuTime() - cpu0;
        Arrays.sort(wall);
        System.out.printf("processes=%d containers=%d batches=%d snapshot_bytes=%d wall_median_ms=%.2f wall_p90_ms=%.2f "
                        + "cpu_ms_per_batch=%.2f%n", procs, ctrs, batches, v.snapshotJson().length(), wall[batches / 2] / 1e6,
                wall[(int) (batches * 0.9)] / 1e6, cpu / 1e6 / batches);
        v.close();
    }
}
