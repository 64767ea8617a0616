package io.hostpulse.collectors.host;

import io.hostpulse.collectors.host.conntrack.ConntrackPart;
import io.hostpulse.collectors.host.cpu.CpuPart;
import io.hostpulse.collectors.host.disk.DiskIoPart;
import io.hostpulse.collectors.host.disk.DiskPart;
import io.hostpulse.collectors.host.disk.JnaStatFs;
import io.hostpulse.collectors.host.disk.NioStatFs;
import io.hostpulse.collectors.host.disk.StatFs;
import io.hostpulse.collectors.host.interrupts.InterruptsPart;
import io.hostpulse.collectors.host.mem.MemPart;
import io.hostpulse.collectors.host.mem.SwapPart;
import io.hostpulse.collectors.host.net.NetPart;
import io.hostpulse.collectors.host.netstat.NetstatPart;
import io.hostpulse.collectors.host.nstat.NstatPart;
import io.hostpulse.collectors.host.sysctlfs.SysctlFsPart;
import io.hostpulse.collectors.host.system.KernelPart;
import io.hostpulse.collectors.host.system.PressurePart;
import io.hostpulse.collectors.host.system.ProcessesPart;
import io.hostpulse.collectors.host.system.SystemPart;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.CollectException;
import io.hostpulse.core.Collector;
import io.hostpulse.core.HostPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Host metrics with Telegraf's names: cpu, mem, swap, system, disk, diskio, net, processes, kernel, pressure, and
 * the optional netstat, nstat, conntrack, linux_sysctl_fs, interrupts (soft_interrupts).
 * Each part reads its files under {@link HostPaths}; a failing part is reported with
 * {@link Accumulator#addError} and the others go on. Points carry no host tag (the agent adds it) and take the
 * {@code now} of the call as their time. Not thread-safe: the agent calls collect from one job at a time.
 */
public final class HostCollector implements Collector {
    private static final Logger LOG = LoggerFactory.getLogger(HostCollector.class);

    private final HostFileSource source;
    private final List<HostPart> parts;
    private final long pageSize;
    private io.hostpulse.collectors.host.process.ProcessPart processes;

    public HostCollector(HostConfig config, HostPaths paths) {
        this(config, paths, defaultStatFs(), OshiSetup.pageSize());
    }

    HostCollector(HostConfig config, HostPaths paths, StatFs statFs, long pageSize) {
        this.source = new HostFileSource(paths);
        this.pageSize = pageSize;
        List<HostPart> p = new ArrayList<>();
        List<String> known = new ArrayList<>(HostConfig.ALL_PARTS);
        known.addAll(HostConfig.OPTIONAL_PARTS);
        for (String name : known) {
            if (!config.enabled(name)) {
                continue;
            }
            p.add(switch (name) {
                case "cpu" -> new CpuPart(config);
                case "mem" -> new MemPart();
                case "swap" -> new SwapPart(pageSize);
                case "system" -> new SystemPart();
                case "disk" -> new DiskPart(config, statFs);
                case "diskio" -> new DiskIoPart(config);
                case "net" -> new NetPart(config);
                case "processes" -> new ProcessesPart();
                case "kernel" -> new KernelPart();
                case "pressure" -> new PressurePart();
                case "netstat" -> new NetstatPart();
                case "nstat" -> new NstatPart(config.nstatDumpZeros());
                case "conntrack" -> new ConntrackPart();
                case "linux_sysctl_fs" -> new SysctlFsPart();
                case "interrupts" -> new InterruptsPart(config.interruptsCpuAsTag());
                default -> throw new IllegalStateException("no part " + name);
            });
        }
        this.parts = List.copyOf(p);
    }

    /** Adds the process list (sub-package {@code process}); its rows are read by the live view through {@link #processes()}. */
    public HostCollector withProcesses(io.hostpulse.collectors.host.process.ProcessConfig config) {
        processes = config.enabled() ? new io.hostpulse.collectors.host.process.ProcessPart(config, source.paths(), pageSize) : null;
        return this;
    }

    /** The process list, or null when it is off. */
    public io.hostpulse.collectors.host.process.ProcessPart processes() {
        return processes;
    }

    @Override
    public String name() {
        return HostCollectorPlugin.NAME;
    }

    List<String> partNames() {
        return parts.stream().map(HostPart::name).toList();
    }

    @Override
    public void collect(Instant now, Accumulator acc) throws CollectException {
        if (!Files.isDirectory(source.paths().proc())) {
            throw new CollectException("host proc path " + source.paths().proc()
                    + " does not exist or is not a directory (mount the host's /proc there, or set the proc host path)");
        }
        Cycle cycle = new Cycle(source, acc);
        int ok = 0;
        Exception first = null;
        for (HostPart part : parts) {
            try {
                part.collect(now, cycle, acc);
                ok++;
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
                acc.addError(part.name(), e);
            }
        }
        if (processes != null) {
            try {
                processes.collect(now, acc);
            } catch (Exception e) {
                acc.addError(io.hostpulse.collectors.host.process.ProcessPart.NAME, e);
            }
        }
        if (ok == 0 && first != null) {
            throw new CollectException("every host part failed; first: " + first.getMessage(), first);
        }
    }

    @Override
    public void close() {
        for (HostPart p : parts) {
            if (p instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("closing {}: {}", p.name(), e.toString());
                }
            }
        }
    }

    static StatFs defaultStatFs() {
        try {
            return new JnaStatFs();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("statvfs through JNA unavailable ({}); disk points will lack inode fields", e.toString());
            return new NioStatFs();
        }
    }
}
