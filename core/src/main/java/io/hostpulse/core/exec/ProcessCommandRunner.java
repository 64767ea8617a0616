package io.hostpulse.core.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs programs with {@link ProcessBuilder}; output is read on the common pool so a chatty program cannot block. */
public final class ProcessCommandRunner implements CommandRunner {

    /** Output past this is discarded: a runaway program must not exhaust the heap. */
    static final int MAX_OUTPUT = 16 * 1024 * 1024;

    @Override
    public CommandResult run(List<String> argv, Duration timeout)
            throws IOException, CommandTimeoutException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            throw new CommandTimeoutException(argv.get(0), timeout);
        }
        try {
            return new CommandResult(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("could not read the output of " + argv.get(0) + ": " + e.getMessage());
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] b = new byte[8192];
            int n;
            while ((n = in.read(b)) >= 0) {
                if (buf.size() < MAX_OUTPUT) {
                    buf.write(b, 0, Math.min(n, MAX_OUTPUT - buf.size()));
                }
            }
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
