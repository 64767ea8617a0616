package io.hostpulse.exporters.liveview;

import io.hostpulse.core.Event;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alerts firing now, from the agent's alert events (source {@code alert}): a firing event adds or updates one
 * (rule + series labels), a resolved one removes it. The live view knows nothing of the rules themselves: it sees what
 * Loki sees. Not thread-safe: the live view guards it.
 */
final class AlertBoard {
    /** Metadata of an alert event that is not part of the series' identity. */
    private static final List<String> NOT_SERIES = List.of("value", "threshold", "since", "culprits", "measurement", "field");

    record Alert(String rule, String level, String subsystem, String message, String since, String value,
                 String threshold, String measurement, String field, Map<String, String> labels, String culprits) {
    }

    private final Map<String, Alert> firing = new LinkedHashMap<>();

    /** @return true when the event was an alert event */
    boolean accept(Event e) {
        if (!"alert".equals(e.source()) || e.labels().get("rule") == null) {
            return false;
        }
        Map<String, String> series = new TreeMap<>(e.metadata());
        NOT_SERIES.forEach(series::remove);
        String key = e.labels().get("rule") + "\u0000" + series;
        if ("resolved".equals(e.labels().get("status"))) {
            firing.remove(key);
        } else {
            String msg = e.message().startsWith(e.labels().get("level") + ": ")
                    ? e.message().substring(e.labels().get("level").length() + 2) : e.message();
            firing.put(key, new Alert(e.labels().get("rule"), e.labels().get("level"), e.labels().get("subsystem"), msg,
                    e.metadata().getOrDefault("since", e.time().toString()), e.metadata().get("value"),
                    e.metadata().get("threshold"), e.metadata().get("measurement"), e.metadata().get("field"), series,
                    e.metadata().get("culprits")));
        }
        return true;
    }

    /** Critical first, then warning, then the longest firing. */
    List<Alert> firing() {
        List<Alert> out = new ArrayList<>(firing.values());
        out.sort(Comparator.comparing((Alert a) -> "critical".equals(a.level()) ? 0 : 1).thenComparing(Alert::since));
        return out;
    }
}
