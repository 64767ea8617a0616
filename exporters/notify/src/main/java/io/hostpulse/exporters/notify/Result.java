package io.hostpulse.exporters.notify;

/** The outcome of one delivery to one target, for {@code hostpulse notify-test}. */
public record Result(String target, boolean ok, String detail) {
}
