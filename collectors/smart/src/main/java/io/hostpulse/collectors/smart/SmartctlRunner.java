package io.hostpulse.collectors.smart;

import io.hostpulse.core.exec.CommandResult;
import io.hostpulse.core.exec.CommandRunner;
import io.hostpulse.core.exec.CommandTimeoutException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The I/O side: builds smartctl's argument lists (never a shell) and runs them with a timeout. */
final class SmartctlRunner {
    private final CommandRunner runner;
    private final String smartctl;
    private final Duration timeout;

    SmartctlRunner(CommandRunner runner, String smartctl, Duration timeout) {
        this.runner = runner;
        this.smartctl = smartctl;
        this.timeout = timeout;
    }

    String smartctl() {
        return smartctl;
    }

    CommandResult scan() throws IOException, CommandTimeoutException, InterruptedException {
        return runner.run(List.of(smartctl, "--scan-open", "--json"), timeout);
    }

    CommandResult device(String device, String type, boolean extended, String nocheck)
            throws IOException, CommandTimeoutException, InterruptedException {
        return runner.run(argv(device, type, extended, nocheck), timeout);
    }

    List<String> argv(String device, String type, boolean extended, String nocheck) {
        List<String> argv = new ArrayList<>(List.of(smartctl, "--json", extended ? "--xall" : "--all",
                "--nocheck=" + nocheck));
        if (type != null) {
            argv.add("--device=" + type);
        }
        argv.add(device);
        return argv;
    }
}
