package io.hostpulse.collectors.smart;

import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.exec.ProcessCommandRunner;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the SMART collector: on by default wherever smartctl is found, every 15 minutes (the agent adds
 * the cron option and the run at start-up).
 */
public final class SmartCollectorPlugin implements CollectorPlugin {
    /** Searched after PATH: smartctl lives in sbin, which a non-root PATH often lacks. */
    static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");

    @Override
    public String name() {
        return "smart";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(15);
    }

    @Override
    public boolean availableByDefault(CollectorContext ctx) {
        return resolve("smartctl", ctx.environment() == null ? null : ctx.environment().get("PATH")) != null;
    }

    @Override
    public Collector create(ConfigNode section, CollectorContext ctx) {
        SmartConfig config = SmartConfig.from(section);
        String path = ctx.environment() == null ? null : ctx.environment().get("PATH");
        String smartctl = resolve(config.smartctlPath(), path);
        Path stateFile = ctx.dataDir() == null ? null : ctx.dataDir().resolve(config.stateFile());
        return new SmartCollector(config, new ProcessCommandRunner(), smartctl == null ? config.smartctlPath() : smartctl,
                stateFile);
    }

    /** A path is used as is; a bare name is looked up on PATH, then in the sbin directories. Null: not found. */
    static String resolve(String name, String pathVar) {
        if (name.contains("/")) {
            return Files.isExecutable(Path.of(name)) ? name : null;
        }
        List<String> dirs = new ArrayList<>();
        if (pathVar != null) {
            for (String d : pathVar.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(d);
                }
            }
        }
        dirs.addAll(SBIN);
        for (String d : dirs) {
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
