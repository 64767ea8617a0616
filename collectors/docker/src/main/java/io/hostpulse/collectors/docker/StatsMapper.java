package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostpulse.core.Point;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure: one container's stats reply ({@code GET /containers/{id}/stats?stream=false}) -> docker_container_cpu,
 * _mem, _net, _network and _blkio points, per device and total as {@link StatClasses} says. Handles cgroup v1, cgroup v2, Windows and Podman replies.
 *
 * <p>CPU percent is computed against the agent's own previous sample of the same container (over the whole
 * interval), not the daemon's precpu window; without a usable previous sample only the counters are written.
 */
final class StatsMapper {
    static final String[] NET_FIELDS = {"rx_bytes", "rx_packets", "rx_errors", "rx_dropped",
            "tx_bytes", "tx_packets", "tx_errors", "tx_dropped"};

    private StatsMapper() {
    }

    /**
     * A CPU reading kept until the next collection.
     *
     * @param systemUsage host CPU time in ns (system_cpu_usage), -1 when the engine does not report it
     */
    record CpuSample(long totalUsage, long systemUsage, Instant read) {
    }

    /** @param interfaces container interface name -> counters in {@link #NET_FIELDS} order */
    record Result(List<Point> points, CpuSample cpu, Map<String, long[]> interfaces, Long pidsCurrent, Long pidsLimit) {
    }

    /**
     * @param ifaceNetworks container interface -> Docker network name (absent: unknown)
     * @param classes       which of cpu, network and blkio get rows per device and a total row
     */
    static Result map(JsonNode stats, ContainerMeta m, CpuSample previous, Map<String, String> ifaceNetworks,
                      StatClasses classes, Instant now) {
        List<Point> out = new ArrayList<>();
        if (stats == null || !stats.isObject()) {
            return new Result(out, null, Map.of(), null, null);
        }
        Instant read = Json.time(Json.text(stats, "read"));
        if (read == null) { // a stopped container answers with zero time and empty sections
            read = now;
        }
        CpuSample cpu = cpu(stats, m, previous, read, classes, now, out);
        memory(stats, m, now, out);
        Map<String, long[]> ifaces = network(stats, m, ifaceNetworks, classes, now, out);
        blkio(stats, m, classes, now, out);
        JsonNode pids = stats.path("pids_stats");
        Long limit = Json.lng(pids, "limit");
        if (limit != null && (limit <= 0 || limit == Long.MAX_VALUE || limit == -1L)) {
            limit = null;
        }
        return new Result(out, cpu, ifaces, Json.lng(pids, "current"), limit);
    }

    /**
     * The cpu=cpu-total row (its sample is kept for the next percent even when the row is not written) and, per
     * device, Telegraf's cpu0, cpu1, … rows with usage_total from percpu_usage (cgroup v1; only the online CPUs).
     */
    private static CpuSample cpu(JsonNode stats, ContainerMeta m, CpuSample prev, Instant read, StatClasses classes,
                                 Instant now, List<Point> out) {
        JsonNode cs = stats.path("cpu_stats");
        JsonNode usage = cs.path("cpu_usage");
        Long total = Json.lng(usage, "total_usage");
        if (total == null) {
            return null;
        }
        Long system = Json.lng(cs, "system_cpu_usage");
        JsonNode thr = cs.path("throttling_data");
        Point.Builder p = Point.builder("docker_container_cpu").tags(m.tags()).tag("cpu", "cpu-total").time(now)
                .field("usage_total", total)
                .field("usage_in_usermode", Json.lng(usage, "usage_in_usermode"))
                .field("usage_in_kernelmode", Json.lng(usage, "usage_in_kernelmode"))
                .field("usage_system", system)
                .field("throttling_periods", Json.lng(thr, "periods"))
                .field("throttling_throttled_periods", Json.lng(thr, "throttled_periods"))
                .field("throttling_throttled_time", Json.lng(thr, "throttled_time"));
        CpuSample cur = new CpuSample(total, system == null || system == 0 ? -1 : system, read);
        Double percent = percent(prev, cur, onlineCpus(stats), Json.lng(stats, "num_procs"));
        if (percent != null) {
            p.field("usage_percent", percent);
            if (m.cpuLimit() != null && m.cpuLimit() > 0) {
                p.field("limit_cpus", m.cpuLimit());
                p.field("usage_percent_of_limit", percent / m.cpuLimit());
            }
        }
        p.field("container_id", m.id());
        if (classes.total(StatClasses.CPU)) {
            out.add(p.build());
        }
        if (classes.perDevice(StatClasses.CPU)) {
            perCpu(usage.path("percpu_usage"), Json.lng(cs, "online_cpus"), m, now, out);
        }
        return cur;
    }

    private static void perCpu(JsonNode percpu, Long online, ContainerMeta m, Instant now, List<Point> out) {
        if (!percpu.isArray()) {
            return;
        }
        int n = online != null && online > 0 ? (int) Math.min(online, percpu.size()) : percpu.size();
        for (int i = 0; i < n; i++) {
            JsonNode v = percpu.get(i);
            if (v.isIntegralNumber()) {
                out.add(Point.builder("docker_container_cpu").tags(m.tags()).tag("cpu", "cpu" + i).time(now)
                        .field("usage_total", v.asLong()).field("container_id", m.id()).build());
            }
        }
    }

    /**
     * Linux: Δcontainer / Δhost CPU time x online CPUs x 100 (0 to N x 100, like docker stats); without
     * system_cpu_usage: Δcontainer / Δwall clock x 100. Windows (num_procs set, usage in 100 ns units):
     * Δusage / (Δwall in 100 ns x num_procs) x 100, as the docker CLI does. Null on the first sample, a counter
     * reset (container restarted) or no time passed.
     */
    static Double percent(CpuSample prev, CpuSample cur, int onlineCpus, Long numProcs) {
        if (prev == null || cur.totalUsage() < prev.totalUsage()) {
            return null;
        }
        double dUsage = cur.totalUsage() - prev.totalUsage();
        if (cur.systemUsage() > 0 && prev.systemUsage() > 0) {
            double dSys = cur.systemUsage() - prev.systemUsage();
            if (dSys <= 0 || onlineCpus <= 0) {
                return null;
            }
            return dUsage / dSys * onlineCpus * 100.0;
        }
        long dWallNs = Duration.between(prev.read(), cur.read()).toNanos();
        if (dWallNs <= 0) {
            return null;
        }
        if (numProcs != null && numProcs > 0) {
            return dUsage / ((dWallNs / 100.0) * numProcs) * 100.0;
        }
        return dUsage / dWallNs * 100.0;
    }

    static int onlineCpus(JsonNode stats) {
        JsonNode cs = stats.path("cpu_stats");
        Long online = Json.lng(cs, "online_cpus");
        if (online != null && online > 0) {
            return online.intValue();
        }
        JsonNode per = cs.path("cpu_usage").path("percpu_usage");
        return per.isArray() ? per.size() : 0;
    }

    private static void memory(JsonNode stats, ContainerMeta m, Instant now, List<Point> out) {
        JsonNode mem = stats.path("memory_stats");
        if (!mem.isObject() || mem.isEmpty()) {
            return;
        }
        Point.Builder p = Point.builder("docker_container_mem").tags(m.tags()).time(now);
        Long commit = Json.lng(mem, "commitbytes");
        if (commit != null || mem.has("privateworkingset")) { // Windows
            p.field("commit_bytes", commit)
                    .field("commit_peak_bytes", Json.lng(mem, "commitpeakbytes"))
                    .field("private_working_set", Json.lng(mem, "privateworkingset"));
        } else {
            JsonNode st = mem.path("stats");
            TreeMap<String, Long> raw = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : st.properties()) {
                if (e.getValue().isIntegralNumber()) {
                    raw.put(e.getKey(), e.getValue().asLong());
                }
            }
            raw.forEach(p::field);
            Long usage = Json.lng(mem, "usage");
            Long limit = Json.lng(mem, "limit");
            if (usage != null) {
                long u = usageNoCache(usage, raw);
                p.field("usage", u);
                if (limit != null && limit > 0) {
                    p.field("usage_percent", u * 100.0 / limit);
                }
            }
            p.field("limit", limit)
                    .field("max_usage", Json.lng(mem, "max_usage"))
                    .field("fail_count", Json.lng(mem, "failcnt"));
        }
        if (p.hasFields()) {
            out.add(p.field("container_id", m.id()).build());
        }
    }

    /** The docker CLI formula: cgroup v1 subtracts total_inactive_file, cgroup v2 inactive_file. */
    static long usageNoCache(long usage, Map<String, Long> stats) {
        Long v1 = stats.get("total_inactive_file");
        if (v1 != null) {
            return v1 < usage ? usage - v1 : usage;
        }
        Long v2 = stats.get("inactive_file");
        if (v2 != null && v2 < usage) {
            return usage - v2;
        }
        return usage;
    }

    /**
     * docker_container_net as Telegraf writes it (rows per interface only when configured, the network=total row
     * by default), and docker_container_network: one row per interface that belongs to a known Docker network,
     * tagged with that network and the interface, so a sum over it never counts an interface twice.
     */
    private static Map<String, long[]> network(JsonNode stats, ContainerMeta m, Map<String, String> ifaceNetworks,
                                               StatClasses classes, Instant now, List<Point> out) {
        JsonNode nets = stats.path("networks");
        Map<String, long[]> ifaces = new LinkedHashMap<>();
        if (!nets.isObject() || nets.isEmpty()) {
            return ifaces;
        }
        long[] total = new long[NET_FIELDS.length];
        for (Map.Entry<String, JsonNode> e : nets.properties()) {
            String iface = e.getKey();
            long[] c = new long[NET_FIELDS.length];
            Long[] raw = new Long[NET_FIELDS.length];
            for (int i = 0; i < NET_FIELDS.length; i++) {
                raw[i] = Json.lng(e.getValue(), NET_FIELDS[i]);
                c[i] = raw[i] == null ? 0 : raw[i];
                total[i] += c[i];
            }
            if (classes.perDevice(StatClasses.NETWORK)) {
                out.add(counters(Point.builder("docker_container_net").tags(m.tags()).tag("network", iface), raw, m, now));
            }
            String dockerNetwork = ifaceNetworks.get(iface);
            if (dockerNetwork != null) {
                out.add(counters(Point.builder("docker_container_network").tags(m.tags())
                        .tag("network", dockerNetwork).tag("interface", iface), raw, m, now));
            }
            ifaces.put(iface, c);
        }
        if (classes.total(StatClasses.NETWORK)) {
            Long[] sum = new Long[NET_FIELDS.length];
            for (int i = 0; i < NET_FIELDS.length; i++) {
                sum[i] = total[i];
            }
            out.add(counters(Point.builder("docker_container_net").tags(m.tags()).tag("network", "total"), sum, m, now));
        }
        return ifaces;
    }

    /** The network counters in {@link #NET_FIELDS} order (null: not reported) and container_id. */
    private static Point counters(Point.Builder p, Long[] values, ContainerMeta m, Instant now) {
        for (int i = 0; i < NET_FIELDS.length; i++) {
            p.field(NET_FIELDS[i], values[i]);
        }
        return p.field("container_id", m.id()).time(now).build();
    }

    private static void blkio(JsonNode stats, ContainerMeta m, StatClasses classes, Instant now, List<Point> out) {
        JsonNode blk = stats.path("blkio_stats");
        Map<String, Map<String, Long>> devices = new TreeMap<>();
        Map<String, Long> total = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : blk.properties()) {
            if (!e.getValue().isArray()) {
                continue;
            }
            for (JsonNode entry : e.getValue()) {
                Long v = Json.lng(entry, "value");
                if (v == null) {
                    continue;
                }
                String op = Json.text(entry, "op");
                String field = op == null || op.isEmpty() ? e.getKey() : e.getKey() + "_" + op.toLowerCase();
                String dev = entry.path("major").asLong() + ":" + entry.path("minor").asLong();
                devices.computeIfAbsent(dev, d -> new TreeMap<>()).merge(field, v, Long::sum);
                total.merge(field, v, Long::sum);
            }
        }
        if (total.isEmpty()) {
            return;
        }
        if (classes.perDevice(StatClasses.BLKIO)) {
            devices.forEach((dev, fields) -> {
                Point.Builder p = Point.builder("docker_container_blkio").tags(m.tags()).tag("device", dev).time(now);
                fields.forEach(p::field);
                out.add(p.field("container_id", m.id()).build());
            });
        }
        if (classes.total(StatClasses.BLKIO)) {
            Point.Builder p = Point.builder("docker_container_blkio").tags(m.tags()).tag("device", "total").time(now);
            total.forEach(p::field);
            out.add(p.field("container_id", m.id()).build());
        }
    }
}
