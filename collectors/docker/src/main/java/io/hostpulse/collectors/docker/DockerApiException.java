package io.hostpulse.collectors.docker;

/**
 * A request to the Docker engine failed. {@link #status} is the HTTP status, or 0 when no HTTP answer came
 * (no socket, refused, timed out, not JSON). The message is one line meant for the log.
 */
final class DockerApiException extends Exception {
    private final int status;

    DockerApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    DockerApiException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    int status() {
        return status;
    }

    /** The container or network is gone (removed between list and read). */
    boolean notFound() {
        return status == 404;
    }
}
