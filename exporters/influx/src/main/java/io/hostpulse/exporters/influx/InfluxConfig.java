package io.hostpulse.exporters.influx;

import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.lineprotocol.Precision;
import io.hostpulse.exporters.pipeline.BufferConfig;
import io.hostpulse.exporters.pipeline.OutputSettings;

import java.net.URI;
import java.time.Duration;

/**
 * One {@code influxdb} output section.
 *
 * @param name            output name (self-metric tag, spool directory); key {@code name}, default {@code influxdb}
 * @param api             {@code v2} (default: /api/v2/write via the InfluxDB Java client) or {@code v1} (/write)
 * @param url             base URL, http or https, without /write or /api/v2/write
 * @param org             v2 organization (InfluxDB 2.x; ignored by 3.x and 1.8)
 * @param bucket          v2 bucket (3.x: the database; 1.8: {@code database/retention_policy})
 * @param token           v2 token (1.8: {@code user:password}); v1: sent as {@code Authorization: Token} when no username
 * @param database        v1 database
 * @param retentionPolicy v1 retention policy, empty for the database's default
 * @param username        v1 basic-auth user
 * @param password        v1 basic-auth password
 * @param precision       timestamp precision written (default s)
 * @param gzip            compress request bodies (default true for v2, false for v1 as in Telegraf)
 * @param timeout         whole-request timeout
 * @param create          create the database (v1) or bucket (v2) before the first write
 * @param buffer          batching, limits, retry and spool settings
 */
public record InfluxConfig(String name, Api api, URI url, String org, String bucket, String token, String database,
                           String retentionPolicy, String username, String password, Precision precision,
                           boolean gzip, Duration timeout, boolean create, BufferConfig buffer)
        implements OutputSettings {

    public enum Api { V1, V2 }

    /**
     * Reads one output section; mistakes are recorded on the node.
     *
     * @param spoolByDefault whether {@code spool} defaults to on (the agent has a data directory)
     */
    public static InfluxConfig from(ConfigNode node, boolean spoolByDefault) {
        String name = node.string("name", "influxdb");
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            node.problem("name", "\"" + name + "\" must be 1 to 64 letters, digits, '.', '_' or '-' (it names the spool directory)");
            name = "influxdb";
        }
        Api api = node.choice("api", Api.V2, Api.class);
        String rawUrl = node.string("url", "http://127.0.0.1:8086");
        URI url = parseUrl(node, rawUrl);
        String org = node.string("org", "");
        String bucket = node.string("bucket", "");
        String token = node.secret("token", "");
        String database = node.string("database", "hostpulse");
        String rp = node.string("retention_policy", "");
        String username = node.string("username", "");
        String password = node.secret("password", "");
        io.hostpulse.core.Redactor.registerBasicAuth(username, password);
        Precision precision = node.custom("precision", Precision.SECONDS, "a precision (ns, us, ms or s)", s -> {
            try {
                return Precision.fromApiName(s.trim());
            } catch (IllegalArgumentException e) {
                return null;
            }
        });
        boolean gzip = node.bool("gzip", api == Api.V2);
        Duration timeout = node.positiveDuration("timeout", Duration.ofSeconds(10));
        boolean create = node.bool("create", false);
        if (api == Api.V2 && bucket.isBlank()) {
            node.problem("bucket", "is required with api: v2 (InfluxDB 3: the database name; 1.8: database/retention_policy)");
        }
        if (api == Api.V1 && database.isBlank()) {
            node.problem("database", "must not be empty with api: v1");
        }
        if (api == Api.V1 && !username.isEmpty() && password.isEmpty()) {
            node.problem("password", "is required when username is set");
        }
        if (create && api == Api.V2 && org.isBlank()) {
            node.problem("org", "is required to create a bucket (create: true)");
        }
        BufferConfig buffer = BufferConfig.from(node, spoolByDefault);
        return new InfluxConfig(name, api, url, org, bucket, token, database, rp, username, password, precision, gzip,
                timeout, create, buffer);
    }

    private static URI parseUrl(ConfigNode node, String raw) {
        URI fallback = URI.create("http://127.0.0.1:8086");
        URI u = node.httpUrl("url", raw, false);
        if (u == null) {
            return fallback;
        }
        String path = u.getPath() == null ? "" : u.getPath();
        if (path.endsWith("/write") || path.endsWith("/api/v2/write")) {
            node.problem("url", "give the base URL without " + path + " (the API adds it)");
            return fallback;
        }
        return u;
    }

    /** The base URL without a trailing slash. */
    String base() {
        String s = url.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
