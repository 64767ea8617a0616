package io.hostpulse.exporters.liveview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sparklines' memory: per series the (time, value) pairs of the last {@code window}, bounded in time and in count
 * (at most {@link #MAX_PER_SERIES} pairs, so a 1 s interval cannot grow it without limit). A series not updated for a
 * whole window (an interface that went away) is dropped. Not thread-safe: the live view guards it.
 */
final class History {
    static final int MAX_PER_SERIES = 3600;

    private final Duration window;
    private final Map<String, Deque<double[]>> series = new LinkedHashMap<>();

    History(Duration window) {
        this.window = window;
    }

    void add(String key, Instant t, double value) {
        Deque<double[]> d = series.computeIfAbsent(key, k -> new ArrayDeque<>());
        d.addLast(new double[]{t.toEpochMilli() / 1000.0, value});
        while (d.size() > MAX_PER_SERIES) {
            d.removeFirst();
        }
    }

    /** Drops what is older than the window before {@code now}, and series left empty. */
    void trim(Instant now) {
        double cutoff = (now.toEpochMilli() - window.toMillis()) / 1000.0;
        series.values().forEach(d -> {
            while (!d.isEmpty() && d.peekFirst()[0] < cutoff) {
                d.removeFirst();
            }
        });
        series.values().removeIf(Deque::isEmpty);
    }

    Map<String, Deque<double[]>> all() {
        return series;
    }

    int size(String key) {
        Deque<double[]> d = series.get(key);
        return d == null ? 0 : d.size();
    }
}
