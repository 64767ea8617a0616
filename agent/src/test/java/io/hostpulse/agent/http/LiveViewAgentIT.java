package io.hostpulse.agent.http;

import io.hostpulse.agent.AgentProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running agent (the built jar) with a token on its live view: the page and API refuse requests without it (401)
 * and serve them with it; {@code hostpulse status} reads it; {@code hostpulse top} runs under tmux in 80×24, sorts on
 * m and quits on q (capture: target/top-80x24.txt); an agent listening on 0.0.0.0 without a token does not start.
 */
class LiveViewAgentIT {
    static final String TOKEN = "it-token-4f9a";
    static Path dir;
    static AgentProcess agent;
    static int port;
    static final HttpClient http = HttpClient.newHttpClient();

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("liveview-agent-it");
        port = freePort();
        Files.writeString(dir.resolve("hostpulse.yaml"), """
                agent:
                  hostname: it-top
                  interval: 2s
                  data_dir: %s
                  http:
                    listen: 127.0.0.1:%d
                collectors:
                  docker:
                    enabled: false
                  smart:
                    enabled: false
                outputs:
                  - type: liveview
                    token: %s
                """.formatted(dir.resolve("data"), port, TOKEN));
        agent = AgentProcess.start(dir, "run", "--config", dir.resolve("hostpulse.yaml").toString());
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                HttpResponse<String> r = get("/api/v1/processes", "Authorization", "Bearer " + TOKEN);
                if (r.statusCode() == 200 && r.body().contains("\"pid\"")) {
                    break;
                }
            } catch (IOException e) {
                // not yet
            }
            assertThat(agent.isAlive()).as("agent running; stderr %s", agent.stderrText()).isTrue();
            assertThat(System.nanoTime()).as("the live view answers within 30 s").isLessThan(until);
            Thread.sleep(300);
        }
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pageAndApiNeedTheToken() throws Exception {
        for (String p : List.of("/", "/api/v1/snapshot", "/api/v1/stream", "/assets/app.js")) {
            assertThat(get(p).statusCode()).as(p).isEqualTo(401);
            assertThat(get(p, "Authorization", "Bearer wrong").statusCode()).as(p).isEqualTo(401);
        }
        assertThat(get("/", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> snap = get("/api/v1/snapshot", "Authorization", "Bearer " + TOKEN);
        assertThat(snap.statusCode()).isEqualTo(200);
        assertThat(snap.body()).contains("\"auth\":\"token\"").doesNotContain(TOKEN);
        // /metrics and /health stay as they were
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(agent.stderrText() + agent.stdoutText()).doesNotContain(TOKEN);
    }

    @Test
    void statusReadsTheRunningAgent() throws Exception {
        Path d = Files.createTempDirectory(dir, "status");
        try (AgentProcess s = AgentProcess.start(d, "status", "--url", "http://127.0.0.1:" + port, "--token", TOKEN)) {
            int code = s.waitFor(60);
            assertThat(s.stdoutText()).startsWith("HOSTPULSE ").contains("it-top");
            // nothing fires on this machine with the built-in rules unless it is really short of memory or disk
            assertThat(code).as(s.stdoutText()).isIn(0, 1, 2);
            assertThat(s.stdoutText()).startsWith(code == 0 ? "HOSTPULSE OK" : code == 1 ? "HOSTPULSE WARNING" : "HOSTPULSE CRITICAL");
        }
        Path d2 = Files.createTempDirectory(dir, "status-no-token");
        try (AgentProcess s = AgentProcess.start(d2, "status", "--url", "http://127.0.0.1:" + port, "--json")) {
            assertThat(s.waitFor(60)).isEqualTo(3);
            assertThat(s.stdoutText()).contains("\"status\":\"unknown\"").contains("token");
        }
    }

    @Test
    void aPublicEndpointWithoutTokenDoesNotStart() throws Exception {
        Path d = Files.createTempDirectory(dir, "public");
        Files.writeString(d.resolve("hostpulse.yaml"), """
                agent:
                  data_dir: %s
                  http:
                    listen: 0.0.0.0:%d
                collectors:
                  docker:
                    enabled: false
                  smart:
                    enabled: false
                outputs:
                  - type: liveview
                """.formatted(d.resolve("data"), freePort()));
        try (AgentProcess a = AgentProcess.start(d, "run", "--config", d.resolve("hostpulse.yaml").toString())) {
            assertThat(a.waitFor(60)).isEqualTo(1);
            assertThat(a.stderrText()).contains("not only on loopback").contains("token");
        }
    }

    static String tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", "hostpulse-it-" + ProcessHandle.current().pid()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(20, TimeUnit.SECONDS);
        return p.exitValue() == 0 ? out : null;
    }

    @Test
    void topUnderTmuxFits80x24SortsAndQuits() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "HOME=" + dir + " " + java + " -Xmx128m -jar " + AgentProcess.JAR.toAbsolutePath() + " top --url http://127.0.0.1:"
                + port + " --token " + TOKEN + " --interval 1s";
        assertThat(tmux("new-session", "-d", "-s", "top", "-x", "80", "-y", "24", cmd)).isNotNull();
        try {
            String screen = awaitScreen("hostpulse top - it-top");
            List<String> lines = screen.lines().toList();
            assertThat(lines.size()).isLessThanOrEqualTo(24);
            assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
            assertThat(screen).contains("PID").contains("sort: cpu");
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "top-80x24.txt"), screen);
            tmux("send-keys", "-t", "top", "m");
            awaitScreen("sort: mem");
            tmux("send-keys", "-t", "top", "q");
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (tmux("has-session", "-t", "top") != null) {
                assertThat(System.nanoTime()).as("top quits on q").isLessThan(until);
                Thread.sleep(200);
            }
        } finally {
            tmux("kill-server");
        }
    }

    @Test
    void topWithoutAnAgentCollectsByItself() throws Exception {
        Path d = Files.createTempDirectory(dir, "top-alone");
        Files.writeString(d.resolve("alone.yaml"), """
                agent:
                  hostname: it-alone
                  data_dir: %s
                collectors:
                  docker:
                    enabled: false
                  smart:
                    enabled: false
                """.formatted(d.resolve("data")));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "HOME=" + d + " " + java + " -Xmx128m -jar " + AgentProcess.JAR.toAbsolutePath() + " top --config "
                + d.resolve("alone.yaml") + " --url http://127.0.0.1:" + freePort() + " --interval 1s";
        assertThat(tmux("new-session", "-d", "-s", "top", "-x", "100", "-y", "30", cmd)).isNotNull();
        try {
            String screen = awaitScreen("hostpulse top - it-alone");
            assertThat(screen).contains("collecting itself").contains("PID");
            assertThat(screen.lines().toList()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
            tmux("send-keys", "-t", "top", "q");
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (tmux("has-session", "-t", "top") != null) {
                assertThat(System.nanoTime()).as("top quits on q").isLessThan(until);
                Thread.sleep(200);
            }
        } finally {
            tmux("kill-server");
        }
    }

    static String awaitScreen(String text) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String screen = "";
        while (System.nanoTime() < until) {
            String s = tmux("capture-pane", "-p", "-t", "top");
            if (s != null) {
                screen = s;
                if (s.contains(text)) {
                    return s;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("'" + text + "' not on the tmux screen within 30 s:\n" + screen);
    }
}
