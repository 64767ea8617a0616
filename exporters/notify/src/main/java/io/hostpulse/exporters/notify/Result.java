package io.hostpulse.exporters.notify;

/** The outcome of one delivery to one target, for {@code hostpulse notify-test}. */
public record Result(String target, boolean ok, String detail) {
    /** Both texts are printed by notify-test: every configured secret is removed from them here. */
    public Result {
        target = io.hostpulse.core.Redactor.redact(target);
        detail = io.hostpulse.core.Redactor.redact(detail);
    }
}
