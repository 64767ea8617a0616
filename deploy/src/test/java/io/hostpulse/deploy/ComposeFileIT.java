package io.hostpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/docker/compose.yaml as Docker Compose reads it (Debian's docker-compose, `config`: parses, merges and
 * interpolates without an engine): hostpulse alone, with --profile stack, and with the SMART override.
 */
class ComposeFileIT {
    private static final Path DIR = DebianRoot.REPO.resolve("deploy/docker");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode config(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker-compose", "--project-directory", DIR.toString()));
        cmd.addAll(List.of(args));
        cmd.add("config");
        return YAML.readTree(Sh.ok(Duration.ofMinutes(1), cmd.toArray(String[]::new)));
    }

    /** Volumes as source:target[:ro], whether compose printed the short or the long syntax. */
    private static List<String> volumes(JsonNode service) {
        List<String> l = new ArrayList<>();
        service.path("volumes").forEach(v -> l.add(v.isTextual() ? v.asText().replaceFirst(":rw$", "")
                : v.path("source").asText() + ":" + v.path("target").asText() + (v.path("read_only").asBoolean() ? ":ro" : "")));
        return l;
    }

    /** The services that `up` starts: those without profiles, plus those in one of the given profiles. */
    private static List<String> started(JsonNode c, String... profiles) {
        List<String> l = new ArrayList<>();
        c.path("services").fields().forEachRemaining(e -> {
            JsonNode p = e.getValue().path("profiles");
            boolean on = p.isMissingNode() || p.isEmpty();
            for (String want : profiles) {
                for (JsonNode have : p) {
                    on |= have.asText().equals(want);
                }
            }
            if (on) {
                l.add(e.getKey());
            }
        });
        return l;
    }

    @Test
    void hostpulseAloneReadsTheHostReadOnlyOnMonitoringNet() throws Exception {
        JsonNode c = config("-f", DIR.resolve("compose.yaml").toString());
        assertThat(started(c)).containsExactly("hostpulse");
        JsonNode hp = c.path("services").path("hostpulse");
        assertThat(hp.path("networks").has("monitoring_net")).isTrue();
        assertThat(c.path("networks").path("monitoring_net").path("external").asBoolean()).isTrue();
        assertThat(volumes(hp)).contains("/proc:/host/proc:ro", "/sys:/host/sys:ro", "/:/hostfs:ro",
                "/var/run/docker.sock:/var/run/docker.sock:ro");
        assertThat(hp.path("cap_drop").toString()).contains("ALL");
        assertThat(hp.path("read_only").asBoolean()).isTrue();
        assertThat(hp.path("environment").path("INFLUX_URL").asText()).isEqualTo("http://influxdb:8086");
        assertThat(hp.path("user").isMissingNode()).as("non-root: the image's user").isTrue();
    }

    @Test
    void theStackProfileAddsInfluxLokiGrafanaAndKumaWithTheDashboardsMounted() throws Exception {
        JsonNode c = config("-f", DIR.resolve("compose.yaml").toString(), "--profile", "stack");
        assertThat(started(c, "stack")).containsExactlyInAnyOrder("hostpulse", "influxdb", "loki", "grafana", "uptime-kuma");
        List<String> grafana = volumes(c.path("services").path("grafana"));
        Path dashboards = DebianRoot.REPO.resolve("grafana-dashboards");
        assertThat(grafana).contains(
                dashboards.resolve("provisioning/datasources") + ":/etc/grafana/provisioning/datasources:ro",
                dashboards.resolve("provisioning/dashboards") + ":/etc/grafana/provisioning/dashboards:ro",
                dashboards.resolve("dashboards") + ":/var/lib/grafana/dashboards/hostpulse:ro");
        // where the provisioned dashboard provider reads them, and the files are there
        assertThat(java.nio.file.Files.readString(dashboards.resolve("provisioning/dashboards/hostpulse.yaml")))
                .contains("path: /var/lib/grafana/dashboards/hostpulse");
        JsonNode env = c.path("services").path("grafana").path("environment");
        assertThat(env.path("INFLUX_URL").asText()).isEqualTo("http://influxdb:8086");
        assertThat(env.path("LOKI_URL").asText()).isEqualTo("http://loki:3100");
        // the data source URLs the provisioning expects are these services' names and ports
        assertThat(c.path("services").path("hostpulse").path("environment").path("LOKI_URL").asText()).isEqualTo("http://loki:3100");
    }

    @Test
    void theSmartOverrideRunsAsRootWithOnlyRawIoAndSysAdminAndTheDisks() throws Exception {
        JsonNode hp = config("-f", DIR.resolve("compose.yaml").toString(), "-f", DIR.resolve("compose.smart.yaml").toString())
                .path("services").path("hostpulse");
        assertThat(hp.path("user").asText()).isEqualTo("0:0");
        List<String> caps = new ArrayList<>();
        hp.path("cap_add").forEach(n -> caps.add(n.asText()));
        assertThat(caps).containsExactlyInAnyOrder("SYS_RAWIO", "SYS_ADMIN");
        assertThat(hp.path("cap_drop").toString()).contains("ALL");
        assertThat(hp.path("devices").toString()).contains("/dev/sda");
        assertThat(hp.path("environment").path("HOSTPULSE_SMART").asText()).isEqualTo("true");
    }
}
