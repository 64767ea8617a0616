package io.hostpulse.collectors.host;

import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.config.ConfigNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;

/** Registry row of the {@code host} collector: on by default everywhere (every Linux host has /proc). */
public final class HostCollectorPlugin implements CollectorPlugin {
    public static final String NAME = "host";
    private static final Logger LOG = LoggerFactory.getLogger(HostCollectorPlugin.class);

    public HostCollectorPlugin() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean availableByDefault(CollectorContext ctx) {
        return true;
    }

    @Override
    public Collector create(ConfigNode section, CollectorContext ctx) {
        HostConfig config = HostConfig.from(section);
        HostPaths paths = ctx.hostPaths() == null ? HostPaths.defaults() : ctx.hostPaths();
        if (Files.isDirectory(paths.proc())) {
            OshiSetup.configure(paths);
        } else {
            LOG.warn("host proc path {} does not exist; the host collector will fail until it does", paths.proc());
        }
        return new HostCollector(config, paths);
    }
}
