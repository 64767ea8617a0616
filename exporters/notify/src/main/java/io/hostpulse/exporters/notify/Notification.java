package io.hostpulse.exporters.notify;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One alert notification: a rule started firing (or changed level), is still firing (a repeat), resolved, or a
 * test from {@code hostpulse notify-test}.
 *
 * @param level     careful, warning or critical (for RESOLVED: the level it had)
 * @param labels    the series' tags (mount point, container name, disk...)
 * @param value     the value that decided, as text ("91.2", "unhealthy")
 * @param threshold the threshold it crossed, as text ("> 90")
 * @param since     when the rule started firing (for RESOLVED and repeats), else the same as time
 */
public record Notification(Kind kind, String rule, String level, String host, String subsystem,
                           Map<String, String> labels, String value, String threshold, String message,
                           Instant time, Instant since) {

    public enum Kind { FIRING, REPEAT, RESOLVED, TEST;

        public String label() {
            return name().toLowerCase();
        }
    }

    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(time, "time");
        labels = Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
        since = since == null ? time : since;
    }

    /** The status word webhooks carry: firing (also for repeats), resolved or test. */
    public String status() {
        return kind == Kind.REPEAT ? "firing" : kind.label();
    }
}
