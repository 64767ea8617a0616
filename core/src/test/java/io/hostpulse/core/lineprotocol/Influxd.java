package io.hostpulse.core.lineprotocol;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real InfluxDB 1.x server (Debian package influxdb) started from the installed binary on 127.0.0.1 with
 * free ports and a temporary directory; stopped by {@link #close} and by a JVM shutdown hook.
 */
final class Influxd implements AutoCloseable {

    private final Path dir;
    private final Process process;
    private final Thread hook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;

    private Influxd(Path dir, Process process, Thread hook, int port) {
        this.dir = dir;
        this.process = process;
        this.hook = hook;
        this.base = "http://127.0.0.1:" + port;
    }

    static Influxd start() throws Exception {
        Path bin = findOnPath("influxd");
        if (bin == null) {
            throw new AssertionError("influxd not found on PATH: install the Debian package 'influxdb'");
        }
        Path dir = Files.createTempDirectory("hostpulse-core-influxd");
        int httpPort = freePort();
        int rpcPort = freePort();
        Path conf = dir.resolve("influxdb.conf");
        Files.writeString(conf, String.join("\n",
                "reporting-enabled = false",
                "bind-address = \"127.0.0.1:" + rpcPort + "\"",
                "[meta]", "  dir = \"" + dir.resolve("meta") + "\"",
                "[data]", "  dir = \"" + dir.resolve("data") + "\"", "  wal-dir = \"" + dir.resolve("wal") + "\"",
                "  query-log-enabled = false",
                "[monitor]", "  store-enabled = false",
                "[http]", "  bind-address = \"127.0.0.1:" + httpPort + "\"", "  log-enabled = false",
                "[logging]", "  level = \"warn\"", "  suppress-logo = true", ""));
        Path log = dir.resolve("influxd.log");
        Process p = new ProcessBuilder(bin.toString(), "run", "-config", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Thread hook = new Thread(() -> {
            p.destroyForcibly();
            deleteTree(dir);
        }, "influxd-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Influxd server = new Influxd(dir, p, hook, httpPort);
        server.awaitPing(log);
        return server;
    }

    private void awaitPing(Path log) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (!process.isAlive()) {
                throw new AssertionError("influxd exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/ping")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("influxd did not answer /ping within 60s: " + Files.readString(log));
    }

    /** Runs InfluxQL (several statements may be separated by ';'), answers in JSON with nanosecond times. */
    HttpResponse<String> query(String db, String q) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/query"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("epoch=ns&db=" + enc(db) + "&q=" + enc(q))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An InfluxQL double-quoted identifier. */
    static String identifier(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    HttpResponse<String> write(String db, Precision precision, String body) throws Exception {
        String url = base + "/write?db=" + enc(db) + "&precision=" + precision.apiName();
        return http.send(HttpRequest.newBuilder(URI.create(url))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(dir);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Path findOnPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/usr/sbin";
        for (String d : path.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = s.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a temp dir left behind is not worth failing a test for
        }
    }
}
