package io.hostpulse.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The built agent jar run as a separate process, as a user runs it: for end-to-end tests. */
public final class AgentProcess implements AutoCloseable {
    public static final Path JAR = Path.of("target", "hostpulse.jar");
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private AgentProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static AgentProcess start(Path workDir, String... args) throws IOException {
        return start(workDir, java.util.Map.of(), args);
    }

    /** With extra environment variables (for {@code ${VAR}} in the config). */
    public static AgentProcess start(Path workDir, java.util.Map<String, String> env, String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the tests with mvn verify (it builds the jar first)");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx128m", "-jar", JAR.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("HOME", workDir.toString());
        pb.environment().putAll(env);
        return new AgentProcess(pb.start(), out, err);
    }

    /** Runs to completion (at most {@code seconds}) and returns the exit code. */
    public int waitFor(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("agent did not exit within " + seconds + "s; stderr:\n" + stderrText());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM, as systemd and docker stop do. */
    public void terminate() {
        process.destroy();
    }

    public void kill() {
        process.destroyForcibly();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdoutText() {
        return read(stdout);
    }

    public String stderrText() {
        return read(stderr);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
