package io.hostpulse.exporters.influx;

import io.hostpulse.core.Exporter;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.pipeline.BufferedOutput;
import io.hostpulse.exporters.pipeline.Output;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.exporters.pipeline.OutputPlugin;

/** The {@code influxdb} output: an InfluxDB exporter (v1 or v2 API) behind the shared buffer and spool. */
public final class InfluxOutputPlugin implements OutputPlugin {

    @Override
    public String name() {
        return "influxdb";
    }

    @Override
    public Output create(ConfigNode section, OutputContext ctx) {
        InfluxConfig cfg = InfluxConfig.from(section, ctx.dataDir() != null);
        return BufferedOutput.create(cfg.name(), cfg.buffer(), exporter(cfg, ctx), ctx);
    }

    static Exporter<Point> exporter(InfluxConfig cfg, OutputContext ctx) {
        return cfg.api() == InfluxConfig.Api.V1 ? new InfluxV1Exporter(cfg, ctx.clock()) : new InfluxV2Exporter(cfg, ctx.clock());
    }
}
