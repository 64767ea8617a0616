package io.hostpulse.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Test support: a private Docker engine started from Debian's dockerd (package docker.io) on its own unix
 * socket, with data-root and exec-root in a temp dir, no default bridge, no iptables, the cgroupfs driver, and
 * a local busybox image made with {@code docker import} from Debian's busybox-static (no registry needed).
 * Stopped by {@link #close()} and by a JVM shutdown hook, so no daemon outlives the tests.
 */
public final class DockerDaemon implements AutoCloseable {
    public static final String IMAGE = "hostpulse-busybox:it";
    private static final String[] APPLETS = {"sh", "sleep", "cat", "echo", "ls", "dd", "yes", "nc", "httpd", "wget",
            "ip", "head", "true", "mkdir", "env"};

    private final Path dir;
    private final Path socket;
    private final Thread hook;
    private Process dockerd;

    private DockerDaemon(Path dir) {
        this.dir = dir;
        this.socket = dir.resolve("docker.sock");
        this.hook = new Thread(this::stopQuietly, "docker-daemon-stop");
    }

    /** Starts a private engine and imports the busybox image; fails with the Debian package name when missing. */
    public static DockerDaemon start() throws Exception {
        for (String[] need : new String[][]{{"dockerd", "docker.io"}, {"docker", "docker.io (the docker CLI)"},
                {"containerd", "containerd (a dependency of docker.io)"}}) {
            if (which(need[0]) == null) {
                throw new AssertionError(need[0] + " is not installed: apt-get install " + need[1]);
            }
        }
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            throw new AssertionError("/bin/busybox is missing: apt-get install busybox-static");
        }
        DockerDaemon d = new DockerDaemon(Files.createTempDirectory(Path.of("/tmp"), "hp-dockerd-"));
        Runtime.getRuntime().addShutdownHook(d.hook);
        try {
            d.startEngine();
            d.importImage(busybox);
        } catch (Exception | AssertionError e) {
            d.close();
            throw e;
        }
        return d;
    }

    public String host() {
        return "unix://" + socket;
    }

    public Path dir() {
        return dir;
    }

    public void startEngine() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("exec"));
        Files.writeString(dir.resolve("daemon.json"), """
                { "data-root": "%1$s/data", "exec-root": "%1$s/exec", "pidfile": "%1$s/dockerd.pid",
                  "hosts": ["unix://%1$s/docker.sock"], "bridge": "none", "iptables": false, "ip6tables": false,
                  "ip-forward": false, "ip-masq": false, "exec-opts": ["native.cgroupdriver=cgroupfs"],
                  "features": {"buildkit": false}, "log-level": "warn" }
                """.formatted(dir));
        dockerd = new ProcessBuilder(which("dockerd").toString(), "--config-file", dir.resolve("daemon.json").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dockerd.log").toFile()))
                .start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ping()) {
            if (!dockerd.isAlive() || System.nanoTime() > until) {
                String log = Files.exists(dir.resolve("dockerd.log")) ? tail(Files.readString(dir.resolve("dockerd.log"))) : "";
                throw new AssertionError("dockerd did not start (" + (dockerd.isAlive() ? "timeout" : "exited") + "): " + log);
            }
            Thread.sleep(100);
        }
    }

    /** Stops the engine (its containers stop with it) but keeps its data, so {@link #startEngine} resumes it. */
    public void stopEngine() {
        Process p = dockerd;
        if (p == null) {
            return;
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle c : children) {
            c.destroyForcibly();
        }
        killStrays();
        dockerd = null;
    }

    public boolean ping() {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: d\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(512);
            ch.read(buf);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200")
                    || new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).startsWith("HTTP/1.0 200");
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs the docker CLI against this engine; throws with its output when it fails. */
    public String docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", host()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("docker " + String.join(" ", args) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException("docker " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out.trim());
        }
        return out.trim();
    }

    /** GET on the engine's socket with curl-free plain HTTP/1.0; returns the body. */
    public String get(String path) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.0\r\nHost: d\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            byte[] all = java.nio.channels.Channels.newInputStream(ch).readAllBytes();
            String s = new String(all, StandardCharsets.UTF_8);
            int body = s.indexOf("\r\n\r\n");
            return body < 0 ? s : s.substring(body + 4);
        }
    }

    private void importImage(Path busybox) throws Exception {
        Path root = dir.resolve("rootfs");
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("tmp"));
        Files.createDirectories(root.resolve("www"));
        Files.copy(busybox, root.resolve("bin/busybox"));
        for (String a : APPLETS) {
            Files.createSymbolicLink(root.resolve("bin").resolve(a), Path.of("busybox"));
        }
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Path tar = dir.resolve("rootfs.tar");
        Process p = new ProcessBuilder("tar", "-C", root.toString(), "-cf", tar.toString(), ".").inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("tar failed");
        }
        docker("import", "-c", "CMD [\"/bin/sh\"]", "-c", "ENV PATH=/bin", tar.toString(), IMAGE);
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook is running this
        }
    }

    private synchronized void stopQuietly() {
        removeNetworks();
        stopEngine();
        unmountAndDelete();
    }

    /**
     * Removes the containers and user networks while the engine still runs: a killed engine leaves its bridges and
     * their routes behind, and the next engine's network on the same subnet would lose its traffic to them.
     */
    private void removeNetworks() {
        if (dockerd == null || !ping()) {
            return;
        }
        try {
            String ids = docker("ps", "-aq");
            if (!ids.isBlank()) {
                List<String> rm = new ArrayList<>(List.of("rm", "-f"));
                rm.addAll(List.of(ids.split("\\s+")));
                docker(rm.toArray(String[]::new));
            }
            docker("network", "prune", "-f");
        } catch (IOException | InterruptedException | RuntimeException e) {
            // best effort: the engine is stopped next anyway
        }
    }

    /** Processes started for this engine (containerd shims re-parent to init) found by our private dir in their command line. */
    private void killStrays() {
        String mark = dir.toString();
        ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(mark)).orElse(false))
                .filter(h -> h.pid() != ProcessHandle.current().pid())
                .forEach(ProcessHandle::destroyForcibly);
    }

    private void unmountAndDelete() {
        try {
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .map(l -> l.split(" ")[1]).filter(m -> m.startsWith(dir.toString()))
                    .sorted(Comparator.reverseOrder()).toList();
            for (String m : mounts) {
                new ProcessBuilder("umount", "-l", m).start().waitFor(5, TimeUnit.SECONDS);
            }
            if (Files.exists(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException | InterruptedException | RuntimeException ignored) {
            // best effort: the temp dir is under /tmp
        }
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 5), lines.length));
    }

    private static Path which(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(d, exe);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        for (String d : new String[]{"/usr/sbin", "/sbin", "/usr/local/sbin"}) {
            Path p = Path.of(d, exe);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
