package io.hostpulse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real server started from its installed binary for a test: a temp dir, 127.0.0.1, a free port, stopped at the
 * end and by a JVM shutdown hook; stop() and start() again on the same port and data for outage tests.
 */
public abstract class ServerProcess implements AutoCloseable {
    protected final Path dir;
    protected final int port;
    private final String binary;
    private final String debianPackage;
    private Process process;
    private final Thread hook = new Thread(this::kill);

    protected ServerProcess(String binary, String debianPackage, String prefix) {
        this.binary = binary;
        this.debianPackage = debianPackage;
        this.port = freePort();
        try {
            this.dir = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path findBinary(String name, String debianPackage) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        for (String d : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin")) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError(name + " is not installed: this test needs the Debian package '" + debianPackage
                + "' (apt-get install " + debianPackage + ")");
    }

    protected abstract List<String> command(Path binary) throws IOException;

    protected abstract String readyPath();

    /**
     * The integer field {@code seq} of every stored point of a measurement, in timestamp order, with the timestamps
     * in ms. InfluxDB keeps one point per series and timestamp; VictoriaMetrics keeps duplicates, so there a point
     * written twice shows up twice.
     */
    /** Each stored point's {@code seq} field and time in ms, for loss and duplicate checks. */
    public abstract List<long[]> seqs(String db, String measurement);

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(command(findBinary(binary, debianPackage)));
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(binary + " exited at start; log: " + log());
            }
            if (httpStatus(readyPath()) / 100 == 2) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError(binary + " not ready in 30 s; log: " + log());
    }

    /** SIGTERM and wait: the server shuts down cleanly, as in a restart. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    public String log() {
        try {
            String s = Files.readString(dir.resolve("server.log"));
            return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public int httpStatus(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + path).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            int s = c.getResponseCode();
            c.disconnect();
            return s;
        } catch (IOException e) {
            return -1;
        }
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
