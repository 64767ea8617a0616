package io.hostpulse.agent.config;

import io.hostpulse.agent.Plugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The container's config (deploy/docker/hostpulse.yaml) and the host's name when the host is mounted elsewhere. */
class DeployConfigTest {
    private static AgentConfig load(Path file, Map<String, String> env) throws Exception {
        return new ConfigLoader(Plugins.builtIn(), env, Clock.systemUTC())
                .parse(file.toString(), Files.readString(file));
    }

    /** Reading a config creates nothing, so there is nothing to close. */
    private static void close(AgentConfig c) {
    }

    @Test
    void theHostNameComesFromTheMountedHostRootNotTheContainer(@TempDir Path hostfs) throws Exception {
        Files.createDirectories(hostfs.resolve("etc"));
        Files.writeString(hostfs.resolve("etc/hostname"), "the-real-host\n");
        Path cfg = hostfs.resolve("c.yaml");
        Files.writeString(cfg, "agent:\n  host_root: " + hostfs + "\n  data_dir: " + hostfs.resolve("data") + "\n");
        AgentConfig c = load(cfg, Map.of());
        try {
            assertThat(c.hostname()).isEqualTo("the-real-host");
        } finally {
            close(c);
        }
    }

    @Test
    void theContainerConfigIsValidWithItsDefaultsAndTakesEverythingFromTheEnvironment(@TempDir Path hostfs) throws Exception {
        Files.createDirectories(hostfs.resolve("etc"));
        Files.writeString(hostfs.resolve("etc/hostname"), "docker-host-1\n");
        Path file = Path.of("..", "deploy", "docker", "hostpulse.yaml");
        Map<String, String> env = new HashMap<>(Map.of("HOST_PROC", "/proc", "HOST_SYS", "/sys",
                "HOST_MOUNT_PREFIX", hostfs.toString()));
        // the defaults alone (what `docker run` without -e gives) are valid
        String text = Files.readString(file).replace("data_dir: /var/lib/hostpulse", "data_dir: " + hostfs.resolve("d"));
        Path copy = hostfs.resolve("hostpulse.yaml");
        Files.writeString(copy, text);
        AgentConfig defaults = load(copy, env);
        try {
            assertThat(defaults.hostname()).isEqualTo("docker-host-1");
            assertThat(defaults.http().host() + ":" + defaults.http().port()).isEqualTo("0.0.0.0:9366");
            assertThat(ConfigPrinter.print(defaults)).contains("http://influxdb:8086");
        } finally {
            close(defaults);
        }
        env.putAll(Map.of("INFLUX_URL", "http://10.1.2.3:8086", "INFLUX_API", "v1", "INFLUX_TOKEN", "s3cret-token",
                "HOSTPULSE_HOSTNAME", "named", "HOSTPULSE_SMART", "true", "HOSTPULSE_INTERVAL", "30s",
                "HOSTPULSE_HTTP_LISTEN", "127.0.0.1:19366"));
        AgentConfig set = load(copy, env);
        try {
            String printed = ConfigPrinter.print(set);
            assertThat(set.hostname()).isEqualTo("named");
            assertThat(set.interval().toSeconds()).isEqualTo(30);
            assertThat(set.http().host() + ":" + set.http().port()).isEqualTo("127.0.0.1:19366");
            assertThat(set.collectors()).extracting(CollectorSpec::name).contains("host", "docker", "smart");
            assertThat(printed).contains("http://10.1.2.3:8086").doesNotContain("s3cret-token");
        } finally {
            close(set);
        }
    }
}
