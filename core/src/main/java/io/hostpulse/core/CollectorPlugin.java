package io.hostpulse.core;

import io.hostpulse.core.config.ConfigNode;

import java.time.Duration;

/**
 * One row of the agent's collector table (node_exporter's registry): how to make a collector from its config
 * section and whether it is on when the user configured nothing. The agent reads the common keys
 * ({@code enabled}, {@code interval}, {@code jitter}, {@code timeout}) itself; {@link #create} reads the rest of
 * the section and records mistakes on the node instead of throwing.
 */
public interface CollectorPlugin {

    /** The collector's short name: config key under {@code collectors:}, self-metric tag, job key. */
    String name();

    /** Interval when the config names none; the agent's global interval when null. */
    default Duration defaultInterval() {
        return null;
    }

    /**
     * Whether the collector is on without configuration: true when its source is there (the Docker socket,
     * smartctl on PATH). Cheap, never blocks.
     */
    boolean availableByDefault(CollectorContext ctx);

    Collector create(ConfigNode section, CollectorContext ctx);
}
