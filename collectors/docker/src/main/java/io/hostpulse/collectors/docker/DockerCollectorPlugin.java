package io.hostpulse.collectors.docker;

import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.config.ConfigNode;

/**
 * Registers the docker collector: on by default when DOCKER_HOST is set or a Docker socket exists at
 * /var/run/docker.sock (or at the same path under the host root, for an agent in a container).
 */
public final class DockerCollectorPlugin implements CollectorPlugin {

    public DockerCollectorPlugin() {
        // registered by the agent
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public boolean availableByDefault(CollectorContext ctx) {
        String host = ctx.environment().get("DOCKER_HOST");
        return (host != null && !host.isBlank()) || DockerConfig.socketPath(ctx.hostPaths()) != null;
    }

    @Override
    public Collector create(ConfigNode section, CollectorContext ctx) {
        DockerConfig cfg = DockerConfig.from(section, ctx.hostPaths(), ctx.environment());
        try {
            return DockerCollector.create(cfg);
        } catch (RuntimeException e) { // TLS files that do not load: a config problem, not a crash
            section.problem("tls_cert_path", "cannot load the TLS files: " + e.getMessage());
            return DockerCollector.create(new DockerConfig(cfg.endpoint(), null, cfg.apiVersion(), cfg.nameInclude(),
                    cfg.nameExclude(), cfg.stateInclude(), cfg.labelInclude(), cfg.parallelism(), cfg.containerTimeout(),
                    cfg.requestTimeout(), cfg.blkioPerDevice(), cfg.events(), cfg.eventsQueueSize(), cfg.procPath()));
        }
    }
}
