package io.hostpulse.collectors.host;

import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.config.ConfigNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.util.Map;
import java.util.Set;

/** Registry row of the {@code host} collector: on by default everywhere (every Linux host has /proc). */
public final class HostCollectorPlugin implements CollectorPlugin<HostCollectorPlugin.Settings> {

    /** The section read: the host parts' keys and the {@code procstat} sub-section (the process list). */
    public record Settings(HostConfig host, io.hostpulse.collectors.host.process.ProcessConfig procstat) {
    }

    public static final String NAME = "host";
    private static final Logger LOG = LoggerFactory.getLogger(HostCollectorPlugin.class);

    public HostCollectorPlugin() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean availableByDefault(CollectorContext ctx) {
        return true;
    }

    @Override
    public Settings configure(ConfigNode section, CollectorContext ctx) {
        return new Settings(HostConfig.from(section),
                io.hostpulse.collectors.host.process.ProcessConfig.from(section.child("procstat")));
    }

    @Override
    public Collector create(Settings config, CollectorContext ctx) {
        HostPaths paths = ctx.hostPaths() == null ? HostPaths.defaults() : ctx.hostPaths();
        if (Files.isDirectory(paths.proc())) {
            OshiSetup.configure(paths);
        } else {
            LOG.warn("host proc path {} does not exist; the host collector will fail until it does", paths.proc());
        }
        return new HostCollector(config.host(), paths).withProcesses(config.procstat());
    }

    /**
     * Every measurement and field of docs/SCHEMA.md's host section (checked against real points by a test, with
     * every optional part on); {@code *} is any field, {@code prefix*} any field starting so.
     */
    @Override
    public Map<String, Set<String>> schema() {
        return Map.ofEntries(
                Map.entry("cpu", Set.of("usage_user", "usage_nice", "usage_system", "usage_idle", "usage_iowait", "usage_irq",
                        "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice", "usage_active")),
                Map.entry("mem", Set.of("total", "free", "available", "used", "used_percent", "available_percent", "buffered",
                        "cached", "active", "inactive", "shared", "slab", "sreclaimable", "sunreclaim", "dirty",
                        "write_back", "write_back_tmp", "mapped", "page_tables", "commit_limit", "committed_as",
                        "swap_cached", "swap_total", "swap_free", "high_total", "high_free", "low_total", "low_free",
                        "huge_pages_total", "huge_pages_free", "huge_page_size", "vmalloc_total", "vmalloc_used",
                        "vmalloc_chunk")),
                Map.entry("swap", Set.of("total", "free", "used", "used_percent", "in", "out")),
                Map.entry("system", Set.of("load1", "load5", "load15", "n_cpus", "uptime", "n_users", "n_unique_users")),
                Map.entry("disk", Set.of("total", "free", "used", "used_percent", "inodes_total", "inodes_free", "inodes_used",
                        "inodes_used_percent")),
                Map.entry("diskio", Set.of("reads", "writes", "merged_reads", "merged_writes", "read_bytes", "write_bytes",
                        "read_time", "write_time", "io_time", "weighted_io_time", "iops_in_progress")),
                Map.entry("net", Set.of("bytes_recv", "bytes_sent", "packets_recv", "packets_sent", "err_in", "err_out",
                        "drop_in", "drop_out", "ip_*", "icmp_*", "icmpmsg_*", "tcp_*", "udp_*", "udplite_*")),
                Map.entry("processes", Set.of("running", "sleeping", "blocked", "zombies", "stopped", "dead", "paging", "idle",
                        "parked", "unknown", "total", "total_threads")),
                Map.entry("kernel", Set.of("boot_time", "context_switches", "interrupts", "processes_forked",
                        "entropy_avail")),
                Map.entry("pressure", Set.of("avg10", "avg60", "avg300", "total")),
                Map.entry("netstat", Set.of("tcp_established", "tcp_syn_sent", "tcp_syn_recv", "tcp_fin_wait1",
                        "tcp_fin_wait2", "tcp_time_wait", "tcp_close", "tcp_close_wait", "tcp_last_ack", "tcp_listen",
                        "tcp_closing", "tcp_none", "udp_socket")),
                Map.entry("nstat", Set.of("*")),
                Map.entry("conntrack", Set.of("ip_conntrack_count", "ip_conntrack_max")),
                Map.entry("linux_sysctl_fs", Set.of("aio-nr", "aio-max-nr", "dquot-nr", "dquot-max", "super-nr",
                        "super-max", "inode-nr", "inode-free-nr", "inode-preshrink-nr", "dentry-nr", "dentry-unused-nr",
                        "dentry-age-limit", "dentry-want-pages", "file-nr", "file-max")),
                Map.entry("interrupts", Set.of("CPU*", "total", "count")),
                Map.entry("soft_interrupts", Set.of("CPU*", "total", "count")));
    }
}
