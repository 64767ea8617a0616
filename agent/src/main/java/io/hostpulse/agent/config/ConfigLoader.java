package io.hostpulse.agent.config;

import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.alerts.AlertsConfig;
import io.hostpulse.agent.selfmetrics.SelfMetricsCollector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.Event;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;
import io.hostpulse.core.Hostname;
import io.hostpulse.core.config.ConfigException;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.config.ConfigProblems;
import io.hostpulse.core.config.DidYouMean;
import io.hostpulse.exporters.pipeline.OutputPlugin;
import org.quartz.CronExpression;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the YAML config into an {@link AgentConfig} of plain records: {@link ConfigFile} turns the file into a tree,
 * then one pass over every section lets each plugin read its own keys ({@code configure}) while every mistake is
 * recorded; all problems are reported together, each with file, key path and what was expected. Nothing is
 * created, opened or started here: that is {@code agent.wiring.Wiring}'s job, for {@code run} and {@code test}.
 */
public final class ConfigLoader {
    public static final Path DEFAULT_PATH = Path.of("/etc/hostpulse/hostpulse.yaml");
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final Plugins plugins;
    private final Map<String, String> env;
    private final Clock clock;

    public ConfigLoader(Plugins plugins, Map<String, String> env, Clock clock) {
        this.plugins = plugins;
        this.env = env;
        this.clock = clock;
    }

    /**
     * @param explicit the file named with --config, or null to use the default path when it exists and the
     *                 embedded default otherwise
     */
    public AgentConfig load(Path explicit) throws ConfigException {
        Path path = explicit != null ? explicit : DEFAULT_PATH;
        String text = ConfigFile.read(path);
        if (text == null) {
            if (explicit != null) {
                throw new ConfigException(path + ": no such file");
            }
            return build("embedded default", true, Map.of());
        }
        return parse(path.toString(), text);
    }

    /** Parses config text; {@code name} is used in error messages. */
    public AgentConfig parse(String name, String text) throws ConfigException {
        return build(name, false, ConfigFile.parse(name, text, env));
    }

    private AgentConfig build(String name, boolean embedded, Map<String, Object> tree) throws ConfigException {
        ConfigProblems problems = new ConfigProblems(name);
        ConfigNode root = ConfigNode.root(problems, tree);

        ConfigNode agent = root.child("agent");
        String hostname = agent.string("hostname", "");
        Map<String, String> tags = agent.stringMap("tags");
        Duration interval = positive(agent, "interval", DEFAULT_INTERVAL);
        Duration jitter = agent.duration("jitter", Duration.ZERO);
        Duration flushTimeout = positive(agent, "flush_timeout", Duration.ofSeconds(10));
        String logLevel = agent.custom("log_level", "info", "a log level (error, warn, info, debug, trace)",
                s -> List.of("error", "warn", "info", "debug", "trace").contains(s.toLowerCase()) ? s.toLowerCase() : null);
        // Telegraf's variables as defaults, so a container set up for Telegraf works unchanged
        HostPaths hostPaths = new HostPaths(Path.of(agent.string("host_proc", env.getOrDefault("HOST_PROC", "/proc"))),
                Path.of(agent.string("host_sys", env.getOrDefault("HOST_SYS", "/sys"))),
                Path.of(agent.string("host_root", env.getOrDefault("HOST_MOUNT_PREFIX", "/"))));
        if (hostname.isBlank()) {
            // the host's name, also from a container: <host_root>/etc/hostname, not the container's own
            hostname = defaultHostname(hostPaths.root());
            agent.effective("hostname", hostname);
        }
        if (!Files.isDirectory(hostPaths.proc())) {
            agent.problem("host_proc", hostPaths.proc() + " is not a readable directory (the host's /proc is expected there)");
        }
        Path dataDir = Path.of(agent.string("data_dir", DataDirs.defaultDataDir(DataDirs.isRoot(), env).toString()));
        if (agent.has("data_dir")) {
            String unusable = DataDirs.unusable(dataDir);
            if (unusable != null) {
                agent.problem("data_dir", unusable + " (the agent keeps its spool and state there: give a writable "
                        + "directory, or one it can create)");
            }
        }
        if (agent.has("restart_loop")) {
            agent.problem("restart_loop", "has moved to the Docker collector, which owns container events: write it as "
                    + "collectors.docker.restart_loop (same keys: restarts, within)");
            agent.ignore("restart_loop");
        }
        AgentConfig.SelfMetricsSpec selfMetrics = new AgentConfig.SelfMetricsSpec(agent.child("self_metrics").bool("jvm", false));
        ConfigNode httpNode = agent.child("http");
        AgentConfig.HttpConfig http = http(httpNode);

        CollectorContext ctx = new CollectorContext(hostPaths, clock, hostname, dataDir, env);
        ConfigNode collectorsNode = root.child("collectors");
        for (String key : collectorsNode.keys()) {
            if (plugins.collector(key) == null) {
                String hint = DidYouMean.closest(key, plugins.collectorNames());
                collectorsNode.problem(key, "unknown collector" + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                        + "; known collectors: " + String.join(", ", plugins.collectorNames()));
                collectorsNode.ignore(key);
            }
        }
        List<CollectorSpec> collectors = new ArrayList<>();
        for (CollectorPlugin<?> p : plugins.collectors()) {
            ConfigNode section = collectorsNode.child(p.name());
            boolean explicit = section.has("enabled");
            boolean enabled = section.bool("enabled", true);
            Duration ci = positive(section, "interval", p.defaultInterval() == null ? interval : p.defaultInterval());
            Duration cj = section.duration("jitter", jitter);
            Duration timeout = positive(section, "timeout", ci);
            String cron = section.custom("cron", null, "a Quartz cron expression (for example \"0 0/15 * * * ?\")",
                    s -> CronExpression.isValidExpression(s) ? s : null);
            if (cron != null && section.has("interval")) {
                section.problem("cron", "cannot be used together with interval: cron says when the collector runs, "
                        + "interval how often; remove one of them");
            }
            boolean on = enabled && (explicit || !section.keys().isEmpty() || p.availableByDefault(ctx));
            if (!on) {
                section.ignoreAll();
                section.effective("enabled", false);
                continue;
            }
            collectors.add(new CollectorSpec(p.name(), p.configured(section, ctx), ci, cj, cron, timeout));
        }

        AgentConfig.AlertsSpec alerts = alerts(root.child("alerts"), collectors);

        List<OutputSpec<Point>> points = new ArrayList<>();
        List<OutputSpec<Event>> events = new ArrayList<>();
        boolean spool = dataDir != null;
        if (!root.has("outputs")) {
            ConfigNode stdout = ConfigNode.of(Map.of("type", "stdout"));
            stdout.string("type", "stdout");
            stdout.bool("enabled", true);
            points.add(new OutputSpec<>("stdout", plugins.pointOutput("stdout").configured(stdout, spool)));
            root.effective("outputs", List.of(stdout.effectiveTree()));
        } else {
            Set<String> names = new HashSet<>();
            for (ConfigNode o : root.children("outputs")) {
                String type = o.string("type", null);
                OutputPlugin<?, Point> pp = type == null ? null : plugins.pointOutput(type);
                OutputPlugin<?, Event> ep = type == null ? null : plugins.eventOutput(type);
                if (pp == null && ep == null) {
                    o.problem("type", (type == null ? "missing" : "unknown output type \"" + type + "\"")
                            + "; known types: " + String.join(", ", plugins.outputNames()));
                    o.ignoreAll();
                    continue;
                }
                if (!o.bool("enabled", true)) {
                    o.ignoreAll();
                    continue;
                }
                OutputSpec<?> spec = pp != null ? add(points, type, pp.configured(o, spool))
                        : add(events, type, ep.configured(o, spool));
                if (!names.add(spec.name())) {
                    o.problem("name", "\"" + spec.name() + "\" is used by another output; give each output its own name "
                            + "(it names the spool directory and the self-metrics tag)");
                }
            }
        }
        root.finish();
        problems.throwIfAny();
        return new AgentConfig(name, embedded, hostname, Map.copyOf(tags), interval, jitter, flushTimeout, dataDir,
                logLevel, hostPaths, http, List.copyOf(collectors), List.copyOf(points), List.copyOf(events), ctx, tree,
                root.effectiveTree(), root.secretPaths(), alerts, selfMetrics);
    }

    private static <T> OutputSpec<T> add(List<OutputSpec<T>> lane, String type, OutputPlugin.Configured<?, T> output) {
        OutputSpec<T> spec = new OutputSpec<>(type, output);
        lane.add(spec);
        return spec;
    }

    /** Reads alerts: and checks its rules against what the enabled collectors and the agent itself write. */
    private AgentConfig.AlertsSpec alerts(ConfigNode node, List<CollectorSpec> collectors) {
        AlertsConfig cfg = AlertsConfig.from(node);
        if (!cfg.enabled()) {
            return AgentConfig.AlertsSpec.none();
        }
        Map<String, java.util.Set<String>> schema = new java.util.LinkedHashMap<>();
        for (CollectorSpec c : collectors) {
            schema.putAll(c.collector().plugin().schema());
        }
        schema.put(SelfMetricsCollector.MEASUREMENT, java.util.Set.of(CollectorPlugin.ANY_FIELD));
        return new AgentConfig.AlertsSpec(cfg, cfg.active(schema, node));
    }

    private static AgentConfig.HttpConfig http(ConfigNode node) {
        boolean enabled = node.bool("enabled", true);
        String listen = node.string("listen", "127.0.0.1:9366");
        int colon = listen.lastIndexOf(':');
        int port = -1;
        if (colon > 0) {
            try {
                port = Integer.parseInt(listen.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (port < 0 || port > 65535) {
            node.problem("listen", "\"" + listen + "\" is not host:port (for example 127.0.0.1:9366)");
            return new AgentConfig.HttpConfig(enabled, "127.0.0.1", 9366);
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new AgentConfig.HttpConfig(enabled, host, port);
    }

    private static Duration positive(ConfigNode node, String key, Duration def) {
        return node.positiveDuration(key, def);
    }

    /** The host's name from its root (a container sees the host's under host_root), as {@link Hostname} decides. */
    static String defaultHostname(Path hostRoot) {
        return Hostname.local(hostRoot);
    }
}
