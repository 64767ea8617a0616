package io.hostpulse.exporters.notify;

import java.time.Duration;

/** Exponential back-off: first, 2×first, 4×first... capped at max. Pure, so it is tested on its own. */
record Backoff(Duration first, Duration max) {

    /** @param attempt 0 for the delay before the first retry */
    Duration delay(int attempt) {
        long ms = first.toMillis();
        for (int i = 0; i < attempt && ms < max.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
}
