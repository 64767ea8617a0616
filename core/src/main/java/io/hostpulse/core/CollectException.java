package io.hostpulse.core;

/** A collector could gather nothing this cycle. The message is meant for the log, one line, no secrets. */
public class CollectException extends Exception {
    public CollectException(String message) {
        super(message);
    }

    public CollectException(String message, Throwable cause) {
        super(message, cause);
    }
}
