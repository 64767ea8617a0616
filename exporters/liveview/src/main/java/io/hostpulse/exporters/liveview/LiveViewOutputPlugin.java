package io.hostpulse.exporters.liveview;

import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.pipeline.Output;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.exporters.pipeline.OutputPlugin;

/** Registry row of the {@code liveview} output: the page, API and event stream on the agent's HTTP endpoint. */
/**
 * On the points lane (it shows what is collected); the agent also hands it every event, as an {@link
 * io.hostpulse.core.EventSink} beside the events lane's outputs.
 */
public final class LiveViewOutputPlugin implements OutputPlugin<LiveViewConfig, io.hostpulse.core.Point> {
    public static final String NAME = "liveview";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LiveViewConfig configure(ConfigNode section, boolean spoolByDefault) {
        return LiveViewConfig.from(section);
    }

    @Override
    public Output<io.hostpulse.core.Point> create(LiveViewConfig config, OutputContext ctx) {
        LiveView lv = new LiveView(config, ctx.clock());
        if (ctx.hostname() != null) {
            lv.attach(ctx.hostname());
        }
        return lv;
    }
}
