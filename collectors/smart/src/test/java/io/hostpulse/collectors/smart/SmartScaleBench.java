package io.hostpulse.collectors.smart;

import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.exec.ProcessCommandRunner;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * Not a test: a SMART cycle's wall time and CPU (the JVM's and the reaped smartctl children's) against the number
 * of disks, each read by a fake smartctl that waits LATENCY_MS (default 150: a spinning SATA disk's smartctl --xall
 * on the machines we recorded from takes 0.1-0.3 s) and prints a recorded reply.
 * Args: disk counts (default 1 8 24). Environment: LATENCY_MS, CYCLES (default 3, after one warm-up).
 */
public final class SmartScaleBench {
    static long sink;

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[]{1, 8, 24};
        int latency = Integer.parseInt(System.getenv().getOrDefault("LATENCY_MS", "150"));
        int cycles = Integer.parseInt(System.getenv().getOrDefault("CYCLES", "3"));
        System.out.printf("%6s %10s %14s %14s %16s%n", "disks", "latency", "wall ms/cycle", "jvm cpu ms", "smartctl cpu ms");
        for (int n : sizes) {
            Path dir = Files.createTempDirectory("hostpulse-smartscale-");
            StringBuilder scan = new StringBuilder("{\"smartctl\": {\"exit_status\": 0}, \"devices\": [");
            for (int i = 0; i < n; i++) {
                scan.append(i == 0 ? "" : ",").append("{\"name\": \"/dev/sd").append(i).append("\", \"type\": \"sat\", \"protocol\": \"ATA\"}");
            }
            Files.writeString(dir.resolve("scan.json"), scan.append("]}").toString());
            Path script = dir.resolve("smartctl");
            Files.writeString(script, "#!/bin/sh\ncase \"$*\" in\n  *--scan-open*) cat '" + dir.resolve("scan.json") + "';;\n"
                    + "  *) sleep " + latency / 1000.0 + "; cat '" + Fixtures.path("sata-hdd-wd-wd140edfz-healthy-selftest-log.json") + "';;\nesac\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (SmartCollector c = new SmartCollector(SmartConfig.from(ConfigNode.of(Map.of())), new ProcessCommandRunner(),
                    script.toString(), dir.resolve("state.json"))) {
                Accumulator acc = new Accumulator() {
                    @Override
                    public void add(Point point) {
                        sink++;
                    }

                    @Override
                    public void addEvent(Event event) {
                    }

                    @Override
                    public void addError(String part, Throwable error) {
                        throw new IllegalStateException(part + ": " + error);
                    }
                };
                c.collect(Instant.now(), acc);
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                long child0 = childTicks();
                long t0 = System.nanoTime();
                for (int i = 0; i < cycles; i++) {
                    c.collect(Instant.now(), acc);
                }
                double wall = (System.nanoTime() - t0) / 1e6 / cycles;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e6 / cycles;
                double child = (childTicks() - child0) * 10.0 / cycles;
                System.out.printf("%6d %8d ms %14.0f %14.1f %16.1f%n", n, latency, wall, cpu, child);
            }
        }
    }

    private static long childTicks() throws Exception {
        String s = Files.readString(Path.of("/proc/self/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[13]) + Long.parseLong(f[14]); // cutime + cstime, USER_HZ = 100
    }
}
