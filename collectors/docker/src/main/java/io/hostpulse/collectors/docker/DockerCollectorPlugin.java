package io.hostpulse.collectors.docker;

import io.hostpulse.collectors.docker.netmap.rules.ViolationPoints;
import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.config.ConfigNode;

import java.util.Map;
import java.util.Set;

/**
 * Registers the docker collector: on by default when DOCKER_HOST is set or a Docker socket exists at
 * /var/run/docker.sock (or at the same path under the host root, for an agent in a container).
 */
public final class DockerCollectorPlugin implements CollectorPlugin<DockerConfig> {

    public DockerCollectorPlugin() {
        // registered by the agent
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public boolean availableByDefault(CollectorContext ctx) {
        String host = ctx.environment().get("DOCKER_HOST");
        return (host != null && !host.isBlank()) || DockerConfig.socketPath(ctx.hostPaths()) != null;
    }

    @Override
    public DockerConfig configure(ConfigNode section, CollectorContext ctx) {
        return DockerConfig.from(section, ctx.hostPaths(), ctx.environment());
    }

    /**
     * The collector; its events (and the restart loops found in them) go to {@code ctx.events()} as the engine
     * sends them. Nothing connects before the first collection.
     */
    @Override
    public Collector create(DockerConfig cfg, CollectorContext ctx) {
        return DockerCollector.create(cfg, ctx.events(), ctx.dataDir(), ctx.hostname());
    }

    /**
     * The measurements and fields of docs/SCHEMA.md's Docker section, for alert-rule checks; the memory stats keys
     * are the kernel's (any field), the blkio and network counters come in families (checked against a whole
     * collection by a test).
     */
    @Override
    public Map<String, Set<String>> schema() {
        Set<String> net = Set.of("rx_bytes", "tx_bytes", "rx_packets", "tx_packets", "rx_errors", "tx_errors",
                "rx_dropped", "tx_dropped", "container_id");
        return Map.ofEntries(
                Map.entry("docker", Set.of("n_cpus", "n_used_file_descriptors", "n_goroutines", "n_listener_events",
                        "n_containers", "n_containers_running", "n_containers_stopped", "n_containers_paused",
                        "n_images", "memory_total", "n_networks", "n_unmapped_interfaces")),
                Map.entry("docker_container_cpu", Set.of("container_id", "usage_total", "usage_in_usermode",
                        "usage_in_kernelmode", "usage_system", "throttling_periods", "throttling_throttled_periods",
                        "throttling_throttled_time", "usage_percent", "limit_cpus", "usage_percent_of_limit")),
                Map.entry("docker_container_mem", Set.of(ANY_FIELD)),
                Map.entry("docker_container_net", net),
                Map.entry("docker_container_network", net),
                Map.entry("docker_container_blkio", Set.of("container_id", "io_*", "sectors_recursive")),
                Map.entry("docker_container_status", Set.of("container_id", "oomkilled", "pid", "exitcode", "restart_count",
                        "started_at", "finished_at", "uptime_ns", "pids_current", "pids_limit")),
                Map.entry("docker_container_health", Set.of("container_id", "health_status", "failing_streak")),
                Map.entry("docker_flow", Set.of("connections", "bytes", "bytes_per_second", "published", "first_seen")),
                Map.entry(ViolationPoints.MEASUREMENT, ViolationPoints.FIELDS),
                Map.entry("docker_netmap", Set.of("edges_now", "edges_known", "edges_dropped", "containers",
                        "containers_unreadable", "sockets", "malformed_lines", "read_ms", "conntrack", "violations")),
                Map.entry("docker_network", Set.of("network_id", "internal", "attachable", "ipv6", "containers", "rx_bytes",
                        "tx_bytes", "rx_packets", "tx_packets", "rx_errors", "tx_errors", "rx_dropped", "tx_dropped",
                        "rx_bytes_per_second", "tx_bytes_per_second")));
    }
}
