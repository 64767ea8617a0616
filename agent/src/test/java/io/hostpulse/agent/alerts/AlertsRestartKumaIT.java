package io.hostpulse.agent.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hostpulse.agent.AgentProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13: restarting the agent while an alert fires is invisible to the receivers. The built agent (the jar, as a
 * user runs it) fills a tmpfs past the rule, is stopped with SIGTERM and started again on the same data directory,
 * against a real Uptime Kuma and a webhook receiver. Before the alert state was kept, Kuma got "OK" for the whole
 * {@code for} window after the restart and the webhook a second {@code firing} with a new {@code since}.
 */
class AlertsRestartKumaIT {
    private static final String TOKEN = "restartT0kenIT3";

    @TempDir
    Path tmp;

    @Test
    void aRestartMidAlertSendsKumaNoOkAndTheWebhookNoSecondFiring() throws Exception {
        Path fs = Files.createDirectories(tmp.resolve("fs"));
        mount(fs);
        List<JsonNode> hooks = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            hooks.add(new ObjectMapper().readTree(ex.getRequestBody().readAllBytes()));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(ok);
            }
        });
        receiver.start();
        try (KumaServer kuma = KumaServer.start(tmp)) {
            kuma.setup("host:" + TOKEN + ":20");
            Path data = Files.createDirectories(tmp.resolve("data"));
            Path cfg = tmp.resolve("hostpulse.yaml");
            Files.writeString(cfg, """
                    agent:
                      hostname: it-restart
                      interval: 1s
                      data_dir: %1$s
                      http: {enabled: false}
                    collectors:
                      host: {interval: 1s, parts: [disk], ignore_fs: [], mount_points: ["%2$s"]}
                      smart: {enabled: false}
                      docker: {enabled: false}
                    alerts:
                      defaults: {disk_used: false, disk_inodes: false}
                      rules:
                        - name: it_fs_full
                          measurement: disk
                          field: used_percent
                          tags: {path: "%2$s"}
                          warning: 50
                          for: 5s
                          message: "file system {path} is {value}%% full ({threshold})"
                      uptime_kuma:
                        - {name: host, url: "%3$s", token: %4$s, subsystems: [host], interval: 5s}
                      webhooks:
                        - {name: rec, url: "http://127.0.0.1:%5$d/hook"}
                    """.formatted(data, fs, kuma.url(), TOKEN, receiver.getAddress().getPort()));

            Files.write(fs.resolve("fill"), new byte[3 << 20]); // 75 %: fires after 5 s
            Instant restarted;
            try (AgentProcess first = AgentProcess.start(Files.createDirectories(tmp.resolve("run1")), "run", "--config", cfg.toString())) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> hooks.size() >= 1 && kuma.beats().get("host").stream().anyMatch(b -> !b.up()));
                assertThat(Files.readString(data.resolve("alerts-state.json"))).contains("\"firing\" : \"WARNING\"");
                first.terminate();
                assertThat(first.waitFor(30)).as(first.stderrText()).isZero();
            }
            JsonNode firing = hooks.get(0);
            assertThat(firing.get("status").asText()).isEqualTo("firing");

            restarted = Instant.now();
            try (AgentProcess second = AgentProcess.start(Files.createDirectories(tmp.resolve("run2")), "run", "--config", cfg.toString())) {
                // longer than the rule's for (5 s) and two push intervals: time enough for the old false "OK"
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        kuma.beats().get("host").stream().filter(b -> b.time().isAfter(restarted) && b.msg().startsWith("WARNING"))
                                .count() >= 2);
                // and past the for window after the restart, during which the old agent said OK
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        kuma.beats().get("host").stream().anyMatch(b -> b.time().isAfter(restarted.plusSeconds(8))));
                assertThat(kuma.beats().get("host")).filteredOn(b -> b.time().isAfter(restarted)).noneMatch(KumaServer.Beat::up);
                assertThat(hooks).hasSize(1);
                assertThat(second.stderrText()).contains("took back 1 series");

                // emptied: one resolved, carrying the first firing's since
                Files.delete(fs.resolve("fill"));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> hooks.size() >= 2);
                JsonNode resolved = hooks.get(1);
                assertThat(resolved.get("status").asText()).isEqualTo("resolved");
                assertThat(resolved.get("since").asText()).isEqualTo(firing.get("since").asText());
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    List<KumaServer.Beat> b = kuma.beats().get("host");
                    return b.get(b.size() - 1).up();
                });
                second.terminate();
                assertThat(second.waitFor(30)).isZero();
            }
            assertThat(hooks).hasSize(2);
        } finally {
            receiver.stop(0);
            new ProcessBuilder("umount", fs.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void mount(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("this test mounts a 4 MiB tmpfs to fill and empty, which needs root: " + out.strip());
        }
    }
}
