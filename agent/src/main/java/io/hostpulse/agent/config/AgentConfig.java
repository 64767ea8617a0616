package io.hostpulse.agent.config;

import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.Event;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The effective configuration: what the agent runs with after defaults, environment substitution and validation.
 * Plain data: reading a config starts nothing and opens nothing (check-config and notify-test stop here); the
 * running collectors and outputs are made from it by {@code agent.wiring.Wiring}.
 *
 * @param source           the file it came from, or "embedded default"
 * @param collectorContext what the collectors were configured with (host paths, clock, data dir, environment)
 * @param pointOutputs     the outputs on the points lane (InfluxDB, stdout)
 * @param eventOutputs     the outputs on the events lane (Loki)
 * @param tree             the parsed YAML after substitution (printed by check-config, with {@code secretPaths} redacted)
 * @param effective        every key the agent and its plugins read, with the value they run with (defaults included)
 */
public record AgentConfig(String source, boolean embeddedDefault, String hostname, Map<String, String> globalTags,
                          Duration interval, Duration jitter, Duration flushTimeout, Path dataDir, String logLevel,
                          HostPaths hostPaths, HttpConfig http, List<CollectorSpec> collectors,
                          List<OutputSpec<Point>> pointOutputs, List<OutputSpec<Event>> eventOutputs,
                          CollectorContext collectorContext, Map<String, Object> tree, Map<String, Object> effective,
                          Set<String> secretPaths, AlertsSpec alerts, SelfMetricsSpec selfMetrics) {

    /** The same config without HTTP endpoint and alerts: for {@code hostpulse test}. */
    public AgentConfig withoutServices() {
        return new AgentConfig(source, embeddedDefault, hostname, globalTags, interval, jitter, flushTimeout, dataDir,
                logLevel, hostPaths, new HttpConfig(false, "127.0.0.1", 0), collectors, pointOutputs, eventOutputs,
                collectorContext, tree, effective, secretPaths, AlertsSpec.none(), selfMetrics);
    }

    /**
     * A note for a config file that sets nothing (empty, or only comments): it is valid, but the agent then runs
     * like the embedded default, which a user who meant to write a config should be told. Null otherwise.
     */
    public String emptyFileNote() {
        if (embeddedDefault || !tree.isEmpty()) {
            return null;
        }
        return source + " sets nothing (it is empty or only comments): running every collector available on this "
                + "host with its defaults (" + String.join(", ", collectors.stream().map(CollectorSpec::name).toList())
                + "), writing to " + String.join(", ", outputNames());
    }

    /** Names of every output, points lane first. */
    public List<String> outputNames() {
        List<String> n = new java.util.ArrayList<>();
        pointOutputs.forEach(o -> n.add(o.name()));
        eventOutputs.forEach(o -> n.add(o.name()));
        return n;
    }

    /** The {@code alerts:} section and the rules that passed the check against the enabled collectors. */
    public record AlertsSpec(io.hostpulse.agent.alerts.AlertsConfig config, List<io.hostpulse.agent.alerts.Rule> rules) {
        public static AlertsSpec none() {
            return new AlertsSpec(io.hostpulse.agent.alerts.AlertsConfig.off(), List.of());
        }
    }

    /** {@code agent.self_metrics}: {@code jvm} adds Micrometer's per-pool JVM detail (off: heap/non-heap totals). */
    public record SelfMetricsSpec(boolean jvm) {
    }

    /** The HTTP endpoint for /metrics and /health; 127.0.0.1 unless the user chose otherwise. */
    public record HttpConfig(boolean enabled, String host, int port) {
    }
}
