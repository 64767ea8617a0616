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
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Function;

/**
 * The agent's own log lines to Loki through Loki4j's Logback appender, configured in code from the output section
 * (there is no logback.xml to edit): labels {@code host}, {@code source="agent_log"}, {@code level} (info, warning,
 * error, debug) plus the static labels; structured metadata {@code logger}, {@code thread} and the SLF4J key-value
 * pairs; the line is the message with a short stack trace when there is one. It uses the output's URL, tenant,
 * auth and format through {@link LokiHttp}. Log lines are best effort (Loki4j's in-memory queue, 2 retries of 0.5 to 2 s, so that shutdown with Loki down waits about a second);
 * events, which must not be lost, go through the output's buffer and spool instead.
 */
final class AgentLogShipper implements AutoCloseable {
    static final String LEVEL_PATTERN = "%replace(%replace(%replace(%replace(%replace(%level){'^INFO$','info'})"
            + "{'^WARN$','warning'}){'^ERROR$','error'}){'^DEBUG$','debug'}){'^TRACE$','debug'}";

    /** The logger the agent writes each event to locally (agent's LoggingEventSink): not shipped. */
    static final String EVENTS_LOGGER = "hostpulse.events";

    private final Loki4jAppender appender;
    private final Logger root;

    private AgentLogShipper(Loki4jAppender appender, Logger root) {
        this.appender = appender;
        this.root = root;
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
        PatternLayout layout = new PatternLayout();
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
                // events are already in Loki as events; their log copies would be duplicates
                return e.getLoggerName().equals(EVENTS_LOGGER) ? ch.qos.logback.core.spi.FilterReply.DENY
                        : ch.qos.logback.core.spi.FilterReply.NEUTRAL;
            }
        });
        a.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(a);
        return new AgentLogShipper(a, root);
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
    }
}
