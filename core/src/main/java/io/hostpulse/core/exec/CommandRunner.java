package io.hostpulse.core.exec;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs an external program (smartctl, nvidia-smi) from an argument list, never through a shell. The port
 * that tests replace with a fake executable or a lambda.
 */
public interface CommandRunner {

    /**
     * @throws IOException          when the program cannot be started (not found, not executable)
     * @throws CommandTimeoutException when it ran past the timeout; it has been killed
     */
    CommandResult run(List<String> argv, Duration timeout) throws IOException, CommandTimeoutException, InterruptedException;
}
