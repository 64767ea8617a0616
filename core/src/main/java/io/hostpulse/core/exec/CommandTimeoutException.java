package io.hostpulse.core.exec;

import io.hostpulse.core.config.Durations;

import java.time.Duration;

public class CommandTimeoutException extends Exception {
    public CommandTimeoutException(String program, Duration timeout) {
        super(program + " did not finish within "
                + (timeout.isNegative() ? timeout.toString() : Durations.format(timeout)) + " and was killed");
    }
}
