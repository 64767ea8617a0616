package io.hostpulse.agent;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built agent against a server that echoes every request back in a 500 reply (path and query, every header,
 * the basic-auth credentials decoded), as a debugging proxy does: InfluxDB v1 with basic auth, InfluxDB v2 with a
 * token, Loki with a bearer token, an Uptime Kuma push token and a webhook whose URL path is the secret. The tokens
 * come through {@code ${VAR}} and hold the characters that broke the YAML (", {, ": ", " #"). None of them, in any
 * encoding, may appear on stderr, in /health, in the agent's own log lines shipped to Loki, or in notify-test's
 * output; and each must reach the server intact.
 */
class SecretsEchoIT {
    @TempDir
    Path dir;
    private HttpServer echo;
    private final List<String> received = new CopyOnWriteArrayList<>(); // request line, headers, body

    @AfterEach
    void tearDown() {
        if (echo != null) {
            echo.stop(0);
        }
    }

    private int startEcho() throws Exception {
        echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        echo.createContext("/", ex -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                StringBuilder b = new StringBuilder("{\"url\": \"" + ex.getRequestURI().getRawPath()
                        + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery())
                        + "\", \"headers\": {");
                ex.getRequestHeaders().forEach((k, v) -> b.append('"').append(k).append("\": \"")
                        .append(String.join(",", v)).append("\", "));
                b.append("}");
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                if (auth != null && auth.startsWith("Basic ")) {
                    b.append(", \"user\": \"").append(new String(Base64.getDecoder().decode(auth.substring(6)),
                            StandardCharsets.UTF_8)).append('"');
                }
                String reply = b.append("}").toString();
                received.add(ex.getRequestMethod() + " " + ex.getRequestURI() + "\nAuthorization: " + auth + "\n"
                        + new String(body, StandardCharsets.UTF_8));
                byte[] r = reply.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(500, r.length);
                ex.getResponseBody().write(r);
            }
        });
        echo.start();
        return echo.getAddress().getPort();
    }

    private static List<String> forms(String secret) {
        List<String> l = new ArrayList<>();
        l.add(secret);
        l.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        l.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        return l;
    }

    @Test
    void noConfiguredSecretLeavesTheAgentWhateverTheServerEchoes() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String password = "pw\"{x: #" + id;
        String token = "tok {\"a\": 1} #" + id;
        String lokiToken = "loki-" + id + "-bearer";
        String kumaToken = "kuma" + id;
        String hookPath = "hooks/T0/B0/" + id + "secret";
        int port = startEcho();
        int http;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            http = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        Path cfg = dir.resolve("hp.yaml");
        Files.writeString(cfg, """
                agent:
                  interval: 1s
                  hostname: it-secrets
                  flush_timeout: 2s
                  data_dir: %s
                  http: {listen: "127.0.0.1:%d"}
                collectors:
                  host: {parts: [system]}
                  docker: {enabled: false}
                  smart: {enabled: false}
                outputs:
                  - type: influxdb
                    name: v1
                    api: v1
                    url: %s
                    database: hp
                    username: hp-user
                    password: ${PW}
                    flush_interval: 1s
                    retry_initial: 200ms
                    retry_max: 1s
                    drain_timeout: 1s
                  - type: influxdb
                    name: v2
                    api: v2
                    url: %s
                    org: o
                    bucket: b
                    token: ${TOKEN}
                    flush_interval: 1s
                    retry_initial: 200ms
                    retry_max: 1s
                    drain_timeout: 1s
                  - type: loki
                    url: %s
                    format: json
                    bearer_token: ${LOKI_TOKEN}
                    flush_interval: 1s
                    retry_initial: 200ms
                    retry_max: 1s
                    drain_timeout: 1s
                alerts:
                  uptime_kuma:
                    - name: kuma
                      url: %s
                      token: ${KUMA_TOKEN}
                      interval: 5s
                  webhooks:
                    - name: hook
                      url: %s/%s
                """.formatted(dir.resolve("data"), http, base, base, base, base, base, hookPath));
        Map<String, String> env = Map.of("PW", password, "TOKEN", token, "LOKI_TOKEN", lokiToken, "KUMA_TOKEN",
                kumaToken);
        List<String> secrets = new ArrayList<>();
        for (String s : List.of(password, token, lokiToken, kumaToken, hookPath, "hp-user:" + password)) {
            secrets.addAll(forms(s));
        }

        Path run = Files.createDirectory(dir.resolve("run"));
        String health;
        String stderr;
        try (AgentProcess agent = AgentProcess.start(run, env, "run", "--config", cfg.toString())) {
            // every secret reached the server intact (the ${VAR} values included)
            await().atMost(Duration.ofSeconds(60)).until(() -> String.join("\n", received).contains("Authorization: Token " + token)
                    && String.join("\n", received).contains("Authorization: Basic " + Base64.getEncoder().encodeToString(
                    ("hp-user:" + password).getBytes(StandardCharsets.UTF_8)))
                    && String.join("\n", received).contains("Authorization: Bearer " + lokiToken)
                    && String.join("\n", received).contains("/api/push/" + kumaToken));
            // the agent's own warnings (quoting the echoed replies) are shipped to "Loki" (this server)
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (received.stream().noneMatch(r -> r.contains("agent_log") && r.contains("HTTP 500"))) {
                if (System.nanoTime() > deadline || !agent.isAlive()) {
                    throw new AssertionError("no agent log line about the echoed 500 reached the server; requests: "
                            + received.stream().map(r -> r.lines().findFirst().orElse("")).distinct().toList()
                            + "\nstderr:\n" + agent.stderrText());
                }
                Thread.sleep(200);
            }
            health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http
                    + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
            agent.terminate();
            agent.waitFor(60);
            stderr = agent.stderrText();
        }
        assertThat(health).contains("last_error").contains("HTTP 500");
        // the bodies only: the request's own Authorization header is recorded above them
        String shipped = String.join("\n", received.stream().filter(r -> r.contains("agent_log"))
                .map(r -> r.substring(r.indexOf('\n', r.indexOf('\n') + 1) + 1)).toList());
        Path notifyRun = Files.createDirectory(dir.resolve("notify"));
        String notify;
        try (AgentProcess n = AgentProcess.start(notifyRun, env, "--config", cfg.toString(), "notify-test",
                "--timeout", "5")) {
            assertThat(n.waitFor(60)).as("notify-test fails: the server answers 500").isNotZero();
            notify = n.stdoutText() + n.stderrText();
        }
        assertThat(notify).contains("FAILED").contains(base + "/****").contains("HTTP 500");
        int leaks = 0;
        for (String s : secrets) {
            leaks += stderr.contains(s) || health.contains(s) || shipped.contains(s) || notify.contains(s) ? 1 : 0;
            assertThat(stderr).as("stderr").doesNotContain(s);
            assertThat(health).as("/health").doesNotContain(s);
            assertThat(shipped).as("agent log lines shipped to Loki").doesNotContain(s);
            assertThat(notify).as("notify-test output").doesNotContain(s);
        }
        assertThat(leaks).isZero();
        System.out.printf("secrets: %d forms of 6 secrets checked in %d stderr lines, %d shipped log requests, "
                        + "/health and notify-test; none found%n", secrets.size(), stderr.lines().count(),
                received.stream().filter(r -> r.contains("agent_log")).count());
    }
}
