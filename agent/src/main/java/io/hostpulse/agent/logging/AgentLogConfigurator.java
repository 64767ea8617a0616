package io.hostpulse.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.hostpulse.core.logging.RedactedLayouts;

import java.io.OutputStream;

/**
 * The agent's logging set up in code, found by Logback through {@code ServiceLoader}. It replaces a logback.xml
 * because reading one loads Joran and the JDK's XML parser (about 650 classes, a few MiB of metaspace and some
 * 100 ms of start-up: BENCHMARKS.md, "Footprint levers") for a configuration that never changes.
 *
 * <p>What it sets: one line per event on stderr (stdout carries line protocol in the embedded default and in
 * {@code hostpulse test}), every message and stack trace redacted ({@link RedactedLayouts}), libraries' chatter
 * at WARN. A user's own file still wins: with {@code -Dlogback.configurationFile} set, or a logback-test.xml on the
 * class path, this configurator steps aside and Logback reads that file as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class AgentLogConfigurator extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{0} - %msg%n%ex";
    private static final String[] QUIET = {"org.quartz", "com.github.dockerjava", "org.apache.hc", "okhttp3", "com.influxdb", "oshi"};

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null
                || AgentLogConfigurator.class.getClassLoader().getResource(ContextInitializer.TEST_AUTOCONFIG_FILE) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configure(ctx, null);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code ctx}; writes to {@code out} instead of stderr when it is given (tests). */
    static void configure(LoggerContext ctx, OutputStream out) {
        PatternLayout layout = RedactedLayouts.install(new PatternLayout());
        layout.setContext(ctx);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> enc = new LayoutWrappingEncoder<>();
        enc.setContext(ctx);
        enc.setLayout(layout);
        enc.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if (out == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            appender = new OutputStreamAppender<>();
            appender.setOutputStream(out);
        }
        appender.setContext(ctx);
        appender.setName("STDERR");
        appender.setEncoder(enc);
        appender.start();
        for (String name : QUIET) {
            ctx.getLogger(name).setLevel(Level.WARN);
        }
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
    }
}
