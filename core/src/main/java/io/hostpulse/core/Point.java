package io.hostpulse.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One measurement at one instant: the unit every collector produces and every metrics exporter writes.
 * Field values are Long, Double, Boolean or String; other Number types are widened on the way in so that
 * encoders only ever see those four (a BigInteger beyond the signed 64-bit range becomes a Double). Tags with a
 * null or empty value are left out, as in the builder.
 */
public record Point(String measurement, SortedMap<String, String> tags, Map<String, Object> fields, Instant time) {

    public Point {
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(time, "time");
        if (measurement.isEmpty()) {
            throw new IllegalArgumentException("empty measurement name");
        }
        TreeMap<String, String> tagCopy = new TreeMap<>();
        tags.forEach((k, v) -> {
            // as in the builder: null or empty values are left out (InfluxDB rejects empty tag values)
            if (v != null && !v.isEmpty()) {
                tagCopy.put(Objects.requireNonNull(k, "tag key"), v);
            }
        });
        tags = Collections.unmodifiableSortedMap(tagCopy);
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "field key"), normalise(k, v)));
        fields = Collections.unmodifiableMap(copy);
    }

    public static Builder builder(String measurement) {
        return new Builder(measurement);
    }

    /** A copy with extra tags; tags already on the point win, so a collector's own tag is never overwritten. */
    public Point withDefaultTags(Map<String, String> defaults) {
        if (defaults.isEmpty()) {
            return this;
        }
        TreeMap<String, String> merged = new TreeMap<>(defaults);
        merged.putAll(tags);
        return new Point(measurement, merged, fields, time);
    }

    public String tag(String key) {
        return tags.get(key);
    }

    public Object field(String key) {
        return fields.get(key);
    }

    private static Object normalise(String key, Object v) {
        if (v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof java.math.BigInteger b) {
            // unsigned 64-bit counters (smartctl, /proc) can exceed Long.MAX_VALUE; keep them as doubles
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        throw new IllegalArgumentException("field " + key + " has unsupported type "
                + (v == null ? "null" : v.getClass().getSimpleName()));
    }

    public static final class Builder {
        private final String measurement;
        private final TreeMap<String, String> tags = new TreeMap<>();
        private final LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        private Instant time;

        private Builder(String measurement) {
            this.measurement = measurement;
        }

        /** Null or empty values are skipped: InfluxDB rejects empty tag values. */
        public Builder tag(String key, String value) {
            if (value != null && !value.isEmpty()) {
                tags.put(key, value);
            }
            return this;
        }

        public Builder tags(Map<String, String> more) {
            more.forEach(this::tag);
            return this;
        }

        /** Null values are skipped so that optional readings need no if around them. */
        public Builder field(String key, Object value) {
            if (value != null) {
                fields.put(key, value);
            }
            return this;
        }

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public boolean hasFields() {
            return !fields.isEmpty();
        }

        public Point build() {
            return new Point(measurement, tags, fields, time);
        }
    }
}
