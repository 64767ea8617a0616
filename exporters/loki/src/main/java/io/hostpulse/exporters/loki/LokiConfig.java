package io.hostpulse.exporters.loki;

import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.pipeline.BufferConfig;
import io.hostpulse.exporters.pipeline.OutputSettings;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code loki} output section.
 *
 * @param name         output name (self-metric tag, spool directory); key {@code name}, default {@code loki}
 * @param pushUrl      the push endpoint; key {@code url} takes the base URL ({@code http://loki:3100}) or the full
 *                     {@code .../loki/api/v1/push}
 * @param tenant       {@code X-Scope-OrgID} header, empty for none
 * @param username     basic-auth user (Grafana Cloud: the instance id)
 * @param password     basic-auth password
 * @param bearerToken  sent as {@code Authorization: Bearer}, instead of basic auth
 * @param staticLabels labels added to every stream (at most {@link LokiLimits#MAX_STATIC_LABELS})
 * @param format       wire format: {@code protobuf} (Loki's native, snappy-compressed; default) or {@code json}
 * @param timeout      whole-request timeout
 * @param agentLogs    also ship the agent's own log lines (source="agent_log")
 * @param agentLogLevel lowest level of the agent's own lines that are shipped
 * @param buffer       batching, limits, retry and spool settings (the same keys as every output)
 */
public record LokiConfig(String name, URI pushUrl, String tenant, String username, String password,
                         String bearerToken, Map<String, String> staticLabels, Format format, Duration timeout,
                         boolean agentLogs, String agentLogLevel, BufferConfig buffer) implements OutputSettings {

    public static final String PUSH_PATH = "/loki/api/v1/push";

    public enum Format { PROTOBUF, JSON }

    public enum LogLevel { DEBUG, INFO, WARN, ERROR }

    /** Reads one output section; mistakes are recorded on the node. */
    public static LokiConfig from(ConfigNode node, boolean spoolByDefault) {
        String name = node.string("name", "loki");
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            node.problem("name", "\"" + name + "\" must be 1 to 64 letters, digits, '.', '_' or '-' (it names the spool directory)");
            name = "loki";
        }
        URI url = pushUrl(node, node.string("url", "http://127.0.0.1:3100"));
        String tenant = node.string("tenant", "").trim();
        String username = node.string("username", "");
        String password = node.secret("password", "");
        io.hostpulse.core.Redactor.registerBasicAuth(username, password);
        String bearer = node.secret("bearer_token", "");
        if (!username.isEmpty() && password.isEmpty()) {
            node.problem("password", "is required when username is set");
        }
        if (!bearer.isEmpty() && !username.isEmpty()) {
            node.problem("bearer_token", "use either username/password (basic auth) or bearer_token, not both");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        node.stringMap("labels").forEach((k, v) -> {
            String why = LokiLimits.labelNameProblem(k);
            if (why == null && LokiLimits.FIXED_LABELS.contains(k)) {
                why = "is set by the agent";
            }
            if (why != null) {
                node.problem("labels", "label \"" + k + "\" " + why);
            } else if (v.isEmpty()) {
                node.problem("labels", "label \"" + k + "\" has an empty value (Loki drops empty labels)");
            } else {
                labels.put(k, LokiLimits.truncate(v, LokiLimits.MAX_LABEL_VALUE_BYTES));
            }
        });
        if (labels.size() > LokiLimits.MAX_STATIC_LABELS) {
            node.problem("labels", labels.size() + " static labels; at most " + LokiLimits.MAX_STATIC_LABELS
                    + " (Loki 3 accepts 15 per stream and the agent sets up to 6); use fewer, they multiply streams");
        }
        Format format = node.choice("format", Format.PROTOBUF, Format.class);
        Duration timeout = node.positiveDuration("timeout", Duration.ofSeconds(10));
        boolean agentLogs = node.bool("agent_logs", true);
        LogLevel level = node.choice("agent_log_level", LogLevel.INFO, LogLevel.class);
        BufferConfig buffer = BufferConfig.from(node, spoolByDefault);
        return new LokiConfig(name, url, tenant, username, password, bearer, Map.copyOf(labels), format, timeout,
                agentLogs, level.name(), buffer);
    }

    static URI pushUrl(ConfigNode node, String raw) {
        URI fallback = URI.create("http://127.0.0.1:3100" + PUSH_PATH);
        URI u = node.httpUrl("url", raw, false);
        if (u == null) {
            return fallback;
        }
        String s = u.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s.endsWith(PUSH_PATH) ? s : s + PUSH_PATH);
    }
}
