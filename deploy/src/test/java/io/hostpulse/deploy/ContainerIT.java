package io.hostpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostpulse.testing.DockerDaemon;
import io.hostpulse.testing.Influxd;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * deploy/docker/Dockerfile, built and run for real: a private dockerd (docker.io), a base image imported from the
 * cached debootstrap root (JRE + smartmontools, so the Dockerfile's install steps are skipped and no registry is
 * needed), the legacy builder with no network at all, then the container with the host's /proc, /sys, / and the
 * engine's socket mounted read-only, writing to a real influxd 1.6 on the host's loopback. Host and container
 * points must arrive under the host's name, not the container's, and the image's HEALTHCHECK must pass.
 */
class ContainerIT {
    static final String BASE = "hostpulse-base:it";
    static final String IMAGE = "hostpulse:it";
    static final String CONTAINER_HOSTNAME = "hp-container-test";
    private static final Duration LONG = Duration.ofMinutes(5);

    /** Docs, man pages and locales are left out of the base image: the agent needs none of them. */
    static String importBase(Path root, String dockerHost) {
        return Sh.sh(LONG, "tar -C '" + root + "' --exclude=./usr/share/doc --exclude=./usr/share/man"
                + " --exclude=./usr/share/locale --exclude=./var/cache/apt --exclude=./.hostpulse-ready -c ."
                + " | docker -H '" + dockerHost + "' import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'"
                + " - " + BASE);
    }

    static String build(String dockerHost) {
        return Sh.run(LONG, Map.of("DOCKER_BUILDKIT", "0"), "docker", "-H", dockerHost, "build", "--network", "none",
                "-f", DebianRoot.REPO.resolve("deploy/docker/Dockerfile").toString(),
                "--build-arg", "BASE_IMAGE=" + BASE, "--build-arg", "BUILD_IMAGE=" + BASE,
                "-t", IMAGE, DebianRoot.REPO.toString()).ok("docker build").out();
    }

    @Test
    void theImageCollectsTheHostAndItsContainersIntoInfluxUnderTheHostsName() throws Exception {
        Path root = DebianRoot.cached();
        String hostName = hostName();
        assertThat(hostName).isNotEqualTo(CONTAINER_HOSTNAME);
        try (DockerDaemon docker = DockerDaemon.start(); Influxd influx = Influxd.started()) {
            String dockerHost = docker.host();
            Path socket = Path.of(dockerHost.substring("unix://".length()));
            importBase(root, dockerHost);
            String built = build(dockerHost);
            // the base has what the install steps would fetch, and the jar is the one built here: no registry touched
            // (the lines the RUN steps print, not the echoed commands, which name both branches)
            assertThat(Sh.lines(built)).contains("build: using the prebuilt agent/target/hostpulse.jar",
                    "runtime: the base image has java and smartctl").noneMatch(l -> l.startsWith("runtime: installing"));

            docker.docker("run", "-d", "--name", "hp-victim", "--network", "none", DockerDaemon.IMAGE, "sleep", "600");
            influx.createDatabase("hostpulse");
            int port = freePort();
            String gid = String.valueOf(Files.getAttribute(socket, "unix:gid"));
            // as compose.yaml runs it (read-only, no capabilities, no new privileges), but on the host's network to
            // reach influxd on loopback
            docker.docker("run", "-d", "--name", "hostpulse-it", "--network", "host", "--hostname", CONTAINER_HOSTNAME,
                    "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL", "--security-opt", "no-new-privileges:true",
                    "-v", "/proc:/host/proc:ro", "-v", "/sys:/host/sys:ro", "-v", "/:/hostfs:ro",
                    "-v", socket + ":/var/run/docker.sock:ro", "--group-add", gid,
                    "-e", "INFLUX_URL=" + influx.url(), "-e", "INFLUX_API=v1", "-e", "HOSTPULSE_INTERVAL=2s",
                    "-e", "HOSTPULSE_HTTP_LISTEN=127.0.0.1:" + port,
                    "--health-interval", "2s", "--health-start-period", "60s", IMAGE);
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    assertThat(hosts(influx, "SELECT usage_idle, host FROM cpu WHERE cpu = 'cpu-total'")).contains(hostName);
                    assertThat(hosts(influx, "SELECT total, host FROM mem")).contains(hostName);
                    assertThat(hosts(influx, "SELECT usage_percent, host FROM docker_container_mem WHERE container_name = 'hp-victim'"))
                            .contains(hostName);
                    assertThat(hosts(influx, "SELECT usage_percent, host FROM docker_container_cpu WHERE container_name = 'hostpulse-it'"))
                            .contains(hostName);
                });
                // no point anywhere carries the container's own name
                Influxd.Rows tags = influx.select("hostpulse", "SHOW TAG VALUES FROM cpu WITH KEY = host");
                assertThat(tags.values()).extracting(r -> r.get(tags.column("value")).asText()).containsExactly(hostName);
                // the root file system as the host sees it (path without the /hostfs prefix)
                assertThat(influx.select("hostpulse", "SELECT used_percent FROM disk WHERE path = '/'").values()).isNotEmpty();

                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                JsonNode doc = new ObjectMapper().readTree(health.body());
                assertThat(doc.path("host").asText()).isEqualTo(hostName);
                // the image's own HEALTHCHECK (bash /dev/tcp, no curl in the image) reports healthy
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(docker.docker("inspect", "-f", "{{.State.Health.Status}}", "hostpulse-it")).isEqualTo("healthy"));
                // not root: the image's default user
                String pid = docker.docker("inspect", "-f", "{{.State.Pid}}", "hostpulse-it");
                String uid = Files.readAllLines(Path.of("/proc", pid, "status")).stream()
                        .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
                assertThat(uid).isEqualTo("10001");
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\ncontainer log:\n" + Sh.run(Duration.ofSeconds(30),
                        "docker", "-H", dockerHost, "logs", "--tail", "40", "hostpulse-it").out(), e);
            }
        }
    }

    private static List<String> hosts(Influxd influx, String query) {
        Influxd.Rows rows = influx.select("hostpulse", query + " ORDER BY time DESC LIMIT 5");
        List<String> hosts = new ArrayList<>();
        if (!rows.columns().isEmpty()) {
            rows.values().forEach(r -> hosts.add(r.get(rows.column("host")).asText()));
        }
        return hosts;
    }

    /** The name the agent must report: this machine's /etc/hostname, as the container sees it under /hostfs. */
    private static String hostName() throws Exception {
        return Files.readString(Path.of("/etc/hostname")).trim();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
