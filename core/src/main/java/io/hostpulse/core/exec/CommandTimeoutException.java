package io.hostpulse.core.exec;

import java.time.Duration;

public class CommandTimeoutException extends Exception {
    public CommandTimeoutException(String program, Duration timeout) {
        super(program + " did not finish within " + timeout.toSeconds() + "s and was killed");
    }
}
