package io.hostpulse.collectors.host;

import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.Event;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSFileStore;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Cost of one host collection cycle: this collector ("mine") against the same data gathered through OSHI's
 * high-level API ("oshi"). Not a test; run by hand, one mode per JVM (see collectors/host/README.md):
 * <pre>java -cp ... io.hostpulse.collectors.host.CycleCostMain mine|mine-PART|oshi CYCLES</pre>
 * Prints wall time per cycle (median, p90), this JVM's CPU per cycle and the CPU of reaped child processes
 * (cutime + cstime of /proc/self/stat, i.e. the forked lsblk). Count forks with strace -f -e trace=execve.
 */
public final class CycleCostMain {
    static long sink;

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "mine";
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Runnable cycle = mode.equals("oshi") ? oshiCycle()
                : mineCycle(mode.startsWith("mine-") ? Map.of("parts", List.of(mode.substring(5))) : Map.of());
        for (int i = 0; i < 10; i++) {
            cycle.run(); // warm-up: class loading, JIT, OSHI memoizers
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long[] child0 = childTicks();
        long[] wall = new long[cycles];
        for (int i = 0; i < cycles; i++) {
            long t = System.nanoTime();
            cycle.run();
            wall[i] = System.nanoTime() - t;
        }
        long cpu = os.getProcessCpuTime() - cpu0;
        long[] child1 = childTicks();
        Arrays.sort(wall);
        double childMs = ((child1[0] - child0[0]) + (child1[1] - child0[1])) * 10.0 / cycles; // USER_HZ = 100
        System.out.printf("mode=%s cycles=%d wall_median_ms=%.2f wall_p90_ms=%.2f jvm_cpu_ms_per_cycle=%.2f "
                        + "child_cpu_ms_per_cycle=%.2f (sink %d)%n", mode, cycles, wall[cycles / 2] / 1e6,
                wall[(int) (cycles * 0.9)] / 1e6, cpu / 1e6 / cycles, childMs, sink % 10);
    }

    private static long[] childTicks() throws Exception {
        String s = Files.readString(Path.of("/proc/self/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return new long[]{Long.parseLong(f[13]), Long.parseLong(f[14])}; // cutime, cstime (fields 16, 17)
    }

    private static Runnable mineCycle(Map<String, Object> section) {
        CollectorContext ctx = new CollectorContext(HostPaths.defaults(), Clock.systemUTC(), "bench", null, Map.of());
        Collector c = new HostCollectorPlugin().create(ConfigNode.of(section), ctx);
        Accumulator acc = new Accumulator() {
            @Override
            public void add(Point point) {
                sink += point.fields().size();
            }

            @Override
            public void addEvent(Event event) {
            }

            @Override
            public void addError(String part, Throwable error) {
                System.err.println("error " + part + ": " + error);
            }
        };
        return () -> {
            try {
                c.collect(Instant.now(), acc);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The same families through OSHI: what an OSHI-only collector would call every cycle. */
    private static Runnable oshiCycle() {
        SystemInfo si = new SystemInfo();
        HardwareAbstractionLayer hal = si.getHardware();
        OperatingSystem os = si.getOperatingSystem();
        CentralProcessor cpu = hal.getProcessor();
        return () -> {
            long s = 0;
            s += cpu.getSystemCpuLoadTicks()[0];                                       // cpu-total ticks
            for (long[] t : cpu.getProcessorCpuLoadTicks()) {                          // per-cpu ticks
                s += t[0];
            }
            s += hal.getMemory().getAvailable() + hal.getMemory().getTotal();          // mem
            s += hal.getMemory().getVirtualMemory().getSwapUsed()                      // swap
                    + hal.getMemory().getVirtualMemory().getSwapPagesIn();
            s += (long) cpu.getSystemLoadAverage(3)[0] + os.getSystemUptime()          // system
                    + cpu.getLogicalProcessorCount();
            for (OSFileStore fs : os.getFileSystem().getFileStores(true)) {            // disk
                s += fs.getTotalSpace() + fs.getUsableSpace() + fs.getFreeInodes() + fs.getTotalInodes();
            }
            for (HWDiskStore d : hal.getDiskStores()) {                                // diskio
                s += d.getReads() + d.getWriteBytes() + d.getTransferTime() + d.getCurrentQueueLength();
            }
            for (NetworkIF n : hal.getNetworkIFs()) {                                  // net
                s += n.getBytesRecv() + n.getPacketsSent() + n.getInErrors() + n.getInDrops();
            }
            Map<OSProcess.State, Integer> states = new EnumMap<>(OSProcess.State.class); // processes
            long threads = 0;
            for (OSProcess p : os.getProcesses()) {
                states.merge(p.getState(), 1, Integer::sum);
                threads += p.getThreadCount();
            }
            s += states.size() + threads + os.getSystemBootTime();                     // kernel: boot time only
            sink += s;
        };
    }
}
