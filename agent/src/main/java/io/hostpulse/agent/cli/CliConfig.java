package io.hostpulse.agent.cli;

import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.ConfigLoader;
import io.hostpulse.core.config.ConfigException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** The config a client command ({@code top}, {@code map}) falls back to: the inherited --config, else the default file. */
final class CliConfig {
    static final Path DEFAULT = Path.of("/etc/hostpulse/hostpulse.yaml");

    private CliConfig() {
    }

    /**
     * The running agent's URL when the command line names none: the config's {@code agent.http.listen} (a wildcard
     * address as 127.0.0.1), else {@link AgentApi#DEFAULT_URL} (also when the config cannot be read: the command
     * then says nobody answers there).
     */
    static String agentUrl(CommandSpec spec) {
        try {
            return agentUrl(load(spec));
        } catch (ConfigException | RuntimeException e) {
            return AgentApi.DEFAULT_URL;
        }
    }

    static String agentUrl(AgentConfig cfg) {
        if (cfg == null || !cfg.http().enabled()) {
            return AgentApi.DEFAULT_URL;
        }
        String host = cfg.http().host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
            host = "127.0.0.1";
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + cfg.http().port();
    }

    static AgentConfig load(CommandSpec spec) throws ConfigException {
        OptionSpec opt = spec.findOption("--config");
        Path p = opt == null ? null : opt.getValue();
        if (p == null && Files.isRegularFile(DEFAULT)) {
            p = DEFAULT;
        }
        return new ConfigLoader(Plugins.builtIn(), System.getenv(), Clock.systemUTC()).load(p);
    }
}
