package io.hostpulse.exporters.liveview;

import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.pipeline.Output;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.exporters.pipeline.OutputPlugin;

/** Registry row of the {@code liveview} output: the page, API and event stream on the agent's HTTP endpoint. */
public final class LiveViewOutputPlugin implements OutputPlugin {
    public static final String NAME = "liveview";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Output create(ConfigNode section, OutputContext ctx) {
        return new LiveView(LiveViewConfig.from(section), ctx.clock());
    }
}
