package io.hostpulse.collectors.host.process;

import io.hostpulse.core.HostPaths;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cost of one process-list cycle with many processes. Not a test; run by hand (see BENCHMARKS.md):
 * <pre>java -cp ... io.hostpulse.collectors.host.process.ProcessCostMain SLEEPERS CYCLES</pre>
 * starts SLEEPERS {@code sleep} processes, then times CYCLES collections of the whole /proc (after 10 warm-up cycles)
 * and prints the process count, wall time per cycle (median, p90) and this JVM's CPU per cycle.
 */
public final class ProcessCostMain {
    public static void main(String[] args) throws Exception {
        int sleepers = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<Process> started = new ArrayList<>();
        try {
            for (int i = 0; i < sleepers; i++) {
                started.add(new ProcessBuilder("sleep", "3600").start());
            }
            ProcessPart part = new ProcessPart(ProcessConfig.defaults(), HostPaths.defaults(), 4096);
            ProcessPartFixtureTest.Acc acc = new ProcessPartFixtureTest.Acc();
            for (int i = 0; i < 10; i++) {
                part.collect(Instant.now(), acc);
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long[] wall = new long[cycles];
            for (int i = 0; i < cycles; i++) {
                long t = System.nanoTime();
                part.collect(Instant.now(), acc);
                wall[i] = System.nanoTime() - t;
            }
            long cpu = os.getProcessCpuTime() - cpu0;
            Arrays.sort(wall);
            long procs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).count();
            System.out.printf("processes=%d kept=%d cycles=%d wall_median_ms=%.2f wall_p90_ms=%.2f jvm_cpu_ms_per_cycle=%.2f%n",
                    procs, part.latestRows().size(), cycles, wall[cycles / 2] / 1e6, wall[(int) (cycles * 0.9)] / 1e6,
                    cpu / 1e6 / cycles);
        } finally {
            started.forEach(Process::destroyForcibly);
        }
    }
}
