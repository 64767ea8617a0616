package io.hostpulse.exporters.loki;

import io.hostpulse.core.Event;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.pipeline.BufferedOutput;
import io.hostpulse.exporters.pipeline.Output;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.exporters.pipeline.OutputPlugin;

/**
 * The {@code loki} output, on the events lane: events through the shared buffer (bounded, ordered, spooled to disk
 * when the agent has a data directory) into a {@link LokiExporter}, and beside it the agent's own log lines
 * through Loki4j's appender ({@link AgentLogShipper}), closed with the output. Points never reach it: the agent
 * registers it as an events output.
 */
public final class LokiOutputPlugin implements OutputPlugin<LokiConfig, Event> {

    public LokiOutputPlugin() {
        // registered by the agent
    }

    @Override
    public String name() {
        return "loki";
    }

    @Override
    public LokiConfig configure(ConfigNode section, boolean spoolByDefault) {
        return LokiConfig.from(section, spoolByDefault);
    }

    /** Opens the spool, starts the writer and, with {@code agent_logs}, ships the agent's log lines from now on. */
    @Override
    public Output<Event> create(LokiConfig cfg, OutputContext ctx) {
        String host = ctx.hostname() == null || ctx.hostname().isBlank() ? defaultHost() : ctx.hostname();
        BufferedOutput<Event> events = BufferedOutput.create(cfg.name(), cfg.buffer(), new EventCodec(),
                new LokiExporter(cfg, () -> host), ctx);
        AgentLogShipper logs = cfg.agentLogs() ? AgentLogShipper.start(cfg, host) : null;
        return logs == null ? events : events.alongside(logs);
    }

    static String defaultHost() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                h = "localhost";
            }
        }
        return h;
    }
}
