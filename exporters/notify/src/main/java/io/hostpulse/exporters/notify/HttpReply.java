package io.hostpulse.exporters.notify;

/**
 * What one HTTP attempt gave: a status and body, or an error (connection refused, timeout) with status -1.
 */
record HttpReply(int status, String body, String error) {

    static HttpReply failed(String error) {
        return new HttpReply(-1, "", error);
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Worth trying again: no answer, a server error or "too many requests". 4xx otherwise means our request is wrong. */
    boolean retryable() {
        return status < 0 || status >= 500 || status == 429 || status == 408;
    }

    String describe() {
        if (status < 0) {
            return error;
        }
        // redacted before it is cut: a secret cut in half would no longer be recognised
        String b = body == null ? "" : io.hostpulse.core.Redactor.redact(body.strip());
        if (b.length() > 200) {
            b = b.substring(0, 200) + "...";
        }
        return "HTTP " + status + (b.isEmpty() ? "" : ": " + b);
    }
}
