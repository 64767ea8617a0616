package io.hostpulse.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command (never through a shell unless asked) with a time limit; its stdout and stderr together. */
final class Sh {
    private Sh() {
    }

    record Result(int rc, String out) {
        Result ok(String what) {
            if (rc != 0) {
                throw new AssertionError(what + " failed (exit " + rc + "): " + tail(out));
            }
            return this;
        }
    }

    static Result run(Duration limit, Map<String, String> env, String... cmd) {
        Path log = null;
        try {
            log = Files.createTempFile("hp-deploy-cmd-", ".log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + ": still running after " + limit + ": "
                        + tail(Files.readString(log, StandardCharsets.UTF_8)));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            if (log != null) {
                log.toFile().delete();
            }
        }
    }

    static Result run(Duration limit, String... cmd) {
        return run(limit, Map.of(), cmd);
    }

    /** Runs and requires exit 0. */
    static String ok(Duration limit, String... cmd) {
        return run(limit, cmd).ok(String.join(" ", cmd)).out();
    }

    static String sh(Duration limit, String script) {
        return ok(limit, "sh", "-c", script);
    }

    static List<String> lines(String s) {
        List<String> l = new ArrayList<>();
        for (String line : s.split("\n")) {
            if (!line.isBlank()) {
                l.add(line.trim());
            }
        }
        return l;
    }

    private static String tail(String s) {
        return s.length() <= 3000 ? s : "..." + s.substring(s.length() - 3000);
    }
}
