package io.hostpulse.core.exec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real programs (/bin/echo, /bin/sh scripts) through the real runner. */
class ProcessCommandRunnerTest {

    private static final Duration LONG = Duration.ofSeconds(30);
    private final ProcessCommandRunner runner = new ProcessCommandRunner();
    private final List<Long> started = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void killLeftovers() {
        for (long pid : started) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private CommandResult sh(String script) throws Exception {
        return runner.run(List.of("/bin/sh", "-c", script), LONG);
    }

    /** The pids a script wrote, one per line, once it has written {@code n} of them. */
    private List<Long> pids(Path file, int n) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() >= n) {
                    List<Long> out = lines.stream().map(String::trim).map(Long::valueOf).toList();
                    started.addAll(out);
                    return out;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("script did not write " + n + " pids to " + file);
    }

    private static void assertEnds(long pid) throws Exception {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent()) {
            h.get().onExit().get(10, TimeUnit.SECONDS);
            assertThat(h.get().isAlive()).as("pid %d still alive", pid).isFalse();
        }
    }

    @Test
    void echoOutputAndExitCode() throws Exception {
        CommandResult r = runner.run(List.of("/bin/echo", "hello", "world"), LONG);
        assertThat(r).isEqualTo(new CommandResult(0, "hello world\n", ""));
    }

    @Test
    void argumentsAreNotInterpretedByAShell() throws Exception {
        CommandResult r = runner.run(List.of("/bin/echo", "$HOME;", "`id`", "a  b", "*"), LONG);
        assertThat(r.stdout()).isEqualTo("$HOME; `id` a  b *\n");
    }

    @Test
    void exitCodeAndStderrAreKeptApart() throws Exception {
        CommandResult r = sh("echo out; echo err >&2; echo more >&2; exit 3");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\nmore\n");
    }

    @Test
    void killedBySignalReportsTheShellConvention() throws Exception {
        assertThat(sh("kill -9 $$").exitCode()).isEqualTo(128 + 9);
    }

    @Test
    void outputIsUtf8() throws Exception {
        assertThat(sh("printf 'h\\303\\251 \\346\\227\\245'").stdout()).isEqualTo("hé 日");
    }

    @Test
    void stdinIsEmptySoAProgramReadingItDoesNotHang() throws Exception {
        CommandResult r = runner.run(List.of("/bin/cat"), LONG);
        assertThat(r).isEqualTo(new CommandResult(0, "", ""));
    }

    @Test
    void largeOutputIsCappedAndTheProgramStillFinishes() throws Exception {
        // 20 MB on stdout and 1 MB on stderr at the same time: neither pipe may block the other
        CommandResult r = sh("yes 0123456789abcdef | head -c 20000000; yes e | head -c 1000000 >&2; exit 0");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).hasSize(ProcessCommandRunner.MAX_OUTPUT);
        assertThat(r.stdout()).startsWith("0123456789abcdef\n0123456789abcdef\n");
        assertThat(r.stderr()).hasSize(1_000_000);
    }

    @Test
    void outputJustBelowTheCapIsComplete() throws Exception {
        CommandResult r = sh("head -c 3000000 /dev/zero | tr '\\0' x");
        assertThat(r.stdout()).hasSize(3_000_000).matches("x+");
    }

    @Test
    void hangingProgramIsKilledAtTheTimeoutWithItsChildren() throws Exception {
        Path pidFile = tmp.resolve("pids");
        String script = "echo $$ > " + pidFile + "; sleep 600 & echo $! >> " + pidFile
                + "; (sleep 600 & echo $! >> " + pidFile + "; wait) & wait";
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                runner.run(List.of("/bin/sh", "-c", script), Duration.ofSeconds(2));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        List<Long> pids = pids(pidFile, 3);
        t.join(30_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CommandTimeoutException.class)
                .hasMessage("/bin/sh did not finish within 2s and was killed");
        for (long pid : pids) {
            assertEnds(pid);
        }
    }

    @Test
    void subSecondTimeoutIsNamedInMilliseconds() {
        assertThatThrownBy(() -> runner.run(List.of("/bin/sleep", "600"), Duration.ofMillis(300)))
                .isInstanceOf(CommandTimeoutException.class)
                .hasMessage("/bin/sleep did not finish within 300ms and was killed");
    }

    @Test
    void interruptedCallerKillsTheProgram() throws Exception {
        Path pidFile = tmp.resolve("pids");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                runner.run(List.of("/bin/sh", "-c", "echo $$ > " + pidFile + "; sleep 600 & echo $! >> " + pidFile + "; wait"), LONG);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        List<Long> pids = pids(pidFile, 2);
        t.interrupt();
        t.join(30_000);
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        for (long pid : pids) {
            assertEnds(pid);
        }
    }

    @Test
    void missingProgramIsAnIOException() {
        assertThatThrownBy(() -> runner.run(List.of("/nonexistent/hostpulse-no-such-program"), LONG))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> runner.run(List.of("hostpulse-no-such-program-on-path"), LONG))
                .isInstanceOf(IOException.class);
    }

    @Test
    void nonExecutableFileIsAnIOException() throws Exception {
        Path f = Files.writeString(tmp.resolve("script.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> runner.run(List.of(f.toString()), LONG)).isInstanceOf(IOException.class);
    }

    /**
     * A background child that keeps stdout open after the program exited. The JDK decides the outcome: when the
     * program exits while no read is blocked, the JDK takes what is in the pipe and closes it (the output comes
     * back); when a read is blocked, the runner gives up after 5 seconds with a clear IOException. Either way the
     * call returns and nothing hangs.
     */
    @Test
    void backgroundProcessHoldingTheOutputOpenDoesNotHang() throws Exception {
        Path pidFile = tmp.resolve("pids");
        Throwable thrown = null;
        CommandResult result = null;
        try {
            result = sh("(while :; do sleep 1; done) & echo $! > " + pidFile + "; echo hi");
        } catch (Throwable e) {
            thrown = e;
        }
        pids(pidFile, 1);
        if (thrown == null) {
            assertThat(result).isEqualTo(new CommandResult(0, "hi\n", ""));
        } else {
            assertThat(thrown).isInstanceOf(IOException.class)
                    .hasMessage("could not read the output of /bin/sh: still open 5s after it exited "
                            + "(a background process of it holds it open)");
        }
    }
}
