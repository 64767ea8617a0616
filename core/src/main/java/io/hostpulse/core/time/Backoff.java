package io.hostpulse.core.time;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The one retry back-off of the agent (the output buffer and the notifiers): after the n-th failure in a row wait a
 * random time in [d/2, d] for d = first × 2^(n-1), capped at {@code max}, so many agents that lost the same server do
 * not come back in step; a server's Retry-After wins when it is longer, itself capped at {@link #MAX_RETRY_AFTER}
 * so a wrong header cannot park the data for hours.
 */
public final class Backoff {
    public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    private final Duration first;
    private final Duration max;
    private final RandomGenerator random;

    public Backoff(Duration first, Duration max) {
        this(first, max, null);
    }

    /** @param random the jitter's source; null for {@link ThreadLocalRandom} */
    public Backoff(Duration first, Duration max, RandomGenerator random) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < first <= max, got " + first + " and " + max);
        }
        this.first = first;
        this.max = max;
        this.random = random;
    }

    public Duration first() {
        return first;
    }

    public Duration max() {
        return max;
    }

    /** The longest wait after the n-th failure in a row (n ≥ 1): first × 2^(n-1), capped. */
    public Duration ceiling(int failures) {
        long d = first.toNanos();
        long cap = max.toNanos();
        for (int i = 1; i < failures && d < cap; i++) {
            d = d > cap / 2 ? cap : d * 2;
        }
        return Duration.ofNanos(Math.min(d, cap));
    }

    /**
     * The wait after the n-th failure in a row (n ≥ 1).
     *
     * @param retryAfter what the server asked for, or null
     */
    public Duration delay(int failures, Duration retryAfter) {
        long d = ceiling(failures).toNanos();
        RandomGenerator r = random == null ? ThreadLocalRandom.current() : random;
        long jittered = d / 2 + r.nextLong(d / 2 + 1);
        if (retryAfter != null && !retryAfter.isNegative()) {
            jittered = Math.max(jittered, Math.min(retryAfter.toNanos(), MAX_RETRY_AFTER.toNanos()));
        }
        return Duration.ofNanos(jittered);
    }
}
