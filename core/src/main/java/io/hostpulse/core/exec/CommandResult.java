package io.hostpulse.core.exec;

/** Exit status and output of a finished program. */
public record CommandResult(int exitCode, String stdout, String stderr) {
}
