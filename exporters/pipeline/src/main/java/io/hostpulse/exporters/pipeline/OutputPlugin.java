package io.hostpulse.exporters.pipeline;

import io.hostpulse.core.config.ConfigNode;

/**
 * One row of the agent's output table, in two steps the agent keeps apart: {@link #configure} reads and validates
 * one config section into a record of plain data (recording mistakes on the node, opening nothing), and
 * {@link #create} makes the running output from it: opens and replays the spool, starts the writer thread. Only
 * {@code hostpulse run} calls create; {@code check-config} and {@code notify-test} stop after configure.
 * create() must not block on the network (a server that is down at start-up is retried by the buffer).
 *
 * @param <C> the output's config record
 * @param <T> the lane it is on: what its outputs carry ({@code Point} or {@code Event})
 */
public interface OutputPlugin<C extends OutputSettings, T> {

    /** The {@code type:} of its config sections, for example {@code influxdb}. */
    String name();

    /** @param spoolByDefault whether {@code spool} defaults to on (the agent has a data directory) */
    C configure(ConfigNode section, boolean spoolByDefault);

    Output<T> create(C config, OutputContext ctx);

    /** Both steps at once, for tests and tools that do not report config problems. */
    default Output<T> create(ConfigNode section, OutputContext ctx) {
        return create(configure(section, ctx.dataDir() != null), ctx);
    }

    /** Reads the section and keeps the result with this plugin. */
    default Configured<C, T> configured(ConfigNode section, boolean spoolByDefault) {
        return new Configured<>(this, configure(section, spoolByDefault));
    }

    /** A plugin with its read config: what the agent's config holds until it runs the output. */
    record Configured<C extends OutputSettings, T>(OutputPlugin<C, T> plugin, C config) {
        public String name() {
            return config.name();
        }

        public Output<T> create(OutputContext ctx) {
            return plugin.create(config, ctx);
        }
    }
}
