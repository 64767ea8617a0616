package io.hostpulse.exporters.pipeline;

import io.hostpulse.core.config.ConfigNode;

/** One row of the agent's output table: how to make an output from its config section. */
public interface OutputPlugin {

    /** The value of {@code type:} in the config's {@code outputs:} list. */
    String name();

    Output create(ConfigNode section, OutputContext ctx);
}
