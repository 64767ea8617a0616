package io.hostpulse.agent;

import io.hostpulse.agent.run.StdoutOutputPlugin;
import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import io.hostpulse.exporters.pipeline.OutputPlugin;

import java.util.List;

/** The plugins this build ships, outputs on their lane. */
final class BuiltInPlugins {
    private BuiltInPlugins() {
    }

    static List<CollectorPlugin<?>> collectors() {
        return List.of(new io.hostpulse.collectors.host.HostCollectorPlugin(),
                new io.hostpulse.collectors.docker.DockerCollectorPlugin(),
                new io.hostpulse.collectors.smart.SmartCollectorPlugin(),
                new io.hostpulse.collectors.sensors.SensorsCollectorPlugin(), new io.hostpulse.collectors.sensors.NvidiaSmiCollectorPlugin());
    }

    /** Outputs of metrics. */
    static List<OutputPlugin<?, Point>> pointOutputs() {
        return List.of(new io.hostpulse.exporters.influx.InfluxOutputPlugin(), new StdoutOutputPlugin(),
                new io.hostpulse.exporters.liveview.LiveViewOutputPlugin());
    }

    /** Outputs of events. */
    static List<OutputPlugin<?, Event>> eventOutputs() {
        return List.of(new io.hostpulse.exporters.loki.LokiOutputPlugin());
    }
}
