package io.hostpulse.agent.cli;

import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.CollectorSpec;
import io.hostpulse.agent.config.ConfigLoader;
import io.hostpulse.collectors.docker.DockerCollector;
import io.hostpulse.collectors.docker.DockerConfig;
import io.hostpulse.collectors.docker.netmap.NetworkMap;
import io.hostpulse.collectors.docker.netmap.render.MapFormat;
import io.hostpulse.collectors.docker.netmap.render.MapJson;
import io.hostpulse.collectors.docker.netmap.rules.RuleSuggestions;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.EventSink;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hostpulse map}: the host's network map as PlantUML, Mermaid or JSON, or ({@code --suggest}) segmentation
 * rules that the edges seen so far satisfy. Reads the running agent's {@code /api/v1/map}; when no agent answers
 * there (or with {@code --local}) it reads the containers and their sockets itself, once, with the edges the agent
 * remembered in its data directory (read, never written).
 */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = "Print who talks to whom on each Docker network: PlantUML (default), Mermaid or JSON; --suggest prints segmentation rules from the edges seen so far.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "1:no map: the Docker collector or its network map is off, or the agent refused",
                "2:bad command line", "3:invalid config"})
public final class MapCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    AgentOptions agent = new AgentOptions();


    @Option(names = {"-f", "--format"}, description = "plantuml, mermaid or json (default ${DEFAULT-VALUE})", defaultValue = "plantuml")
    String format;

    @Option(names = "--suggest", description = "print segmentation rules (YAML for collectors.docker.network_map.rules) instead of the map")
    boolean suggest;

    @Option(names = "--local", description = "do not ask a running agent: read the containers' sockets in this process")
    boolean local;

    @Option(names = "--timeout", description = "how long to wait for the agent (default ${DEFAULT-VALUE})", defaultValue = "5s",
            converter = DurationConverter.class)
    Duration timeout;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        MapFormat f;
        try {
            f = MapFormat.parse(format);
        } catch (IllegalArgumentException e) {
            System.err.println("hostpulse map: " + e.getMessage());
            return 2;
        }
        AgentConfig cfg = null;
        ConfigException configProblem = null;
        try {
            cfg = loadConfig();
        } catch (ConfigException e) {
            configProblem = e;
        }
        NetworkMap map = null;
        String agentProblem = null;
        if (!local) {
            String at = agent.url != null ? agent.url : CliConfig.agentUrl(cfg);
            try {
                map = MapJson.read(new AgentApi(at, agent.token, timeout).text("/api/v1/map?format=json"));
            } catch (AgentApi.Refused e) {
                System.err.println("hostpulse map: " + e.getMessage());
                return 1;
            } catch (IllegalArgumentException e) {
                System.err.println("hostpulse map: the agent at " + at + " did not answer with a map this hostpulse reads: "
                        + e.getMessage());
                return 1;
            } catch (IOException e) {
                agentProblem = "no agent at " + at;
            }
        }
        if (map == null) {
            if (configProblem != null) {
                System.err.println("hostpulse map: " + (agentProblem == null ? "" : agentProblem + " and ")
                        + "the config is invalid:\n" + configProblem.getMessage());
                return 3;
            }
            try {
                map = collect(cfg);
            } catch (IllegalStateException e) {
                System.err.println("hostpulse map: " + (agentProblem == null ? "" : agentProblem + "; ") + e.getMessage());
                return 1;
            }
            if (agentProblem != null) {
                System.err.println("hostpulse map: " + agentProblem + "; read the containers' sockets in this process");
            }
        }
        System.out.print(suggest ? RuleSuggestions.yaml(map) : f.render(map));
        System.out.flush();
        return 0;
    }

    /** One reading by this process, with the edges the agent remembered (read only). */
    static NetworkMap collect(AgentConfig cfg) throws Exception {
        DockerConfig docker = null;
        for (CollectorSpec c : cfg.collectors()) {
            if (c.collector().config() instanceof DockerConfig d) {
                docker = d;
            }
        }
        if (docker == null) {
            throw new IllegalStateException("the Docker collector is off in this config (no Docker socket, or collectors.docker.enabled: false)");
        }
        if (!docker.networkMap().enabled()) {
            throw new IllegalStateException("the network map is off in this config (collectors.docker.network_map.enabled: false)");
        }
        try (DockerCollector c = DockerCollector.create(docker, EventSink.DISCARD, cfg.dataDir(), cfg.hostname(), false)) {
            List<String> errors = new ArrayList<>();
            c.collect(Clock.systemUTC().instant(), new Accumulator() {
                @Override
                public void add(Point point) {
                    // the map is what is printed
                }

                @Override
                public void addEvent(io.hostpulse.core.Event event) {
                    // events are the agent's business
                }

                @Override
                public void addError(String part, Throwable error) {
                    errors.add(part + ": " + error.getMessage());
                }
            });
            NetworkMap m = c.networkMap().latest();
            if (m == null) {
                throw new IllegalStateException("no map: " + String.join("; ", errors));
            }
            return m;
        }
    }

    private AgentConfig loadConfig() throws ConfigException {
        return CliConfig.load(spec);
    }
}
