package io.hostpulse.core;

import java.time.Duration;
import java.util.Optional;

/** A failed write, classified by what the buffer must do with the batch (Telegraf's output rules). */
public class ExportException extends Exception {

    public enum Kind {
        /** connect error, timeout, 429, 5xx: keep the batch, back off, retry. */
        RETRY,
        /** 401/403: keep the batch and retry with back-off, logged loudly: a config problem. */
        AUTH,
        /** 413: split the batch in halves and retry each. */
        TOO_LARGE,
        /** 400/422 and other 4xx: the server will never accept this batch; drop it and count it. */
        REJECTED
    }

    private final Kind kind;
    private final Duration retryAfter;

    public ExportException(Kind kind, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public ExportException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The server's Retry-After, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
