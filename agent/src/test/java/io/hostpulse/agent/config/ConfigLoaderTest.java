package io.hostpulse.agent.config;

import io.hostpulse.agent.FakeCollectorPlugin;
import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.run.StdoutOutputPlugin;
import io.hostpulse.core.config.ConfigException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private final Plugins plugins = new Plugins(List.of(
            new FakeCollectorPlugin("alpha", true, null),
            new FakeCollectorPlugin("beta", false, Duration.ofMinutes(15))),
            List.of(new StdoutOutputPlugin()), List.of());

    private ConfigLoader loader(Map<String, String> env) {
        return new ConfigLoader(plugins, env, Clock.systemUTC());
    }

    private AgentConfig parse(String yaml) throws ConfigException {
        return loader(Map.of()).parse("test.yaml", yaml);
    }

    private String problems(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a config error for:\n" + yaml);
    }

    @Test
    void emptyConfigRunsAvailableCollectorsToStdoutWithDefaults() throws Exception {
        AgentConfig c = parse("");
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.collectors()).extracting(CollectorSpec::name).containsExactly("alpha");
        assertThat(c.pointOutputs()).extracting(OutputSpec::type).containsExactly("stdout");
        assertThat(c.http().host()).isEqualTo("127.0.0.1");
        assertThat(c.hostname()).isNotBlank();
    }

    @Test
    void missingDefaultFileMeansEmbeddedDefaultButMissingExplicitFileIsAnError(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> loader(Map.of()).load(missing))
                .isInstanceOf(ConfigException.class).hasMessage(missing + ": no such file");
    }

    @Test
    void loadsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("hp.yaml");
        Files.writeString(f, "agent:\n  interval: soon\n");
        assertThatThrownBy(() -> loader(Map.of()).load(f))
                .hasMessage(f + ": agent.interval: \"soon\" is not a duration (use 10s, 1m, 1h30m)");
    }

    @Test
    void collectorSectionsEnableDisableAndOverrideIntervals() throws Exception {
        AgentConfig c = parse("""
                agent:
                  interval: 30s
                  hostname: box1
                  tags: {site: home}
                collectors:
                  alpha: {enabled: false}
                  beta: {value: 7, interval: 1m}
                """);
        assertThat(c.hostname()).isEqualTo("box1");
        assertThat(c.globalTags()).containsEntry("site", "home");
        assertThat(c.collectors()).extracting(CollectorSpec::name).containsExactly("beta");
        assertThat(c.collectors().get(0).interval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void pluginDefaultIntervalAppliesAndCronIsValidated() throws Exception {
        AgentConfig c = parse("collectors:\n  beta: {enabled: true, cron: \"0 0/15 * * * ?\"}\n");
        assertThat(c.collectors()).extracting(CollectorSpec::name, CollectorSpec::interval).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alpha", Duration.ofSeconds(10)),
                org.assertj.core.groups.Tuple.tuple("beta", Duration.ofMinutes(15)));
        assertThat(c.collectors().get(1).cron()).isEqualTo("0 0/15 * * * ?");
        assertThat(problems("collectors:\n  beta: {cron: every day}\n"))
                .contains("test.yaml: collectors.beta.cron: \"every day\" is not a Quartz cron expression");
    }

    @Test
    void everyProblemIsReportedAtOnceWithFileKeyAndExpectation() {
        String msg = problems("""
                agent:
                  intervl: 10s
                  interval: "10 seconds"
                  http: {listen: "localhost"}
                collectors:
                  alpah: {}
                  beta: {value: lots}
                outputs:
                  - type: influx
                """);
        assertThat(msg.split("\n")).containsExactlyInAnyOrder(
                "test.yaml: agent.interval: \"10 seconds\" is not a duration (use 10s, 1m, 1h30m)",
                "test.yaml: agent.http.listen: \"localhost\" is not host:port (for example 127.0.0.1:9366)",
                "test.yaml: collectors.alpah: unknown collector (did you mean 'alpha'?); known collectors: alpha, beta",
                "test.yaml: collectors.beta.value: \"lots\" is not a whole number",
                "test.yaml: outputs[0].type: unknown output type \"influx\"; known types: stdout",
                "test.yaml: agent.intervl: unknown key (did you mean 'interval'?); known keys: hostname, tags, interval, jitter, flush_timeout, log_level, host_proc, host_sys, host_root, data_dir, self_metrics, http");
    }

    @Test
    void malformedYamlNamesLineAndColumn() {
        assertThat(problems("agent:\n  interval: [10s\n")).startsWith("test.yaml: line ").contains("not valid YAML");
    }

    @Test
    void topLevelMustBeSections() {
        assertThat(problems("- a\n- b\n")).contains("expected sections such as 'agent:'");
    }

    @Test
    void wrongTypesAreNamed() {
        assertThat(problems("agent:\n  tags: [a, b]\n")).contains("agent.tags: expected key: value lines, got a list");
        assertThat(problems("agent: 5\n")).contains("test.yaml: agent: expected a section (key: value lines), got \"5\"");
        assertThat(problems("collectors:\n  alpha: {enabled: maybe}\n")).contains("collectors.alpha.enabled: \"maybe\" is not a boolean");
        assertThat(problems("agent:\n  interval: 0s\n")).contains("agent.interval: must be longer than 0s");
    }

    @Test
    void unreadableProcPathIsAStartupError() {
        assertThat(problems("agent:\n  host_proc: /nonexistent/proc\n"))
                .contains("agent.host_proc: /nonexistent/proc is not a readable directory");
    }

    @Test
    void environmentIsSubstitutedWithDefaults() throws Exception {
        AgentConfig c = loader(Map.of("HP_HOST", "fromenv")).parse("test.yaml", """
                agent:
                  hostname: ${HP_HOST}
                  interval: ${HP_INTERVAL:-20s}
                """);
        assertThat(c.hostname()).isEqualTo("fromenv");
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void unsetVariableWithoutDefaultIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> loader(Map.of()).parse("test.yaml", "agent:\n  hostname: ${NOPE_HOST}\n"))
                .hasMessage("test.yaml: line 2: environment variable NOPE_HOST is not set (set it, or write ${NOPE_HOST:-default})");
    }

    @Test
    void outputsCanBeDisabledAndUnknownOutputKeysAreErrors() throws Exception {
        assertThat(parse("outputs:\n  - type: stdout\n    enabled: false\n").pointOutputs()).isEmpty();
        assertThat(problems("outputs:\n  - type: stdout\n    precison: ms\n"))
                .contains("outputs[0].precison: unknown key (did you mean 'precision'?)");
    }

    @Test
    void secretsAreRedactedWhenPrinted() throws Exception {
        AgentConfig c = parse("agent:\n  tags: {api_token: abc123, site: home}\n");
        String printed = ConfigPrinter.print(c);
        assertThat(printed).doesNotContain("abc123").contains("api_token: \"******\"").contains("site: \"home\"");
    }

    @Test
    void shippedExampleConfigIsValid(@TempDir Path dir) throws Exception {
        Path example = Path.of("..", "deploy", "config", "hostpulse.example.yaml");
        String text = Files.readString(example);
        AgentConfig c = new ConfigLoader(io.hostpulse.agent.Plugins.builtIn(),
                Map.of("INFLUX_TOKEN", "t0ken", "HOSTPULSE_DATA_DIR", dir.toString()),
                Clock.systemUTC()).parse(example.toString(), text);
        assertThat(c.hostname()).isNotBlank();
        assertThat(c.collectors()).extracting(CollectorSpec::name).contains("host", "docker", "smart");
        assertThat(c.pointOutputs()).extracting(OutputSpec::type).containsExactly("liveview", "influxdb");
        assertThat(ConfigPrinter.print(c)).doesNotContain("t0ken");
        // reading the config created nothing: no spool directory under the data dir
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void agentRestartLoopIsAClearErrorNamingItsNewPlace() {
        assertThat(problems("agent:\n  restart_loop: {restarts: 5, within: 30m}\n"))
                .contains("test.yaml: agent.restart_loop: has moved to the Docker collector")
                .contains("collectors.docker.restart_loop");
    }

    @Test
    void theEffectiveConfigShowsEveryDefaultTheAgentAndItsPluginsRunWith() throws Exception {
        String printed = ConfigPrinter.print(loader(Map.of("HOME", "/home/u")).parse("test.yaml", ""));
        assertThat(printed).startsWith("# config: test.yaml is valid\n")
                .contains("interval: \"10s\"", "flush_timeout: \"10s\"", "log_level: \"info\"", "host_proc: \"/proc\"",
                        "listen: \"127.0.0.1:9366\"")
                // the host name the agent worked out, not the empty default
                .containsPattern("hostname: \"[^\"]+\"")
                // the collector that is on by default, with its plugin's own default; the other one off
                .contains("alpha:", "value: 1", "beta:", "enabled: false")
                // the embedded stdout output
                .contains("type: \"stdout\"");
    }

    /** Without the header lines that name the file (and the note an empty file gets). */
    private static String withoutFirstLine(String s) {
        return s.replaceAll("(?m)^# (config|note): .*\n", "");
    }

    @Test
    void theEffectiveConfigReadsBackAsTheSameConfig(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("HOME", dir.toString(), "INFLUX_TOKEN", "t0ken", "HOSTPULSE_DATA_DIR", dir.toString());
        ConfigLoader builtIn = new ConfigLoader(io.hostpulse.agent.Plugins.builtIn(), env, Clock.systemUTC());
        Path example = Path.of("..", "deploy", "config", "hostpulse.example.yaml");
        for (AgentConfig first : List.of(builtIn.parse("empty.yaml", ""), builtIn.parse("example.yaml", Files.readString(example)))) {
            String printed = ConfigPrinter.print(first);
            AgentConfig again = builtIn.parse("printed.yaml", printed);
            // secrets are printed as ******, and read back as that: compare what is printed, after the file name
            assertThat(withoutFirstLine(ConfigPrinter.print(again))).isEqualTo(withoutFirstLine(printed));
            assertThat(again.collectors()).extracting(CollectorSpec::name).isEqualTo(first.collectors().stream().map(CollectorSpec::name).toList());
        }
    }

    @Test
    void anEmptyFileIsValidButSaysWhatRuns() throws Exception {
        for (String empty : List.of("", "# nothing yet\n")) {
            AgentConfig c = parse(empty);
            assertThat(c.emptyFileNote()).isEqualTo("test.yaml sets nothing (it is empty or only comments): running every "
                    + "collector available on this host with its defaults (alpha), writing to stdout");
            assertThat(ConfigPrinter.print(c)).contains("# note: test.yaml sets nothing");
        }
        assertThat(parse("agent: {interval: 5s}\n").emptyFileNote()).isNull();
    }

    @Test
    void cronTogetherWithIntervalIsAnError() {
        assertThat(problems("collectors:\n  beta: {cron: \"0 0/15 * * * ?\", interval: 1m}\n"))
                .contains("test.yaml: collectors.beta.cron: cannot be used together with interval");
    }

    @Test
    void aDataDirThatIsAFileOrCannotBeWrittenIsAnErrorNamingTheKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThat(problems("agent: {data_dir: " + file + "}\n"))
                .contains("test.yaml: agent.data_dir: " + file + " exists but is not a directory");
        assertThat(problems("agent: {data_dir: " + file.resolve("sub") + "}\n"))
                .contains("agent.data_dir: " + file.resolve("sub") + " cannot be created: " + file + " is not a directory");
        // the kernel refuses writes below /proc/self even to root, so this holds whoever runs the test
        assertThat(problems("agent: {data_dir: /proc/self/hostpulse}\n"))
                .contains("agent.data_dir: /proc/self/hostpulse cannot be created: /proc/self is not writable");
        assertThat(parse("agent: {data_dir: " + dir.resolve("new/deeper") + "}\n").dataDir()).isEqualTo(dir.resolve("new/deeper"));
        assertThat(parse("agent: {data_dir: " + dir + "}\n").dataDir()).isEqualTo(dir);
    }
}
