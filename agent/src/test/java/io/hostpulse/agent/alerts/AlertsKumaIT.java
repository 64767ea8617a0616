package io.hostpulse.agent.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.ConfigLoader;
import io.hostpulse.agent.run.Agent;
import io.hostpulse.agent.selfmetrics.SelfMetrics;
import io.hostpulse.core.Event;
import io.hostpulse.exporters.notify.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole alert path against a real Uptime Kuma: the real host collector reads a small tmpfs that the test
 * fills and empties; the engine fires and resolves; Kuma records the pushed heartbeats (read back over its
 * socket.io API) and a webhook receiver the JSON notifications; a wrong push token is refused and counted; and
 * when the agent stops, Kuma itself marks the monitor down (the dead man's switch).
 */
class AlertsKumaIT {
    private static final String HOST_TOKEN = "hostT0kenIT1";
    private static final String AGENT_TOKEN = "agentT0kenIT2";

    @TempDir
    static Path tmp;
    static KumaServer kuma;
    static Path fs;
    static HttpServer hooks;
    static final List<JsonNode> hookBodies = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        fs = Files.createDirectories(tmp.resolve("fs"));
        mount(fs);
        kuma = KumaServer.start(tmp);
        Map<String, Integer> ids = kuma.setup("host:" + HOST_TOKEN + ":20", "agent:" + AGENT_TOKEN + ":20");
        assertThat(ids).containsOnlyKeys("host", "agent");
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/hook", ex -> {
            hookBodies.add(new ObjectMapper().readTree(ex.getRequestBody().readAllBytes()));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(ok);
            }
        });
        hooks.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (hooks != null) {
            hooks.stop(0);
        }
        if (kuma != null) {
            kuma.close();
        }
        if (fs != null) {
            new ProcessBuilder("umount", fs.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A 4 MiB tmpfs: a file system whose fullness the test controls. Needs root (as the CI machine runs). */
    private static void mount(Path dir) throws Exception {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("this test mounts a 4 MiB tmpfs to fill and empty, which needs root "
                    + "(CAP_SYS_ADMIN): " + out.strip());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                new ProcessBuilder("umount", dir.toString()).start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // best effort
            }
        }));
    }

    private AgentConfig config(SelfMetrics metrics) throws Exception {
        String yaml = """
                agent:
                  hostname: it-host
                  data_dir: "@DATA_DIR@"
                  interval: 1s
                  http:
                    enabled: false
                collectors:
                  host:
                    interval: 1s
                    parts: [disk]
                    ignore_fs: []
                    mount_points: ["%1$s"]
                  smart:
                    enabled: false
                  sensors:
                    enabled: false
                  nvidia_smi:
                    enabled: false
                alerts:
                  defaults:
                    disk_used: false
                    disk_inodes: false
                  rules:
                    - name: it_fs_full
                      measurement: disk
                      field: used_percent
                      tags:
                        path: "%1$s"
                      warning: 50
                      critical: 95
                      message: "file system {path} is {value}%% full ({threshold})"
                  uptime_kuma:
                    - name: host
                      url: %2$s
                      token: %3$s
                      subsystems: [host]
                      interval: 5s
                    - name: agent
                      url: %2$s/api/push/%4$s?status=up&msg=OK&ping=
                      subsystems: [agent]
                      interval: 5s
                    - name: bogus
                      url: %2$s
                      token: nosuchtoken
                      interval: 5s
                  webhooks:
                    - name: rec
                      url: http://127.0.0.1:%5$d/hook
                """.formatted(fs, kuma.url(), HOST_TOKEN, AGENT_TOKEN, hooks.getAddress().getPort())
                .replace("@DATA_DIR@", tmp.resolve("data").toString()); // alert state stays in the test dir
        return new ConfigLoader(Plugins.builtIn(), System.getenv(), Clock.systemUTC())
                .parse("it.yaml", yaml);
    }

    private static List<KumaServer.Beat> beats(String monitor) throws Exception {
        return kuma.beats().get(monitor);
    }

    @Test
    void firingAndResolvedReachUptimeKumaAndTheWebhookAndStoppingTheAgentTripsTheDeadMansSwitch() throws Exception {
        SelfMetrics metrics = new SelfMetrics();
        AgentConfig cfg = config(metrics);
        assertThat(cfg.alerts().rules()).extracting(Rule::name).contains("it_fs_full");

        // notify-test first: every target answers for itself
        try (Alerts probe = new Alerts(cfg.alerts().rules(), cfg.alerts().config(), "it-host",
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), Clock.systemUTC(), e -> { }, c -> null)) {
            List<Result> results = probe.test(Duration.ofSeconds(10));
            assertThat(results).hasSize(4);
            assertThat(results.get(0).ok()).as(results.get(0).toString()).isTrue();
            assertThat(results.get(1).ok()).as(results.get(1).toString()).isTrue();
            assertThat(results.get(2).ok()).isFalse();
            assertThat(results.get(2).detail()).contains("Monitor not found or not active");
            assertThat(results.get(2).target()).doesNotContain("nosuchtoken");
            assertThat(results.get(3).ok()).as(results.get(3).toString()).isTrue();
        }
        assertThat(beats("host")).extracting(KumaServer.Beat::msg).contains("hostpulse notify-test from it-host: this target works");
        hookBodies.clear();

        List<Event> events = new CopyOnWriteArrayList<>();
        Agent agent = new Agent(cfg, io.hostpulse.agent.wiring.Wiring.forRun(cfg, metrics, Clock.systemUTC(), events::add), metrics, Clock.systemUTC());
        agent.start();
        Instant stopped;
        try {
            // 1. nothing fires on an empty file system: the monitors are pushed up with a summary
            //    (host: mem_available, swap_used, load_per_core, it_fs_full; agent: output_failing, collector_failing)
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    beats("host").stream().anyMatch(b -> b.up() && b.msg().equals("OK: 4 rules, nothing firing")));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    beats("agent").stream().anyMatch(b -> b.up() && b.msg().equals("OK: 2 rules, nothing firing")));

            // 2. fill it to 75 %: the rule fires, Kuma's host monitor goes down with the alert's message
            Files.write(fs.resolve("fill"), new byte[3 << 20]);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    beats("host").stream().anyMatch(b -> !b.up()));
            KumaServer.Beat down = beats("host").stream().filter(b -> !b.up()).findFirst().orElseThrow();
            assertThat(down.msg()).matches("WARNING file system " + java.util.regex.Pattern.quote(fs.toString())
                    + " is 7[5-9](\\.\\d)?% full \\(> 50\\)");
            assertThat(down.ping()).isNotNull().isGreaterThanOrEqualTo(0);
            // the agent monitor stands for other subsystems and stays up
            assertThat(beats("agent")).allMatch(KumaServer.Beat::up);

            // 3. empty it: resolved, the monitor comes back up
            Files.delete(fs.resolve("fill"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                List<KumaServer.Beat> b = beats("host");
                KumaServer.Beat last = b.get(b.size() - 1);
                return last.up() && last.msg().startsWith("OK: ") && last.time().isAfter(down.time());
            });

            // the webhook got firing then resolved, with the alert's details
            await().atMost(Duration.ofSeconds(10)).until(() -> hookBodies.size() >= 2);
            JsonNode firing = hookBodies.get(0);
            assertThat(firing.get("status").asText()).isEqualTo("firing");
            assertThat(firing.get("rule").asText()).isEqualTo("it_fs_full");
            assertThat(firing.get("level").asText()).isEqualTo("warning");
            assertThat(firing.get("host").asText()).isEqualTo("it-host");
            assertThat(firing.get("labels").get("path").asText()).isEqualTo(fs.toString());
            assertThat(firing.get("threshold").asText()).isEqualTo("> 50");
            assertThat(Double.parseDouble(firing.get("value").asText())).isBetween(75.0, 80.0);
            assertThat(hookBodies.get(1).get("status").asText()).isEqualTo("resolved");

            // events for the Loki output
            assertThat(events).filteredOn(e -> e.source().equals("alert")).extracting(e -> e.labels().get("status"))
                    .containsExactly("firing", "resolved");

            // the wrong token: refused by Kuma, counted, nothing else disturbed
            assertThat(metrics.registry().get("hostpulse.notify.rejected").tag("target", "kuma:bogus").counter().count())
                    .isGreaterThanOrEqualTo(1);
            assertThat(metrics.registry().get("hostpulse.notify.sent").tag("target", "kuma:bogus").counter().count()).isZero();
        } finally {
            agent.close();
            stopped = Instant.now();
        }

        // 4. the agent is gone: no more pushes, and Kuma notices on its own after its 20 s heartbeat interval
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(() ->
                beats("host").stream().anyMatch(b -> !b.up() && b.time().isAfter(stopped)
                        && b.msg().equals("No heartbeat in the time window")));
        metrics.close();
    }
}
