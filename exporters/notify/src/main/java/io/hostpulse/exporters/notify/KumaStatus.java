package io.hostpulse.exporters.notify;

/**
 * What a push monitor should show now: up with a short summary, or down with the worst firing alert.
 *
 * @param pingMs the last collection's duration, shown by Kuma as the response time; null to leave it out
 */
public record KumaStatus(boolean up, String message, Long pingMs) {
}
