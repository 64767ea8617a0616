package io.hostpulse.collectors.docker;

import io.hostpulse.core.HostPaths;
import io.hostpulse.core.config.ConfigNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The docker collector's keys (the agent reads {@code enabled}, {@code interval}, {@code jitter} and
 * {@code timeout} itself).
 *
 * @param endpoint          unix:///path, tcp://host:port; empty: DOCKER_HOST, else the default socket
 * @param tlsCertPath       directory with ca.pem, cert.pem, key.pem (like DOCKER_CERT_PATH); null: no TLS
 * @param apiVersion        API version to use, e.g. "1.41"; null: negotiated with the engine
 * @param nameInclude       container name globs; empty: all
 * @param nameExclude       container name globs removed after include
 * @param stateInclude      container states reported; empty: all states
 * @param labelInclude      label key globs that become tags; empty: none (compose labels are always read)
 * @param parallelism       containers read at the same time
 * @param containerTimeout  limit for one container's inspect and stats
 * @param requestTimeout    limit for the engine-wide calls (info, list, networks)
 * @param blkioPerDevice    docker_container_blkio rows per device besides the total
 * @param events            read /events in the background
 * @param eventsQueueSize   events kept between two collections; more are dropped and counted
 * @param procPath          the host's /proc, used to map a container's interfaces to Docker networks
 */
public record DockerConfig(String endpoint, Path tlsCertPath, String apiVersion,
                           List<String> nameInclude, List<String> nameExclude, List<String> stateInclude,
                           List<String> labelInclude, int parallelism, Duration containerTimeout,
                           Duration requestTimeout, boolean blkioPerDevice, boolean events, int eventsQueueSize,
                           Path procPath) {

    static final String DEFAULT_SOCKET = "/var/run/docker.sock";
    static final List<String> STATES = List.of("created", "restarting", "running", "removing", "paused", "exited", "dead");

    public static DockerConfig from(ConfigNode node, HostPaths paths, Map<String, String> env) {
        String endpoint = node.string("endpoint", "").trim();
        if (endpoint.isEmpty() || endpoint.equalsIgnoreCase("ENV")) {
            endpoint = defaultEndpoint(paths, env);
        }
        if (!endpoint.startsWith("unix://") && !endpoint.startsWith("tcp://") && !endpoint.startsWith("http://")
                && !endpoint.startsWith("https://")) {
            node.problem("endpoint", "\"" + endpoint + "\" is not an endpoint (use unix:///var/run/docker.sock or tcp://host:2376)");
            endpoint = "unix://" + DEFAULT_SOCKET;
        }
        String certDefault = "1".equals(env.get("DOCKER_TLS_VERIFY")) ? env.getOrDefault("DOCKER_CERT_PATH", "") : "";
        String cert = node.string("tls_cert_path", certDefault).trim();
        Path certPath = cert.isEmpty() ? null : Path.of(cert);
        if (certPath != null) {
            for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
                if (!Files.isReadable(certPath.resolve(f))) {
                    node.problem("tls_cert_path", "no readable " + f + " in " + certPath
                            + " (the directory needs ca.pem, cert.pem and key.pem, like DOCKER_CERT_PATH)");
                }
            }
            if (endpoint.startsWith("unix://")) {
                node.problem("tls_cert_path", "TLS applies to tcp:// endpoints, not to " + endpoint);
            }
        }
        String api = node.string("api_version", "").trim();
        if (!api.isEmpty() && !api.matches("1\\.\\d+")) {
            node.problem("api_version", "\"" + api + "\" is not an API version (like 1.41)");
            api = "";
        }
        List<String> states = node.strings("container_state_include", List.of());
        for (String s : states) {
            if (!STATES.contains(s)) {
                node.problem("container_state_include", "\"" + s + "\" is not a container state (" + String.join(", ", STATES) + ")");
            }
        }
        return new DockerConfig(endpoint, certPath, api.isEmpty() ? null : api,
                node.strings("container_name_include", List.of()),
                node.strings("container_name_exclude", List.of()),
                states,
                node.strings("label_include", List.of()),
                (int) node.integer("stats_parallelism", 16, 1, 64),
                node.positiveDuration("container_timeout", Duration.ofSeconds(5)),
                node.positiveDuration("request_timeout", Duration.ofSeconds(5)),
                node.bool("blkio_per_device", true),
                node.bool("events", true),
                (int) node.integer("events_queue_size", 1000, 1, 1_000_000),
                paths.proc());
    }

    /**
     * DOCKER_HOST when set; else the first socket that exists of /var/run/docker.sock and the same path under
     * the host root (an agent in a container that mounts the host's / at /host sees /host/var/run/docker.sock).
     */
    static String defaultEndpoint(HostPaths paths, Map<String, String> env) {
        String host = env.get("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            return host.trim();
        }
        Path socket = socketPath(paths);
        return "unix://" + (socket == null ? DEFAULT_SOCKET : socket.toString());
    }

    static Path socketPath(HostPaths paths) {
        Path plain = Path.of(DEFAULT_SOCKET);
        if (Files.exists(plain)) {
            return plain;
        }
        Path underRoot = paths.root().resolve(DEFAULT_SOCKET.substring(1));
        return Files.exists(underRoot) ? underRoot : null;
    }
}
