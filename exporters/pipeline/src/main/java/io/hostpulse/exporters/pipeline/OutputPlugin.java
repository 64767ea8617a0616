package io.hostpulse.exporters.pipeline;

import io.hostpulse.core.config.ConfigNode;

/**
 * One row of the agent's output table: the config name of an output kind (for example {@code influxdb}) and
 * how to make an {@link Output} from one config section. create() records mistakes on the node instead of
 * throwing; it must not block on the network (a server that is down at start-up is retried by the buffer).
 */
public interface OutputPlugin {

    String name();

    Output create(ConfigNode section, OutputContext ctx);
}
