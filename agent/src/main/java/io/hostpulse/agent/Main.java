package io.hostpulse.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.hostpulse.agent.alerts.Alerts;
import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.ConfigLoader;
import io.hostpulse.agent.config.ConfigPrinter;
import io.hostpulse.agent.run.Agent;
import io.hostpulse.agent.run.LoggingEventSink;
import io.hostpulse.agent.selfmetrics.SelfMetrics;
import io.hostpulse.core.config.ConfigException;
import io.hostpulse.exporters.notify.Result;
import io.hostpulse.agent.run.Running;
import io.hostpulse.agent.wiring.Wiring;
import io.hostpulse.exporters.pipeline.StdoutOutput;
import io.hostpulse.core.lineprotocol.Precision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The command line: {@code hostpulse [run] | test | check-config}. */
@Command(name = "hostpulse", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "One monitoring agent per Docker host: host, container and disk metrics to InfluxDB, events to Loki, alerts to Uptime Kuma and webhooks.",
        subcommands = {Main.Run.class, Main.Test.class, Main.CheckConfig.class, Main.NotifyTest.class,
                io.hostpulse.agent.cli.StatusCommand.class,
                io.hostpulse.agent.cli.TopCommand.class, io.hostpulse.agent.cli.MapCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (run: stopped by SIGTERM or SIGINT after flushing)", "1:runtime failure (for example the HTTP port is taken)",
                "2:bad command line", "3:invalid config (every problem is printed, with file and key)"})
public final class Main implements Callable<Integer> {
    static final int EXIT_RUNTIME = 1;
    static final int EXIT_CONFIG = 3;
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Option(names = {"-c", "--config"}, description = "config file (default: /etc/hostpulse/hostpulse.yaml if it exists, else the embedded default: every available collector, line protocol to stdout)",
            scope = CommandLine.ScopeType.INHERIT)
    Path config;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    /** Without a subcommand, run. */
    @Override
    public Integer call() throws Exception {
        return new Run(this).call();
    }

    ConfigLoader loader() {
        return new ConfigLoader(Plugins.builtIn(), System.getenv(), Clock.systemUTC());
    }

    /**
     * Reads the config (plain records: nothing is created or opened) and sets the log level; prints every problem
     * and returns null when it is invalid.
     */
    AgentConfig loadOrReport() {
        try {
            AgentConfig cfg = loader().load(config);
            setLogLevel(cfg.logLevel());
            return cfg;
        } catch (ConfigException e) {
            configError(e);
            return null;
        }
    }

    static void setLogLevel(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
        }
    }

    static void configError(ConfigException e) {
        System.err.println("hostpulse: invalid config:");
        for (String line : e.getMessage().split("\n")) {
            System.err.println("  " + line);
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, description = "Collect on schedule and write to the configured outputs until SIGTERM (the default command).")
    static final class Run implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main parent;

        Run() {
        }

        Run(Main parent) {
            this.parent = parent;
        }

        @Override
        public Integer call() throws Exception {
            AgentConfig cfg = parent.loadOrReport();
            if (cfg == null) {
                return EXIT_CONFIG;
            }
            SelfMetrics metrics = new SelfMetrics(cfg.selfMetrics().jvm());
            Running parts;
            try {
                parts = Wiring.forRun(cfg, metrics, Clock.systemUTC(), new LoggingEventSink());
            } catch (RuntimeException e) {
                LOG.error("cannot start: {}", e.getMessage());
                return EXIT_RUNTIME;
            }
            Agent agent = new Agent(cfg, parts, metrics, Clock.systemUTC());
            CountDownLatch stop = new CountDownLatch(1);
            Signals.onTermination(stop::countDown);
            try {
                agent.start();
            } catch (Exception e) {
                LOG.error("cannot start: {}", e.getMessage());
                agent.close();
                return EXIT_RUNTIME;
            }
            stop.await();
            LOG.info("stopping: flushing outputs");
            agent.close();
            metrics.close();
            LOG.info("stopped");
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Collect twice (rates need two samples), print the second sample as line protocol to stdout, and exit. "
                    + "Outputs are not used and nothing is written to the data directory (no spool, no SMART state).")
    static final class Test implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main parent;

        @Option(names = "--wait", description = "seconds between the two samples (default: ${DEFAULT-VALUE})", defaultValue = "1")
        double waitSeconds;

        @Override
        public Integer call() throws Exception {
            AgentConfig cfg = parent.loadOrReport();
            if (cfg == null) {
                return EXIT_CONFIG;
            }
            SelfMetrics metrics = new SelfMetrics();
            Running parts = Wiring.forTest(cfg, metrics, new LoggingEventSink());
            try (Agent agent = new Agent(cfg.withoutServices(), parts, metrics, Clock.systemUTC())) {
                // the first sample only primes the counters that rates are computed from
                agent.collectOnce();
                Thread.sleep((long) (waitSeconds * 1000));
                StdoutOutput stdout = new StdoutOutput(System.out, Precision.SECONDS);
                stdout.accept(agent.collectOnce());
                stdout.flush(java.time.Duration.ZERO);
            }
            return 0;
        }
    }

    @Command(name = "check-config", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Validate the config, print the effective config (defaults included) with secrets redacted, and exit. "
                    + "Read-only: it creates no output, opens no spool and starts nothing, so it is safe beside a running agent.")
    static final class CheckConfig implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main parent;

        @Override
        public Integer call() {
            AgentConfig cfg = parent.loadOrReport();
            if (cfg == null) {
                return EXIT_CONFIG;
            }
            System.out.print(ConfigPrinter.print(cfg));
            return 0;
        }
    }

    @Command(name = "notify-test", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, description = "Send one test notification to every Uptime Kuma monitor and webhook in the config and print what each answered. Exit 0 when all worked, 1 otherwise.")
    static final class NotifyTest implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main parent;

        @Option(names = "--timeout", description = "seconds to wait for each target (default: ${DEFAULT-VALUE})", defaultValue = "15")
        int timeoutSeconds;

        @Override
        public Integer call() {
            AgentConfig cfg = parent.loadOrReport();
            if (cfg == null) {
                return EXIT_CONFIG;
            }
            SelfMetrics metrics = new SelfMetrics();
            if (!cfg.alerts().config().enabled()) {
                System.out.println("alerts are off (alerts.enabled: false): nothing to test");
                return EXIT_RUNTIME;
            }
            try (Alerts alerts = new Alerts(cfg.alerts().rules(), cfg.alerts().config(), cfg.hostname(), metrics.registry(),
                    Clock.systemUTC(), e -> { }, c -> null)) {
                if (alerts.notifiers().isEmpty()) {
                    System.out.println("no notification targets configured: add alerts.uptime_kuma or alerts.webhooks");
                    return EXIT_RUNTIME;
                }
                boolean all = true;
                for (Result r : alerts.test(java.time.Duration.ofSeconds(timeoutSeconds))) {
                    System.out.println((r.ok() ? "ok     " : "FAILED ") + r.target() + ": " + r.detail());
                    all &= r.ok();
                }
                return all ? 0 : EXIT_RUNTIME;
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"hostpulse " + (v == null ? "dev" : v), "Java " + System.getProperty("java.version")};
        }
    }
}
