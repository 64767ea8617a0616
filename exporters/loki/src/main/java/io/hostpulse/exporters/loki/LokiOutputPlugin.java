package io.hostpulse.exporters.loki;

import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.pipeline.Output;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.exporters.pipeline.OutputPlugin;

/** The {@code loki} output: events (and the agent's own logs) to Grafana Loki. */
public final class LokiOutputPlugin implements OutputPlugin {

    public LokiOutputPlugin() {
        // registered by the agent
    }

    @Override
    public String name() {
        return "loki";
    }

    @Override
    public Output create(ConfigNode section, OutputContext ctx) {
        return new LokiOutput(LokiConfig.from(section, ctx.dataDir() != null), ctx);
    }
}
