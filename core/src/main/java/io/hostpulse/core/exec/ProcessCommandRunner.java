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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs programs with {@link ProcessBuilder}; output is read on daemon threads of its own (not the common pool,
 * whose few threads blocking on pipes would starve everything else and, when busy, leave a chatty program
 * blocked on a full pipe). A program that runs past its timeout, or whose caller is interrupted, is killed
 * together with its child processes.
 */
public final class ProcessCommandRunner implements CommandRunner {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService DRAIN = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostpulse-exec-output-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** Output past this is discarded: a runaway program must not exhaust the heap. */
    static final int MAX_OUTPUT = 16 * 1024 * 1024;

    @Override
    public CommandResult run(List<String> argv, Duration timeout)
            throws IOException, CommandTimeoutException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()), DRAIN);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()), DRAIN);
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        boolean finished;
        try {
            finished = p.waitFor(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            killTree(p);
            throw e;
        }
        if (!finished) {
            killTree(p);
            p.waitFor(5, TimeUnit.SECONDS);
            throw new CommandTimeoutException(argv.get(0), timeout);
        }
        try {
            return new CommandResult(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            throw new IOException("could not read the output of " + argv.get(0) + ": " + e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("could not read the output of " + argv.get(0)
                    + ": still open 5s after it exited (a background process of it holds it open)");
        }
    }

    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
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
