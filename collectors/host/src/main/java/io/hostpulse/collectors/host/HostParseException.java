package io.hostpulse.collectors.host;

/** A host file had content we could not use. The message names the file and says what was wrong. */
public class HostParseException extends RuntimeException {
    public HostParseException(String message) {
        super(message);
    }
}
