package io.hostpulse.agent.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Uptime Kuma (2.0.0-dev.0 from npm, installed by scripts/install-kuma.sh) started for one test class on
 * 127.0.0.1, a free port and a temp data dir; stopped at close and by a JVM shutdown hook. Fails, never skips,
 * when Kuma or node is missing.
 */
final class KumaServer implements AutoCloseable {
    static final String USER = "admin";
    static final String PASS = "Passw0rd123";

    record Beat(int status, String msg, Instant time, Integer ping) {
        boolean up() {
            return status == 1;
        }
    }

    private final Process process;
    private final Thread hook;
    private final Path script;
    private final Path nodeModules;
    private final Path log;
    final int port;

    static Path installDir() {
        String cache = System.getenv("HOSTPULSE_TEST_CACHE");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "hostpulse-test");
        return base.resolve("kuma");
    }

    private KumaServer(Process process, Thread hook, Path script, Path nodeModules, Path log, int port) {
        this.process = process;
        this.hook = hook;
        this.script = script;
        this.nodeModules = nodeModules;
        this.log = log;
        this.port = port;
    }

    static KumaServer start(Path tmp) throws Exception {
        Path dir = installDir();
        Path app = dir.resolve("node_modules/uptime-kuma");
        if (!Files.isRegularFile(app.resolve("server/server.js")) || !Files.isDirectory(dir.resolve("node_modules/socket.io-client"))) {
            throw new AssertionError("Uptime Kuma is not installed in " + dir + ": run scripts/install-kuma.sh "
                    + "(or scripts/install-test-deps.sh; needs node and npm, Debian packages nodejs and npm)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = Files.createDirectories(tmp.resolve("kuma-data"));
        Path log = tmp.resolve("kuma.log");
        ProcessBuilder pb = new ProcessBuilder("node", "server/server.js").directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DATA_DIR", data + "/");
        pb.environment().put("UPTIME_KUMA_HOST", "127.0.0.1");
        pb.environment().put("UPTIME_KUMA_PORT", Integer.toString(port));
        pb.environment().put("UPTIME_KUMA_DB_TYPE", "sqlite");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start node (Debian package nodejs): " + e.getMessage());
        }
        Thread hook = new Thread(p::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(hook);
        Path script = tmp.resolve("kuma-it.js");
        try (InputStream in = KumaServer.class.getResourceAsStream("/kuma/kuma-it.js")) {
            Files.copy(in, script);
        }
        KumaServer k = new KumaServer(p, hook, script, dir.resolve("node_modules"), log, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!k.answers()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                String tail = k.logTail();
                k.close();
                throw new AssertionError("Uptime Kuma did not start on port " + port + ":\n" + tail);
            }
            Thread.sleep(250);
        }
        return k;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/api/entry-page").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sets Kuma up and adds push monitors; each spec is name:token:intervalSeconds. Returns name to monitor id. */
    Map<String, Integer> setup(String... specs) throws Exception {
        List<String> args = new ArrayList<>(List.of("setup", url(), USER, PASS));
        args.addAll(Arrays.asList(specs));
        JsonNode j = new ObjectMapper().readTree(node(args));
        Map<String, Integer> ids = new LinkedHashMap<>();
        j.fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asInt()));
        return ids;
    }

    /** Every heartbeat Kuma recorded (its last 100 per monitor), by monitor name, oldest first. */
    Map<String, List<Beat>> beats() throws Exception {
        JsonNode j = new ObjectMapper().readTree(node(List.of("beats", url(), USER, PASS)));
        Map<String, List<Beat>> out = new LinkedHashMap<>();
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");
        j.get("names").fields().forEachRemaining(e -> {
            List<Beat> list = new ArrayList<>();
            for (JsonNode b : j.get("beats").get(e.getKey())) {
                Instant t = LocalDateTime.parse(b.get("time").asText(), f).toInstant(ZoneOffset.UTC);
                list.add(new Beat(b.get("status").asInt(), b.get("msg").asText(""), t,
                        b.get("ping").isNull() ? null : b.get("ping").asInt()));
            }
            out.put(e.getValue().asText(), list);
        });
        return out;
    }

    private String node(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", script.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().put("NODE_PATH", nodeModules.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("kuma-it.js " + args.get(0) + " failed: " + err + "\n" + logTail());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
    }
}
