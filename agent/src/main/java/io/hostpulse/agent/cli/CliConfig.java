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

    static AgentConfig load(CommandSpec spec) throws ConfigException {
        OptionSpec opt = spec.findOption("--config");
        Path p = opt == null ? null : opt.getValue();
        if (p == null && Files.isRegularFile(DEFAULT)) {
            p = DEFAULT;
        }
        return new ConfigLoader(Plugins.builtIn(), System.getenv(), Clock.systemUTC()).load(p);
    }
}
