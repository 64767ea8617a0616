package io.hostpulse.core;

import io.hostpulse.core.config.ConfigNode;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

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

    /** In a {@link #schema()} field set: the measurement's field names are dynamic, any name is accepted. */
    String ANY_FIELD = "*";

    /**
     * The measurements this collector writes and, for each, its field names, so that alert rules can be checked
     * at start-up. A field name may end in {@code *} to stand for a family ({@code temperature_sensor_*});
     * {@link #ANY_FIELD} alone accepts any field. Empty (the default): the collector does not describe itself and
     * rules over its measurements are rejected as unknown.
     */
    default Map<String, Set<String>> schema() {
        return Map.of();
    }
}
