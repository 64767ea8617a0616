package io.hostpulse.agent.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import io.hostpulse.core.Redactor;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class AgentLogConfiguratorTest {
    @Test
    void linesAreRedactedOneLinePerEventWithLibrariesAtWarn() {
        Redactor.registerSecret("s3cr3t-token-AgentLogConfiguratorTest");
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // Logback's own start-up sets one
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AgentLogConfigurator.configure(ctx, out);
        Logger log = ctx.getLogger("io.hostpulse.Some");
        log.info("token is s3cr3t-token-AgentLogConfiguratorTest");
        log.warn("failed", new IllegalStateException("server echoed s3cr3t-token-AgentLogConfiguratorTest"));
        ctx.getLogger("org.quartz.core.QuartzScheduler").info("quartz chatter");
        ctx.getLogger("oshi.util.FileUtil").warn("oshi warning");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("s3cr3t-token-AgentLogConfiguratorTest").doesNotContain("quartz chatter")
                .contains("oshi warning");
        assertThat(text.lines().filter(l -> l.contains(" INFO  Some - token is ")).count()).isEqualTo(1);
        assertThat(text).containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z WARN  Some - failed\\n"
                + "java.lang.IllegalStateException: server echoed ");
        ctx.stop();
    }

    @Test
    void logbackFindsItThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(p -> (Object) p.type()).toList())
                .contains((Object) AgentLogConfigurator.class);
    }

    @Test
    void anExplicitConfigurationFileWins() {
        String was = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "/nonexistent/logback.xml");
        try {
            LoggerContext ctx = new LoggerContext();
            assertThat(new AgentLogConfigurator().configure(ctx)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
        } finally {
            if (was == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", was);
            }
        }
    }
}
