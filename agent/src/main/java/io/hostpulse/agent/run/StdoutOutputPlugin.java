package io.hostpulse.agent.run;

import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.lineprotocol.Precision;
import io.hostpulse.exporters.pipeline.Output;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.exporters.pipeline.OutputPlugin;
import io.hostpulse.exporters.pipeline.StdoutOutput;

/** {@code type: stdout}: line protocol on standard output (the embedded default). */
public final class StdoutOutputPlugin implements OutputPlugin {
    @Override
    public String name() {
        return "stdout";
    }

    @Override
    public Output create(ConfigNode section, OutputContext ctx) {
        Precision p = section.custom("precision", Precision.SECONDS, "a precision (ns, us, ms or s)", s -> {
            try {
                return Precision.fromApiName(s);
            } catch (IllegalArgumentException e) {
                return null;
            }
        });
        return new StdoutOutput(System.out, p);
    }
}
