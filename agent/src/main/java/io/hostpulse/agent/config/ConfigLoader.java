package io.hostpulse.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.alerts.AlertsConfig;
import io.hostpulse.agent.selfmetrics.SelfMetricsCollector;
import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Hostname;
import io.hostpulse.core.config.ConfigException;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.config.ConfigProblems;
import io.hostpulse.core.config.DidYouMean;
import io.hostpulse.exporters.pipeline.Output;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.exporters.pipeline.OutputPlugin;
import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.CronExpression;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the YAML config into an {@link AgentConfig}: environment substitution, YAML parsing, then one pass over
 * every section in which each module reads its own keys and every mistake is recorded; all problems are reported
 * together, each with file, key path and what was expected.
 */
public final class ConfigLoader {
    public static final Path DEFAULT_PATH = Path.of("/etc/hostpulse/hostpulse.yaml");
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final Plugins plugins;
    private final Map<String, String> env;
    private final Clock clock;
    private final MeterRegistry registry;
    private final boolean withOutputs;

    /**
     * @param withOutputs false for {@code hostpulse test}, which prints to stdout and must not start the
     *                    configured outputs (their sections are then not checked)
     */
    public ConfigLoader(Plugins plugins, Map<String, String> env, Clock clock, MeterRegistry registry,
                        boolean withOutputs) {
        this.plugins = plugins;
        this.env = env;
        this.clock = clock;
        this.registry = registry;
        this.withOutputs = withOutputs;
    }

    /**
     * @param explicit the file named with --config, or null to use the default path when it exists and the
     *                 embedded default otherwise
     */
    public AgentConfig load(Path explicit) throws ConfigException {
        Path path = explicit != null ? explicit : DEFAULT_PATH;
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (explicit != null) {
                throw new ConfigException(path + ": no such file");
            }
            return build("embedded default", true, Map.of());
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read: " + e.getMessage());
        }
        return parse(path.toString(), text);
    }

    /** Parses config text; {@code name} is used in error messages. */
    public AgentConfig parse(String name, String text) throws ConfigException {
        List<String> envProblems = new ArrayList<>();
        EnvSubstitution.Result substituted = EnvSubstitution.apply(text, env, name, envProblems);
        if (!envProblems.isEmpty()) {
            throw new ConfigException(String.join("\n", envProblems));
        }
        Object tree;
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            // readTree gives a missing node for a file of only comments, which is a valid (empty) config
            tree = substituted.resolve(yaml.convertValue(yaml.readTree(substituted.text()), Object.class));
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : "line " + loc.getLineNr() + " column " + loc.getColumnNr() + ": ";
            throw new ConfigException(name + ": " + where + "not valid YAML: " + e.getOriginalMessage());
        }
        if (tree != null && !(tree instanceof Map)) {
            throw new ConfigException(name + ": expected sections such as 'agent:', 'collectors:' and 'outputs:' at the top level");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = tree == null ? Map.of() : (Map<String, Object>) tree;
        return build(name, false, map);
    }

    private AgentConfig build(String name, boolean embedded, Map<String, Object> tree) throws ConfigException {
        ConfigProblems problems = new ConfigProblems(name);
        ConfigNode root = ConfigNode.root(problems, tree);

        ConfigNode agent = root.child("agent");
        String hostname = agent.string("hostname", "");
        if (hostname.isBlank()) {
            hostname = defaultHostname();
        }
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
        if (!Files.isDirectory(hostPaths.proc())) {
            agent.problem("host_proc", hostPaths.proc() + " is not a readable directory (the host's /proc is expected there)");
        }
        Path dataDir = Path.of(agent.string("data_dir", DataDirs.defaultDataDir(env).toString()));
        ConfigNode loopNode = agent.child("restart_loop");
        AgentConfig.RestartLoop restartLoop = new AgentConfig.RestartLoop(
                (int) loopNode.integer("restarts", 3, 2, 1000), positive(loopNode, "within", Duration.ofMinutes(10)));
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
        for (CollectorPlugin p : plugins.collectors()) {
            ConfigNode section = collectorsNode.child(p.name());
            boolean explicit = section.has("enabled");
            boolean enabled = section.bool("enabled", true);
            Duration ci = positive(section, "interval", p.defaultInterval() == null ? interval : p.defaultInterval());
            Duration cj = section.duration("jitter", jitter);
            Duration timeout = positive(section, "timeout", ci);
            String cron = section.custom("cron", null, "a Quartz cron expression (for example \"0 0/15 * * * ?\")",
                    s -> CronExpression.isValidExpression(s) ? s : null);
            boolean on = enabled && (explicit || !section.keys().isEmpty() || p.availableByDefault(ctx));
            if (!on) {
                section.ignoreAll();
                continue;
            }
            Collector c = p.create(section, ctx);
            collectors.add(new CollectorSpec(p.name(), c, ci, cj, cron, timeout));
        }

        AgentConfig.AlertsSpec alerts = alerts(root.child("alerts"), collectors);

        List<OutputSpec> outputs = new ArrayList<>();
        OutputContext octx = new OutputContext(dataDir, registry, clock);
        if (!root.has("outputs") || !withOutputs) {
            root.ignore("outputs");
            outputs.add(new OutputSpec("stdout", plugins.output("stdout").create(ConfigNode.of(Map.of()), octx)));
        } else {
            for (ConfigNode o : root.children("outputs")) {
                String type = o.string("type", null);
                OutputPlugin op = type == null ? null : plugins.output(type);
                if (op == null) {
                    o.problem("type", (type == null ? "missing" : "unknown output type \"" + type + "\"")
                            + "; known types: " + String.join(", ", plugins.outputNames()));
                    o.ignoreAll();
                    continue;
                }
                if (!o.bool("enabled", true)) {
                    o.ignoreAll();
                    continue;
                }
                Output out = op.create(o, octx);
                if (outputs.stream().anyMatch(x -> x.output().name().equals(out.name()))) {
                    o.problem("name", "\"" + out.name() + "\" is used by another output; give each output its own name "
                            + "(it names the spool directory and the self-metrics tag)");
                    out.close();
                    continue;
                }
                outputs.add(new OutputSpec(type, out));
            }
        }
        root.finish();
        if (!problems.isEmpty()) {
            collectors.forEach(c -> c.collector().close());
            outputs.forEach(o -> o.output().close());
            problems.throwIfAny();
        }
        return new AgentConfig(name, embedded, hostname, Map.copyOf(tags), interval, jitter, flushTimeout, dataDir,
                logLevel, hostPaths, http, List.copyOf(collectors), List.copyOf(outputs), tree, root.secretPaths(), alerts, restartLoop);
    }

    /** Reads alerts: and checks its rules against what the enabled collectors and the agent itself write. */
    private AgentConfig.AlertsSpec alerts(ConfigNode node, List<CollectorSpec> collectors) {
        AlertsConfig cfg = AlertsConfig.from(node);
        if (!cfg.enabled()) {
            return AgentConfig.AlertsSpec.none();
        }
        Map<String, java.util.Set<String>> schema = new java.util.LinkedHashMap<>();
        for (CollectorSpec c : collectors) {
            CollectorPlugin p = plugins.collector(c.name());
            if (p != null) {
                schema.putAll(p.schema());
            }
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

    static String defaultHostname() {
        return Hostname.local();
    }
}
