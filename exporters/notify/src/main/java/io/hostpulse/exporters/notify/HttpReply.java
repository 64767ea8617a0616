package io.hostpulse.exporters.notify;

import io.hostpulse.core.ExportException;
import io.hostpulse.core.http.ReplyPolicy;

import java.time.Duration;
import java.time.Instant;

/**
 * What one HTTP attempt gave: a status, body (at most {@link ReplyPolicy#MAX_BODY_BYTES}) and the Retry-After and
 * Location headers, or an error (connection refused, timeout) with status -1. Read by the agent's one
 * {@link ReplyPolicy}.
 */
record HttpReply(int status, String body, String error, String retryAfter, String location) {

    HttpReply(int status, String body, String error) {
        this(status, body, error, null, null);
    }

    static HttpReply failed(String error) {
        return new HttpReply(-1, "", error);
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /**
     * Worth trying again: no answer, or what the policy retries (5xx, 408, 429, a redirect). Unlike the output
     * buffer, a notifier does not retry 401/403: a notification is not data kept for later, and the log says to fix
     * the credentials.
     */
    boolean retryable() {
        return status < 0 || ReplyPolicy.kind(status) == ExportException.Kind.RETRY;
    }

    /** The server's Retry-After, when it sent one this reply honours. */
    Duration retryAfterDelay(Instant now) {
        return status < 0 ? null : ReplyPolicy.retryAfter(retryAfter, now);
    }

    String describe() {
        if (status < 0) {
            return error;
        }
        ExportException e = ReplyPolicy.failure(status, body, retryAfter, location, Instant.EPOCH);
        return e == null ? ReplyPolicy.describe(status, body) : e.getMessage();
    }
}
