package io.hostpulse.agent.config;

import io.hostpulse.exporters.pipeline.Output;

/** An output the agent writes points to. */
public record OutputSpec(String type, Output output) {
}
