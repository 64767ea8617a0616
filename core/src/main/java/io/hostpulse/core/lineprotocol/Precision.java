package io.hostpulse.core.lineprotocol;

import java.time.Instant;

/** Timestamp precision of a write, with the names the InfluxDB APIs use. */
public enum Precision {
    NANOSECONDS("ns"), MICROSECONDS("us"), MILLISECONDS("ms"), SECONDS("s");

    private final String apiName;

    Precision(String apiName) {
        this.apiName = apiName;
    }

    /** The value of the {@code precision} query parameter of /write and /api/v2/write. */
    public String apiName() {
        return apiName;
    }

    public static Precision fromApiName(String name) {
        for (Precision p : values()) {
            if (p.apiName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision " + name + " (use ns, us, ms or s)");
    }

    /**
     * The instant counted in this unit, floored (a time before 1970 rounds to the earlier unit).
     *
     * @throws ArithmeticException when the count does not fit a long (nanoseconds cover 1677 to 2262)
     */
    public long toEpoch(Instant t) {
        return switch (this) {
            case SECONDS -> t.getEpochSecond();
            case MILLISECONDS -> epoch(t, 1_000L, 1_000_000L);
            case MICROSECONDS -> epoch(t, 1_000_000L, 1_000L);
            case NANOSECONDS -> epoch(t, 1_000_000_000L, 1L);
        };
    }

    /**
     * Floors to the unit. For negative seconds the whole seconds are counted one nearer to zero first (as
     * {@link Instant#toEpochMilli} does), so that the earliest representable instants do not overflow.
     */
    private static long epoch(Instant t, long perSecond, long nanosPerUnit) {
        long seconds = t.getEpochSecond();
        long sub = t.getNano() / nanosPerUnit;
        if (seconds < 0 && sub > 0) {
            return Math.addExact(Math.multiplyExact(seconds + 1, perSecond), sub - perSecond);
        }
        return Math.addExact(Math.multiplyExact(seconds, perSecond), sub);
    }

    public Instant fromEpoch(long v) {
        return switch (this) {
            case SECONDS -> Instant.ofEpochSecond(v);
            case MILLISECONDS -> Instant.ofEpochMilli(v);
            case MICROSECONDS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1_000L);
            case NANOSECONDS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
        };
    }
}
