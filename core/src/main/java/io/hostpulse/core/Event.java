package io.hostpulse.core;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something that happened (a container died, a disk changed health, an alert fired): goes to the events
 * pipeline (Loki), not to InfluxDB. Labels are few and low-cardinality; everything else is metadata.
 *
 * @param source docker, smart, alert or agent
 * @param level  info, warning or error
 */
public record Event(Instant time, String source, String level, String message,
                    Map<String, String> labels, Map<String, String> metadata) {

    /** Message, label and metadata values pass {@link Redactor} here: no event, wherever it goes, carries a secret. */
    public Event {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
        message = Redactor.redact(message);
        labels = Collections.unmodifiableMap(redacted(labels));
        metadata = Collections.unmodifiableMap(redacted(metadata));
    }

    private static TreeMap<String, String> redacted(Map<String, String> m) {
        TreeMap<String, String> t = new TreeMap<>();
        m.forEach((k, v) -> t.put(k, v == null ? null : Redactor.redact(v)));
        return t;
    }
}
