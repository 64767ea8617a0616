package io.hostpulse.collectors.docker;

import io.hostpulse.collectors.docker.netmap.NetworkMapConfig;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.config.ConfigNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
 * @param labelInclude      label key globs that become tags; empty: every label (Telegraf's docker_label_include)
 * @param labelExclude      label key globs left out after include (Telegraf's docker_label_exclude)
 * @param parallelism       containers read at the same time
 * @param containerTimeout  limit for one container's inspect and stats
 * @param requestTimeout    limit for the engine-wide calls (info, list, networks)
 * @param classes           per-device and total rows of cpu, network and blkio (perdevice_include, total_include)
 * @param events            read /events in the background; each event is handed to the agent as it arrives
 * @param restartLoop       when a container counts as in a restart loop (key {@code restart_loop})
 * @param procPath          the host's /proc, used to map a container's interfaces to Docker networks and to read
 *                          its sockets
 * @param networkMap        the network map: who talks to whom (key {@code network_map})
 */
public record DockerConfig(String endpoint, Path tlsCertPath, String apiVersion,
                           List<String> nameInclude, List<String> nameExclude, List<String> stateInclude,
                           List<String> labelInclude, List<String> labelExclude, int parallelism,
                           Duration containerTimeout, Duration requestTimeout, StatClasses classes, boolean events,
                           RestartLoop restartLoop, Path procPath, NetworkMapConfig networkMap) {

    /** A container is in a restart loop when it restarted {@code restarts} times within {@code within}. */
    public record RestartLoop(int restarts, Duration within) {
        public static final RestartLoop DEFAULT = new RestartLoop(3, Duration.ofMinutes(10));
    }

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
            boolean readable = true;
            for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
                if (!Files.isReadable(certPath.resolve(f))) {
                    readable = false;
                    node.problem("tls_cert_path", "no readable " + f + " in " + certPath
                            + " (the directory needs ca.pem, cert.pem and key.pem, like DOCKER_CERT_PATH)");
                }
            }
            if (endpoint.startsWith("unix://")) {
                node.problem("tls_cert_path", "TLS applies to tcp:// endpoints, not to " + endpoint);
            } else if (readable) {
                String why = DockerSource.tlsProblem(certPath);
                if (why != null) {
                    node.problem("tls_cert_path", "cannot load the TLS files: " + why);
                }
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
        if (node.has("blkio_per_device")) {
            node.problem("blkio_per_device", "replaced by Telegraf's perdevice_include and total_include: "
                    + "perdevice_include: [cpu, blkio] writes docker_container_blkio per device as well as device=total");
        }
        node.ignore("blkio_per_device");
        return new DockerConfig(endpoint, certPath, api.isEmpty() ? null : api,
                node.strings("container_name_include", List.of()),
                node.strings("container_name_exclude", List.of()),
                states,
                node.strings("label_include", List.of()),
                node.strings("label_exclude", List.of()),
                (int) node.integer("stats_parallelism", 16, 1, 64),
                node.positiveDuration("container_timeout", Duration.ofSeconds(5)),
                node.positiveDuration("request_timeout", Duration.ofSeconds(5)),
                new StatClasses(classes(node, "perdevice_include", StatClasses.DEFAULT_PER_DEVICE),
                        classes(node, "total_include", StatClasses.DEFAULT_TOTAL)),
                node.bool("events", true),
                restartLoop(node),
                paths.proc(),
                NetworkMapConfig.from(node.child("network_map")));
    }

    /** A list of stats classes (cpu, network, blkio); an empty list is allowed and means none. */
    private static Set<String> classes(ConfigNode node, String key, List<String> def) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : node.strings(key, def)) {
            String t = c.trim().toLowerCase(Locale.ROOT);
            if (StatClasses.ALL.contains(t)) {
                out.add(t);
            } else {
                node.problem(key, "\"" + c + "\" is not a stats class (" + String.join(", ", StatClasses.ALL) + ")");
            }
        }
        return out;
    }

    private static RestartLoop restartLoop(ConfigNode node) {
        // events reach the agent as they arrive, so nothing waits in a queue any more; the old key is still accepted
        node.ignore("events_queue_size");
        ConfigNode loop = node.child("restart_loop");
        return new RestartLoop((int) loop.integer("restarts", RestartLoop.DEFAULT.restarts(), 2, 1000),
                loop.positiveDuration("within", RestartLoop.DEFAULT.within()));
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
