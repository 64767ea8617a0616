package io.hostpulse.agent.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.ConfigLoader;
import io.hostpulse.agent.run.Agent;
import io.hostpulse.agent.selfmetrics.SelfMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Container alerts end to end: the real Docker collector reads a private dockerd where one container crashes
 * (exit 3), one is killed by the user (137) and one loops on restart; the built-in rules fire for the crash and
 * the loop but not for the kill, Uptime Kuma's docker monitor goes down and comes back up once they are removed.
 */
class AlertsDockerKumaIT {
    private static final String TOKEN = "dockerT0kenIT3";

    @TempDir
    static Path tmp;
    static KumaServer kuma;
    static io.hostpulse.testing.DockerDaemon docker;
    static HttpServer hooks;
    static final List<JsonNode> hookBodies = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        docker = io.hostpulse.testing.DockerDaemon.start();
        kuma = KumaServer.start(tmp);
        kuma.setup("docker:" + TOKEN + ":20");
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/hook", ex -> {
            hookBodies.add(new ObjectMapper().readTree(ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hooks.start();
    }

    @AfterAll
    static void stop() {
        if (hooks != null) {
            hooks.stop(0);
        }
        if (kuma != null) {
            kuma.close();
        }
        if (docker != null) {
            docker.close();
        }
    }

    private static List<KumaServer.Beat> beats() throws Exception {
        return kuma.beats().get("docker");
    }

    private static boolean notified(String status, String rule, String container) {
        return hookBodies.stream().anyMatch(b -> b.get("status").asText().equals(status) && b.get("rule").asText().equals(rule)
                && container.equals(b.get("labels").path("container_name").asText()));
    }

    @Test
    void aCrashAndARestartLoopFireButAUsersKillDoesNot() throws Exception {
        SelfMetrics metrics = new SelfMetrics();
        String yaml = """
                agent:
                  hostname: it-docker
                  data_dir: "@DATA_DIR@"
                  interval: 2s
                  http:
                    enabled: false
                collectors:
                  host:
                    enabled: false
                  smart:
                    enabled: false
                  docker:
                    endpoint: %s
                    interval: 1s
                    events: false
                alerts:
                  uptime_kuma:
                    - name: docker
                      url: %s
                      token: %s
                      subsystems: [docker]
                      interval: 5s
                  webhooks:
                    - name: rec
                      url: http://127.0.0.1:%d/hook
                """.formatted(docker.host(), kuma.url(), TOKEN, hooks.getAddress().getPort())
                .replace("@DATA_DIR@", tmp.resolve("data").toString()); // alert state stays in the test dir
        AgentConfig cfg = new ConfigLoader(Plugins.builtIn(), System.getenv(), Clock.systemUTC())
                .parse("it.yaml", yaml);
        assertThat(cfg.alerts().rules()).extracting(Rule::name).contains("container_exited", "container_restart_loop",
                "container_oom_killed", "container_unhealthy");
        String img = io.hostpulse.testing.DockerDaemon.IMAGE;
        docker.docker("run", "-d", "--name", "victim", "--network", "none", img, "sleep", "1000");
        Agent agent = new Agent(cfg, io.hostpulse.agent.wiring.Wiring.forRun(cfg, metrics, Clock.systemUTC(), e -> { }), metrics, Clock.systemUTC());
        agent.start();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    beats().stream().anyMatch(b -> b.up() && b.msg().equals("OK: 5 rules, nothing firing")));

            docker.docker("kill", "victim");                                   // the user's kill: 137
            docker.docker("run", "-d", "--name", "crasher", "--network", "none", img, "sh", "-c", "sleep 1; exit 3");
            docker.docker("run", "-d", "--name", "looper", "--network", "none", "--restart", "always", img, "sh", "-c", "sleep 0.2; exit 1");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    notified("firing", "container_exited", "crasher") && notified("firing", "container_restart_loop", "looper"));
            JsonNode crash = hookBodies.stream().filter(b -> b.get("rule").asText().equals("container_exited")
                    && b.get("labels").path("container_name").asText().equals("crasher")).findFirst().orElseThrow();
            assertThat(crash.get("message").asText()).isEqualTo("container crasher exited with code 3");
            assertThat(crash.get("level").asText()).isEqualTo("warning");
            assertThat(crash.get("subsystem").asText()).isEqualTo("docker");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    beats().stream().anyMatch(b -> !b.up() && b.msg().startsWith("WARNING container ")));
            // the victim stays exited with 137 for the whole test: never an alert
            assertThat(hookBodies).noneMatch(b -> b.get("labels").path("container_name").asText().equals("victim"));

            docker.docker("rm", "-f", "crasher", "looper", "victim");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    notified("resolved", "container_exited", "crasher") && notified("resolved", "container_restart_loop", "looper"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                List<KumaServer.Beat> b = beats();
                return b.get(b.size() - 1).up() && b.get(b.size() - 1).msg().equals("OK: 5 rules, nothing firing");
            });
        } finally {
            agent.close();
            metrics.close();
        }
    }
}
