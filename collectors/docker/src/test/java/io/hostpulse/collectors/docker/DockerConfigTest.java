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
        assertThat(c.labelInclude()).isEmpty();
        assertThat(c.events()).isTrue();
        assertThat(c.tlsCertPath()).isNull();
        assertThat(c.procPath()).isEqualTo(tmp.resolve("proc"));
    }

    @Test
    void dockerHostAndTlsFromTheEnvironment() throws Exception {
        Path certs = Files.createDirectories(tmp.resolve("certs"));
        for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
            Files.writeString(certs.resolve(f), "x");
        }
        ConfigNode n = ConfigNode.of(Map.of());
        DockerConfig c = DockerConfig.from(n, paths(),
                Map.of("DOCKER_HOST", "tcp://nas:2376", "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString()));
        assertThat(n.problems().isEmpty()).isTrue();
        assertThat(c.endpoint()).isEqualTo("tcp://nas:2376");
        assertThat(c.tlsCertPath()).isEqualTo(certs);
    }

    @Test
    void pluginRecordsTlsFilesThatDoNotLoad() throws Exception {
        Path certs = Files.createDirectories(tmp.resolve("bad"));
        for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
            Files.writeString(certs.resolve(f), "not a certificate");
        }
        ConfigNode n = ConfigNode.of(Map.of("endpoint", "tcp://127.0.0.1:1", "tls_cert_path", certs.toString()));
        CollectorContext ctx = new CollectorContext(paths(), Clock.systemUTC(), "h", null, Map.of());
        try (var c = new DockerCollectorPlugin().create(n, ctx)) {
            assertThat(c.name()).isEqualTo("docker");
        }
        assertThat(n.problems().all()).singleElement().asString().contains("tls_cert_path").contains("TLS");
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
        ConfigNode n = ConfigNode.of(Map.of("endpoint", "unix:///run/user/1000/podman/podman.sock", "api_version", "1.41",
                "container_name_include", List.of("web*"), "container_name_exclude", "web-test",
                "label_include", List.of("team"), "stats_parallelism", 2, "container_timeout", "2s",
                "blkio_per_device", false, "events", false, "events_queue_size", 10));
        DockerConfig c = DockerConfig.from(n, paths(), Map.of("DOCKER_HOST", "tcp://ignored:1"));
        n.finish();
        assertThat(n.problems().isEmpty()).as(String.join("\n", n.problems().all())).isTrue();
        assertThat(c.endpoint()).isEqualTo("unix:///run/user/1000/podman/podman.sock");
        assertThat(c.apiVersion()).isEqualTo("1.41");
        assertThat(c.nameExclude()).containsExactly("web-test");
        assertThat(c.parallelism()).isEqualTo(2);
        assertThat(c.blkioPerDevice()).isFalse();
        assertThat(c.events()).isFalse();
        assertThat(Glob.filter(c.nameInclude(), c.nameExclude()).test("web-1")).isTrue();
        assertThat(Glob.filter(c.nameInclude(), c.nameExclude()).test("web-test")).isFalse();
        assertThat(Glob.filter(c.nameInclude(), c.nameExclude()).test("db")).isFalse();
    }
}
