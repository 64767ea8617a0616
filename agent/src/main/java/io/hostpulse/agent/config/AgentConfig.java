package io.hostpulse.agent.config;

import io.hostpulse.core.HostPaths;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The effective configuration: what the agent runs with after defaults, environment substitution and validation.
 *
 * @param source      the file it came from, or "embedded default"
 * @param tree        the parsed YAML after substitution (printed by check-config, with {@code secretPaths} redacted)
 */
public record AgentConfig(String source, boolean embeddedDefault, String hostname, Map<String, String> globalTags,
                          Duration interval, Duration jitter, Duration flushTimeout, Path dataDir, String logLevel,
                          HostPaths hostPaths, HttpConfig http, List<CollectorSpec> collectors,
                          List<OutputSpec> outputs, Map<String, Object> tree, Set<String> secretPaths,
                          AlertsSpec alerts, RestartLoop restartLoop) {

    /** The same config writing only to {@code outputs}, without HTTP endpoint and alerts: for {@code hostpulse test}. */
    public AgentConfig collectOnlyTo(List<OutputSpec> only) {
        return new AgentConfig(source, embeddedDefault, hostname, globalTags, interval, jitter, flushTimeout, dataDir,
                logLevel, hostPaths, new HttpConfig(false, "127.0.0.1", 0), collectors, List.copyOf(only), tree,
                secretPaths, AlertsSpec.none(), restartLoop);
    }

    /** A container is in a restart loop when it restarted {@code restarts} times within {@code within}. */
    public record RestartLoop(int restarts, Duration within) {
    }

    /** The {@code alerts:} section and the rules that passed the check against the enabled collectors. */
    public record AlertsSpec(io.hostpulse.agent.alerts.AlertsConfig config, List<io.hostpulse.agent.alerts.Rule> rules) {
        public static AlertsSpec none() {
            return new AlertsSpec(io.hostpulse.agent.alerts.AlertsConfig.off(), List.of());
        }
    }

    /** The HTTP endpoint for /metrics and /health; 127.0.0.1 unless the user chose otherwise. */
    public record HttpConfig(boolean enabled, String host, int port) {
    }
}
