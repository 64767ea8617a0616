package io.hostpulse.exporters.pipeline;

/** What the agent needs to know of every output's config record, before any output exists. */
public interface OutputSettings {
    /** The output's name: unique among the outputs, it names the spool directory and the self-metrics tag. */
    String name();
}
