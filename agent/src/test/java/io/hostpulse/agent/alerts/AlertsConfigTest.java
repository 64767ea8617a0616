package io.hostpulse.agent.alerts;

import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.ConfigLoader;
import io.hostpulse.core.config.ConfigException;
import io.hostpulse.core.config.ConfigNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertsConfigTest {
    private static final String NO_SMART = "collectors:\n  smart:\n    enabled: false\n  docker:\n    enabled: false\n"
            + "  sensors:\n    enabled: false\n  nvidia_smi:\n    enabled: false\n";

    private static AgentConfig load(String yaml) throws ConfigException {
        return new ConfigLoader(Plugins.builtIn(), Map.of(), Clock.systemUTC())
                .parse("test.yaml", NO_SMART + yaml);
    }

    private static String problems(String yaml) {
        try {
            load(yaml);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a config error for:\n" + yaml);
    }

    @Test
    void everyBuiltInRuleParsesAndNamesARealMeasurementAndField() {
        Map<String, Rule> all = AlertsConfig.builtIns();
        assertThat(all).hasSize(20);
        Map<String, Set<String>> schema = new java.util.HashMap<>();
        schema.putAll(new io.hostpulse.collectors.host.HostCollectorPlugin().schema());
        schema.putAll(new io.hostpulse.collectors.smart.SmartCollectorPlugin().schema());
        schema.put("hostpulse_agent", Set.of("*"));
        schema.putAll(new io.hostpulse.collectors.docker.DockerCollectorPlugin().schema());
        schema.putAll(new io.hostpulse.collectors.sensors.SensorsCollectorPlugin().schema());
        schema.putAll(new io.hostpulse.collectors.sensors.NvidiaSmiCollectorPlugin().schema());
        ConfigNode n = ConfigNode.of(Map.of());
        List<Rule> active = AlertsConfig.from(ConfigNode.of(Map.of())).active(schema, n);
        assertThat(n.problems().all()).isEmpty();
        assertThat(active).hasSize(20);
    }

    @Test
    void withTheHostCollectorOnlyTheHostAndAgentRulesAreActive() throws Exception {
        AgentConfig c = load("");
        assertThat(c.alerts().config().enabled()).isTrue();
        assertThat(c.alerts().rules()).extracting(Rule::name).containsExactly("disk_used", "disk_inodes",
                "mem_available", "swap_used", "load_per_core", "output_failing", "collector_failing");
    }

    @Test
    void builtInsAreSwitchedOffOrTunedOneByOne() throws Exception {
        AgentConfig c = load("""
                alerts:
                  repeat: 1h
                  defaults:
                    disk_used: false
                    swap_used:
                      enabled: false
                    mem_available:
                      warning: 20
                      for: 30s
                """);
        List<Rule> rules = c.alerts().rules();
        assertThat(rules).extracting(Rule::name).doesNotContain("disk_used", "swap_used").contains("disk_inodes");
        Rule mem = rules.stream().filter(r -> r.name().equals("mem_available")).findFirst().orElseThrow();
        assertThat(mem.warning()).isEqualTo(20.0);
        assertThat(mem.critical()).isEqualTo(5.0);           // kept from the built-in
        assertThat(mem.forDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(mem.repeat()).isEqualTo(Duration.ofHours(1));
        assertThat(c.alerts().config().switchedOff()).containsExactly("disk_used", "swap_used");
    }

    @Test
    void aRuleOverAnUnknownMeasurementListsTheKnownOnes() {
        String p = problems("""
                alerts:
                  rules:
                    - name: full
                      measurement: dsk
                      field: used_percent
                      warning: 80
                """);
        assertThat(p).contains("rule full: no enabled collector writes measurement \"dsk\" (did you mean 'disk'?)")
                .contains("known measurements: conntrack, cpu, disk, diskio, hostpulse_agent, interrupts, kernel, linux_sysctl_fs,"
                        + " mem, net, netstat, nstat, pressure, processes, soft_interrupts, swap, system");
    }

    @Test
    void aRuleOverAnUnknownFieldListsTheKnownFields() {
        String p = problems("""
                alerts:
                  rules:
                    - name: full
                      measurement: disk
                      field: usedpercent
                      warning: 80
                    - name: smart
                      measurement: smart_device
                      field: temp_c
                      warning: 50
                  defaults:
                    disk_usd: false
                """);
        assertThat(p).contains("rule full: measurement disk has no field usedpercent (did you mean 'used_percent'?)")
                .contains("known fields: free, inodes_free")
                // smart is off in this config, so its measurements are unknown
                .contains("no enabled collector writes measurement \"smart_device\"")
                .contains("alerts.defaults.disk_usd: no built-in rule of that name (did you mean 'disk_used'?)");
    }

    @Test
    void targetsAreReadAndTheirMistakesReported() throws Exception {
        AgentConfig c = load("""
                alerts:
                  uptime_kuma:
                    - name: host
                      url: http://kuma.lan:3001
                      token: abcDEF123
                      subsystems: [host, disks]
                  webhooks:
                    - url: https://hooks.example.net/x
                      format: slack
                      headers:
                        X-Api-Key: k1
                """);
        assertThat(c.alerts().config().kuma()).singleElement().satisfies(k -> {
            assertThat(k.token()).isEqualTo("abcDEF123");
            assertThat(k.subsystems()).containsExactly("host", "disks");
            assertThat(k.interval()).isEqualTo(Duration.ofSeconds(30));
        });
        assertThat(c.secretPaths()).contains("alerts.uptime_kuma[0].token", "alerts.webhooks[0].url",
                "alerts.webhooks[0].headers.X-Api-Key");
        assertThatThrownBy(() -> load("""
                alerts:
                  uptime_kuma:
                    - url: kuma.lan
                  webhooks:
                    - format: teams
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerts.uptime_kuma[0].token: missing")
                .hasMessageContaining("alerts.uptime_kuma[0].url")
                .hasMessageContaining("alerts.webhooks[0].url: missing")
                .hasMessageContaining("alerts.webhooks[0].format");
    }

    @Test
    void alertsCanBeSwitchedOffWhole() throws Exception {
        AgentConfig c = load("alerts:\n  enabled: false\n  rules: nonsense\n");
        assertThat(c.alerts().config().enabled()).isFalse();
        assertThat(c.alerts().rules()).isEmpty();
    }

    @Test
    void aUserRuleMayNotTakeABuiltInName() {
        assertThat(problems("""
                alerts:
                  rules:
                    - name: disk_used
                      measurement: disk
                      field: used_percent
                      warning: 50
                """)).contains("\"disk_used\" is already a rule name (a built-in: tune it under alerts.defaults.disk_used)");
    }

    @Test
    void everyBuiltInRuleIsDocumented() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "ALERTS.md"));
        for (String name : AlertsConfig.builtIns().keySet()) {
            assertThat(doc).as(name).contains("| `" + name + "` |");
        }
    }
}
