package io.hostpulse.exporters.loki;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.filter.ThresholdFilter;
import com.github.loki4j.client.http.HttpConfig;
import com.github.loki4j.client.http.Loki4jHttpClient;
import com.github.loki4j.logback.HttpSender;
import com.github.loki4j.logback.Loki4jAppender;
import com.github.loki4j.logback.PipelineConfigAppenderBase;
import io.hostpulse.core.logging.RedactedLayouts;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Function;

/**
 * The agent's own log lines to Loki through Loki4j's Logback appender, configured in code from the output section
 * (there is no logback.xml to edit): labels {@code host}, {@code source="agent_log"}, {@code level} (info, warning,
 * error, debug) plus the static labels; structured metadata {@code logger}, {@code thread} and the SLF4J key-value
 * pairs; the line is the message with a short stack trace when there is one, every secret removed
 * ({@link RedactedLayouts}, as on stderr). Loki4j's own status messages (a failed push with Loki's whole reply, with
 * stack traces) would go to stderr through Logback's status printer, past the redactor: {@link StatusToLog} takes
 * them instead and logs one redacted line per event, without stack traces, under {@value #STATUS_LOGGER} (not
 * shipped, so a Loki outage cannot feed itself). It uses the output's URL, tenant,
 * auth and format through {@link LokiHttp}. Log lines are best effort (Loki4j's in-memory queue, 2 retries of 0.5 to 2 s, so that shutdown with Loki down waits about a second);
 * events, which must not be lost, go through the output's buffer and spool instead.
 */
final class AgentLogShipper implements AutoCloseable {
    static final String LEVEL_PATTERN = "%replace(%replace(%replace(%replace(%replace(%level){'^INFO$','info'})"
            + "{'^WARN$','warning'}){'^ERROR$','error'}){'^DEBUG$','debug'}){'^TRACE$','debug'}";

    /** The logger the agent writes each event to locally (agent's LoggingEventSink): not shipped. */
    static final String EVENTS_LOGGER = "hostpulse.events";

    /** The logger Loki4j's status messages are written to: on stderr, never shipped. */
    static final String STATUS_LOGGER = "hostpulse.loki4j";

    private final Loki4jAppender appender;
    private final Logger root;
    private final StatusToLog status;

    private AgentLogShipper(Loki4jAppender appender, Logger root, StatusToLog status) {
        this.appender = appender;
        this.root = root;
        this.status = status;
    }

    /**
     * Loki4j's status messages (Logback's status manager) as one redacted SLF4J line each: the message on one line,
     * cut at 300 characters, with the exception's type and message instead of its stack trace.
     */
    static final class StatusToLog implements ch.qos.logback.core.status.StatusListener {
        private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(STATUS_LOGGER);
        private final String output;

        StatusToLog(String output) {
            this.output = output;
        }

        @Override
        public void addStatusEvent(ch.qos.logback.core.status.Status s) {
            Object origin = s.getOrigin();
            if (origin == null || !(origin.getClass().getName().startsWith("com.github.loki4j")
                    || origin.getClass().getName().startsWith("io.hostpulse.exporters.loki"))) {
                return;
            }
            StringBuilder b = new StringBuilder(String.valueOf(s.getMessage()));
            Throwable t = s.getThrowable();
            while (t != null) {
                b.append(": ").append(t.getClass().getSimpleName());
                if (t.getMessage() != null) {
                    b.append(" ").append(t.getMessage());
                }
                t = t.getCause() == t ? null : t.getCause();
            }
            String line = io.hostpulse.core.Redactor.redact(b.toString()).replaceAll("\\s+", " ").strip();
            if (line.length() > 300) {
                line = line.substring(0, 300) + "...";
            }
            switch (s.getEffectiveLevel()) {
                case ch.qos.logback.core.status.Status.ERROR, ch.qos.logback.core.status.Status.WARN ->
                        LOG.warn("output {}: agent log shipping: {}", output, line);
                default -> LOG.debug("output {}: agent log shipping: {}", output, line);
            }
        }
    }

    /** Starts shipping; returns null when Logback is not the SLF4J backend (nothing to attach to). */
    static AgentLogShipper start(LokiConfig cfg, String host) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return null;
        }
        Loki4jAppender a = new Loki4jAppender();
        a.setContext(ctx);
        a.setName("loki-" + cfg.name());
        StringBuilder labels = new StringBuilder();
        for (Map.Entry<String, String> e : cfg.staticLabels().entrySet()) {
            labels.append(e.getKey()).append('=').append(escape(e.getValue())).append('\n');
        }
        labels.append("host=").append(escape(host)).append('\n')
                .append("source=agent_log\n")
                .append("level=").append(LEVEL_PATTERN);
        a.setLabels(labels.toString());
        a.setStructuredMetadata("logger=%logger\nthread=%thread\n*=%%kvp");
        PatternLayout layout = RedactedLayouts.install(new PatternLayout());
        layout.setContext(ctx);
        layout.setPattern("%msg%ex{5}");
        layout.start();
        a.setMessage(layout);

        PipelineConfigAppenderBase.HttpCfg http = new PipelineConfigAppenderBase.HttpCfg();
        http.setUrl(cfg.pushUrl().toString());
        if (!cfg.tenant().isEmpty()) {
            http.setTenantId(cfg.tenant());
        }
        http.setUseProtobufApi(cfg.format() == LokiConfig.Format.PROTOBUF);
        http.setRequestTimeoutMs(cfg.timeout().toMillis());
        http.setConnectionTimeoutMs(cfg.timeout().toMillis());
        // few, short retries: log lines are best effort, and stop() (agent shutdown) waits for them
        http.setMaxRetries(2);
        http.setMinRetryBackoffMs(500);
        http.setMaxRetryBackoffMs(2000);
        http.setSender(new HttpSender() {
            @Override
            public HttpConfig.Builder getConfig() {
                return HttpConfig.builder();
            }

            @Override
            public Function<HttpConfig, Loki4jHttpClient> getHttpClientFactory() {
                return conf -> new LokiHttp(cfg, conf.contentType);
            }
        });
        a.setHttp(http);
        PipelineConfigAppenderBase.BatchCfg batch = new PipelineConfigAppenderBase.BatchCfg();
        batch.setTimeoutMs(Math.max(1000, cfg.buffer().flushInterval().toMillis()));
        batch.setMaxItems(Math.max(1, Math.min(cfg.buffer().batchSize(), 10_000)));
        batch.setDrainOnStop(true);
        a.setBatch(batch);
        ThresholdFilter f = new ThresholdFilter();
        f.setLevel(cfg.agentLogLevel());
        f.setContext(ctx);
        f.start();
        a.addFilter(f);
        a.addFilter(new ch.qos.logback.core.filter.Filter<>() {
            @Override
            public ch.qos.logback.core.spi.FilterReply decide(ch.qos.logback.classic.spi.ILoggingEvent e) {
                // events are already in Loki as events; their log copies would be duplicates; Loki4j's own
                // failures shipped to the failing Loki would make one more failure each
                return e.getLoggerName().equals(EVENTS_LOGGER) || e.getLoggerName().equals(STATUS_LOGGER)
                        ? ch.qos.logback.core.spi.FilterReply.DENY : ch.qos.logback.core.spi.FilterReply.NEUTRAL;
            }
        });
        // a listener present before start() also keeps Loki4j from adding its own stderr status printer
        StatusToLog status = new StatusToLog(cfg.name());
        ctx.getStatusManager().add(status);
        a.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(a);
        return new AgentLogShipper(a, root, status);
    }

    /** Logback pattern text: a literal value must not start conversions. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("%", "\\%").replace("\n", " ").replace("\r", " ");
    }

    /** Detaches and sends what is queued. */
    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        appender.getContext().getStatusManager().remove(status);
    }
}
