package io.hostpulse.collectors.host.process;

import io.hostpulse.core.Accumulator;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The process list (Glances' and top's): per cycle one read of stat and io per process, then cmdline and cgroup only
 * for the processes kept ({@link ProcessConfig#keep()} by CPU, memory and I/O). The kept list is held for the live
 * view ({@link #latest()}); {@code procstat} points go to the outputs only with {@code export: true}, and then only
 * the top N by CPU and by memory. Not thread-safe for collect; {@link #latest()} may be read from any thread.
 */
public final class ProcessPart {
    public static final String NAME = "procstat";

    private final ProcessConfig config;
    private final ProcFiles files;
    private final long pageSize;
    private final ProcessRates rates = new ProcessRates();
    private volatile List<Point> latest = List.of();
    private volatile List<ProcessRow> latestRows = List.of();

    public ProcessPart(ProcessConfig config, HostPaths paths, long pageSize) {
        this.config = config;
        this.files = new ProcFiles(paths);
        this.pageSize = pageSize;
    }

    /** The kept processes of the last cycle as {@code procstat} points (time = that cycle's), busiest CPU first. */
    public List<Point> latest() {
        return latest;
    }

    public List<ProcessRow> latestRows() {
        return latestRows;
    }

    public void collect(Instant now, Accumulator acc) throws IOException {
        List<ProcessRates.Raw> raws = new ArrayList<>();
        for (int pid : files.pids()) {
            String statText = files.read(pid, "stat");
            PidStat stat = statText == null ? null : PidStat.parse(statText);
            if (stat == null) {
                continue; // ended meanwhile; a kernel that writes no stat line is not ours to report per pid
            }
            String ioText = files.read(pid, "io");
            raws.add(new ProcessRates.Raw(stat, ioText == null ? null : PidIo.parse(ioText), files.uid(pid)));
        }
        List<ProcessRates.Rated> rated = rates.next(now, raws);
        List<ProcessRates.Rated> kept = select(rated, config.keep());
        Map<Integer, String> users = files.users();
        List<ProcessRow> rows = new ArrayList<>(kept.size());
        for (ProcessRates.Rated r : kept) {
            rows.add(row(r, users));
        }
        rows.sort(Comparator.comparingDouble(ProcessRow::cpuOrZero).reversed()
                .thenComparing(Comparator.comparingLong(ProcessRow::rssBytes).reversed()));
        List<Point> points = new ArrayList<>(rows.size());
        rows.forEach(r -> points.add(r.toPoint(now)));
        latestRows = List.copyOf(rows);
        latest = List.copyOf(points);
        if (config.export()) {
            for (ProcessRow r : exported(rows, config.top())) {
                acc.add(r.toPoint(now));
            }
        }
    }

    private ProcessRow row(ProcessRates.Rated r, Map<Integer, String> users) {
        PidStat s = r.raw().stat();
        String cgroup = files.read(s.pid(), "cgroup");
        String cmd = files.cmdline(s.pid(), config.cmdlineMax());
        int uid = r.raw().uid();
        String user = uid < 0 ? null : users.getOrDefault(uid, Integer.toString(uid));
        PidIo io = r.raw().io();
        return new ProcessRow(s.pid(), s.comm(), user, s.state(), r.cpuPercent(), s.rssPages() * pageSize,
                io == null ? null : io.readBytes(), io == null ? null : io.writeBytes(), r.readRate(), r.writeRate(),
                s.threads(), cgroup == null ? null : Cgroups.containerId(cgroup),
                cmd == null || cmd.isEmpty() ? "[" + s.comm() + "]" : cmd);
    }

    /** The union of the top {@code n} by CPU, by resident memory and by I/O rate. Pure. */
    static List<ProcessRates.Rated> select(List<ProcessRates.Rated> all, int n) {
        Set<ProcessRates.Rated> out = new LinkedHashSet<>();
        out.addAll(top(all, Comparator.comparingDouble(ProcessPart::cpu), n));
        out.addAll(top(all, Comparator.comparingLong(r -> r.raw().stat().rssPages()), n));
        out.addAll(top(all, Comparator.comparingDouble(ProcessPart::io), n));
        return new ArrayList<>(out);
    }

    /** What {@code export: true} writes: the top {@code n} by CPU and by memory. Pure. */
    static List<ProcessRow> exported(List<ProcessRow> rows, int n) {
        Set<ProcessRow> out = new LinkedHashSet<>();
        out.addAll(top(rows, Comparator.comparingDouble(ProcessRow::cpuOrZero), n));
        out.addAll(top(rows, Comparator.comparingLong(ProcessRow::rssBytes), n));
        return new ArrayList<>(out);
    }

    private static double cpu(ProcessRates.Rated r) {
        return r.cpuPercent() == null ? 0 : r.cpuPercent();
    }

    private static double io(ProcessRates.Rated r) {
        return (r.readRate() == null ? 0 : r.readRate()) + (r.writeRate() == null ? 0 : r.writeRate());
    }

    private static <T> List<T> top(List<T> all, Comparator<T> by, int n) {
        return all.stream().sorted(by.reversed()).limit(n).toList();
    }
}
