package io.hostpulse.agent.run;

import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.lineprotocol.Precision;
import io.hostpulse.exporters.pipeline.Output;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.exporters.pipeline.OutputPlugin;
import io.hostpulse.exporters.pipeline.OutputSettings;
import io.hostpulse.exporters.pipeline.StdoutOutput;

/** {@code type: stdout}: line protocol on standard output (the embedded default). */
public final class StdoutOutputPlugin implements OutputPlugin<StdoutOutputPlugin.Settings, Point> {

    /** The section's one key, {@code precision}. */
    public record Settings(Precision precision) implements OutputSettings {
        @Override
        public String name() {
            return "stdout";
        }
    }

    @Override
    public String name() {
        return "stdout";
    }

    @Override
    public Settings configure(ConfigNode section, boolean spoolByDefault) {
        return new Settings(section.custom("precision", Precision.SECONDS, "a precision (ns, us, ms or s)", s -> {
            try {
                return Precision.fromApiName(s);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }));
    }

    @Override
    public Output<Point> create(Settings settings, OutputContext ctx) {
        return new StdoutOutput(System.out, settings.precision());
    }
}
