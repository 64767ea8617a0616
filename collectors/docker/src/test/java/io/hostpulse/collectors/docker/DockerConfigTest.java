package io.hostpulse.collectors.docker;

import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.text.Glob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DockerConfigTest {
    @TempDir
    Path tmp;

    HostPaths paths() {
        return new HostPaths(tmp.resolve("proc"), tmp.resolve("sys"), tmp);
    }

    @Test
    void defaults() {
        ConfigNode n = ConfigNode.of(Map.of());
        DockerConfig c = DockerConfig.from(n, paths(), Map.of());
        assertThat(n.problems().isEmpty()).isTrue();
        assertThat(c.endpoint()).isEqualTo("unix:///var/run/docker.sock"); // exists or not, nothing under the root
        assertThat(c.parallelism()).isEqualTo(16);
        assertThat(c.containerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.stateInclude()).isEmpty();
        assertThat(c.labelInclude()).isEmpty(); // every label, as Telegraf
        assertThat(c.labelExclude()).isEmpty();
        // Telegraf's defaults: per device only cpu; totals of cpu, blkio and network
        assertThat(c.classes().perDevice()).containsExactly("cpu");
        assertThat(c.classes().total()).containsExactlyInAnyOrder("cpu", "blkio", "network");
        assertThat(c.events()).isTrue();
        assertThat(c.tlsCertPath()).isNull();
        assertThat(c.procPath()).isEqualTo(tmp.resolve("proc"));
    }

    @Test
    void dockerHostAndTlsFromTheEnvironment() throws Exception {
        Path certs = Files.createDirectories(tmp.resolve("certs"));
        // a real key and self-signed certificate: the TLS files are loaded while the config is read
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=nas", "-days", "2",
                "-keyout", certs.resolve("key.pem").toString(), "-out", certs.resolve("cert.pem").toString());
        Files.copy(certs.resolve("cert.pem"), certs.resolve("ca.pem"));
        ConfigNode n = ConfigNode.of(Map.of());
        DockerConfig c = DockerConfig.from(n, paths(),
                Map.of("DOCKER_HOST", "tcp://nas:2376", "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString()));
        assertThat(n.problems().all()).isEmpty();
        assertThat(c.endpoint()).isEqualTo("tcp://nas:2376");
        assertThat(c.tlsCertPath()).isEqualTo(certs);
    }

    static void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("openssl %s: %s", cmd, out).isZero();
    }

    @Test
    void pluginRecordsTlsFilesThatDoNotLoad() throws Exception {
        Path certs = Files.createDirectories(tmp.resolve("bad"));
        for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
            Files.writeString(certs.resolve(f), "not a certificate");
        }
        ConfigNode n = ConfigNode.of(Map.of("endpoint", "tcp://127.0.0.1:1", "tls_cert_path", certs.toString()));
        CollectorContext ctx = new CollectorContext(paths(), Clock.systemUTC(), "h", null, Map.of());
        // found while reading the config (check-config reports it), before any client is made
        new DockerCollectorPlugin().configure(n, ctx);
        assertThat(n.problems().all()).singleElement().asString().contains("tls_cert_path").contains("cannot load the TLS files");
    }

    @Test
    void tlsDirectoryWithoutTheFilesIsAConfigProblem() {
        ConfigNode n = ConfigNode.of(Map.of("endpoint", "tcp://nas:2376", "tls_cert_path", tmp.toString()));
        DockerConfig.from(n, paths(), Map.of());
        assertThat(n.problems().all()).hasSize(3).allMatch(p -> p.contains("tls_cert_path"));
    }

    @Test
    void socketUnderTheHostRoot() throws Exception {
        Files.createDirectories(tmp.resolve("var/run"));
        Files.createFile(tmp.resolve("var/run/docker.sock"));
        if (!Files.exists(Path.of("/var/run/docker.sock"))) {
            assertThat(DockerConfig.from(ConfigNode.of(Map.of()), paths(), Map.of()).endpoint())
                    .isEqualTo("unix://" + tmp.resolve("var/run/docker.sock"));
        }
        CollectorContext ctx = new CollectorContext(paths(), Clock.systemUTC(), "h", null, Map.of());
        assertThat(new DockerCollectorPlugin().availableByDefault(ctx)).isTrue();
    }

    @Test
    void pluginIsOffWithoutSocketOrDockerHost() {
        CollectorContext none = new CollectorContext(paths(), Clock.systemUTC(), "h", null, Map.of());
        assertThat(new DockerCollectorPlugin().availableByDefault(none))
                .isEqualTo(Files.exists(Path.of("/var/run/docker.sock")));
        CollectorContext env = new CollectorContext(paths(), Clock.systemUTC(), "h", null, Map.of("DOCKER_HOST", "tcp://x:2375"));
        assertThat(new DockerCollectorPlugin().availableByDefault(env)).isTrue();
        assertThat(new DockerCollectorPlugin().name()).isEqualTo("docker");
    }

    @Test
    void mistakesAreRecordedAndDefaultsKept() {
        ConfigNode n = ConfigNode.of(Map.of("endpoint", "/var/run/docker.sock", "stats_parallelism", 0,
                "container_timeout", "0s", "container_state_include", List.of("running", "sleeping"),
                "api_version", "v2", "sttas_parallelism", 3));
        DockerConfig c = DockerConfig.from(n, paths(), Map.of());
        n.finish();
        String all = String.join("\n", n.problems().all());
        assertThat(all).contains("endpoint").contains("stats_parallelism").contains("container_timeout")
                .contains("sleeping").contains("api_version").contains("sttas_parallelism");
        assertThat(c.endpoint()).isEqualTo("unix:///var/run/docker.sock");
        assertThat(c.parallelism()).isEqualTo(16);
        assertThat(c.containerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.apiVersion()).isNull();
    }

    @Test
    void explicitKeys() {
        ConfigNode n = ConfigNode.of(Map.ofEntries(Map.entry("endpoint", "unix:///run/user/1000/podman/podman.sock"),
                Map.entry("api_version", "1.41"), Map.entry("container_name_include", List.of("web*")),
                Map.entry("container_name_exclude", "web-test"), Map.entry("label_include", List.of("team")),
                Map.entry("label_exclude", "team.secret"), Map.entry("stats_parallelism", 2),
                Map.entry("container_timeout", "2s"), Map.entry("perdevice_include", List.of("network", "BLKIO")),
                Map.entry("total_include", List.of()), Map.entry("events", false), Map.entry("events_queue_size", 10)));
        DockerConfig c = DockerConfig.from(n, paths(), Map.of("DOCKER_HOST", "tcp://ignored:1"));
        n.finish();
        assertThat(n.problems().isEmpty()).as(String.join("\n", n.problems().all())).isTrue();
        assertThat(c.endpoint()).isEqualTo("unix:///run/user/1000/podman/podman.sock");
        assertThat(c.apiVersion()).isEqualTo("1.41");
        assertThat(c.nameExclude()).containsExactly("web-test");
        assertThat(c.parallelism()).isEqualTo(2);
        assertThat(c.labelInclude()).containsExactly("team");
        assertThat(c.labelExclude()).containsExactly("team.secret");
        assertThat(c.classes().perDevice()).containsExactlyInAnyOrder("network", "blkio");
        assertThat(c.classes().total()).isEmpty(); // an empty list means no total rows at all
        assertThat(c.events()).isFalse();
        assertThat(Glob.filter(c.nameInclude(), c.nameExclude()).test("web-1")).isTrue();
        assertThat(Glob.filter(c.nameInclude(), c.nameExclude()).test("web-test")).isFalse();
        assertThat(Glob.filter(c.nameInclude(), c.nameExclude()).test("db")).isFalse();
    }

    @Test
    void statsClassesAreCheckedAndTheOldBlkioKeyNamesItsReplacement() {
        ConfigNode n = ConfigNode.of(Map.of("perdevice_include", List.of("cpu", "disk"), "total_include", "net",
                "blkio_per_device", true));
        DockerConfig c = DockerConfig.from(n, paths(), Map.of());
        n.finish();
        List<String> all = n.problems().all();
        assertThat(all).hasSize(3);
        assertThat(all).anyMatch(p -> p.contains("perdevice_include") && p.contains("\"disk\"") && p.contains("cpu, network, blkio"));
        assertThat(all).anyMatch(p -> p.contains("total_include") && p.contains("\"net\""));
        assertThat(all).anyMatch(p -> p.contains("blkio_per_device") && p.contains("perdevice_include: [cpu, blkio]"));
        assertThat(c.classes().perDevice()).containsExactly("cpu"); // the valid part is kept
        assertThat(c.classes().total()).isEmpty();
    }
}
