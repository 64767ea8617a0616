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

    public long toEpoch(Instant t) {
        return switch (this) {
            case SECONDS -> t.getEpochSecond();
            case MILLISECONDS -> Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000L), t.getNano() / 1_000_000L);
            case MICROSECONDS -> Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000L);
            case NANOSECONDS -> Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        };
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
