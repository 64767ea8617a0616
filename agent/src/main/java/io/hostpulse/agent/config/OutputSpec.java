package io.hostpulse.agent.config;

import io.hostpulse.exporters.pipeline.OutputPlugin;

/**
 * An output the agent will write to, on the lane {@code T} (points or events): its plugin with the config record
 * read from its section (data only; the output is made by {@code agent.wiring.Wiring} when the agent runs).
 *
 * @param type the section's {@code type:}
 */
public record OutputSpec<T>(String type, OutputPlugin.Configured<?, T> output) {
    /** The output's name (unique; spool directory and self-metrics tag). */
    public String name() {
        return output.name();
    }
}
