package io.hostpulse.core;

import io.hostpulse.core.config.ConfigNode;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One row of the agent's collector table (node_exporter's registry), in two steps that the agent keeps apart:
 * {@link #configure} reads and validates the collector's config section into a record of plain data ({@code C}),
 * recording mistakes on the node instead of throwing, and starts nothing; {@link #create} makes the running
 * collector from that record, only when the agent runs ({@code hostpulse run} and {@code test}, never
 * {@code check-config}). The agent reads the common keys ({@code enabled}, {@code interval}, {@code jitter},
 * {@code cron}, {@code timeout}) itself.
 *
 * @param <C> the collector's config record
 */
public interface CollectorPlugin<C> {

    /** The collector's short name: config key under {@code collectors:}, self-metric tag, job key. */
    String name();

    /** Interval when the config names none; the agent's global interval when null. */
    default Duration defaultInterval() {
        return null;
    }

    /**
     * Whether the collector is on without configuration: true when its source is there (the Docker socket,
     * smartctl on PATH). Cheap, never blocks, changes nothing.
     */
    boolean availableByDefault(CollectorContext ctx);

    /** Reads the section into the config record; pure apart from reading files the config names. */
    C configure(ConfigNode section, CollectorContext ctx);

    /** Makes the collector from a record {@link #configure} returned; must not block on its source. */
    Collector create(C config, CollectorContext ctx);

    /** Both steps at once, for tests and tools that do not report config problems. */
    default Collector create(ConfigNode section, CollectorContext ctx) {
        return create(configure(section, ctx), ctx);
    }

    /** A plugin with its read config: what the agent's config holds until it runs the collector. */
    record Configured<C>(CollectorPlugin<C> plugin, C config) {
        public Collector create(CollectorContext ctx) {
            return plugin.create(config, ctx);
        }
    }

    /** Reads the section and keeps the result with this plugin. */
    default Configured<C> configured(ConfigNode section, CollectorContext ctx) {
        return new Configured<>(this, configure(section, ctx));
    }

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
