package io.hostpulse.exporters.influx;

import io.hostpulse.core.Exporter;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.pipeline.BufferedOutput;
import io.hostpulse.exporters.pipeline.Output;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.exporters.pipeline.OutputPlugin;
import io.hostpulse.exporters.pipeline.PointCodec;

/** The {@code influxdb} output: an InfluxDB exporter (v1 or v2 API) behind the shared buffer and spool. */
public final class InfluxOutputPlugin implements OutputPlugin<InfluxConfig, Point> {

    @Override
    public String name() {
        return "influxdb";
    }

    @Override
    public InfluxConfig configure(ConfigNode section, boolean spoolByDefault) {
        return InfluxConfig.from(section, spoolByDefault);
    }

    @Override
    public Output<Point> create(InfluxConfig cfg, OutputContext ctx) {
        return BufferedOutput.create(cfg.name(), cfg.buffer(), new PointCodec(), exporter(cfg, ctx), ctx);
    }

    static Exporter<Point> exporter(InfluxConfig cfg, OutputContext ctx) {
        return cfg.api() == InfluxConfig.Api.V1 ? new InfluxV1Exporter(cfg, ctx.clock()) : new InfluxV2Exporter(cfg, ctx.clock());
    }
}
