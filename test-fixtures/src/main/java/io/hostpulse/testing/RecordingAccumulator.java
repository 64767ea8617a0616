package io.hostpulse.testing;

import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The accumulator of every collector test: keeps what a collector reports (safe to fill from other threads), with
 * small finders that fail with what was there instead of a bare null.
 */
public class RecordingAccumulator implements Accumulator {
    public final List<Point> points = new CopyOnWriteArrayList<>();
    public final List<Event> events = new CopyOnWriteArrayList<>();
    /** The last error of each part, in the order the parts first failed. */
    public final Map<String, Throwable> errors = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Every error as {@code part: message}, in order. */
    public final List<String> errorLines = new CopyOnWriteArrayList<>();

    @Override
    public void add(Point point) {
        points.add(point);
    }

    @Override
    public void addEvent(Event event) {
        events.add(event);
    }

    @Override
    public void addError(String part, Throwable error) {
        errors.put(part, error);
        errorLines.add(part + ": " + error.getMessage());
    }

    /** Every point of a measurement. */
    public List<Point> of(String measurement) {
        return points.stream().filter(p -> p.measurement().equals(measurement)).toList();
    }

    /** The one point of a measurement; fails when there are none or several. */
    public Point one(String measurement) {
        List<Point> l = of(measurement);
        if (l.size() != 1) {
            throw new AssertionError("expected one " + measurement + " point, got " + l);
        }
        return l.get(0);
    }

    /** The first point of a measurement with that tag value. */
    public Point tagged(String measurement, String tag, String value) {
        return of(measurement).stream().filter(p -> value.equals(p.tag(tag))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + measurement + " point with " + tag + "=" + value
                        + " in " + of(measurement)));
    }

    /** The points of a measurement that carry all these tags. */
    public List<Point> find(String measurement, Map<String, String> tags) {
        return of(measurement).stream()
                .filter(p -> tags.entrySet().stream().allMatch(e -> e.getValue().equals(p.tag(e.getKey()))))
                .toList();
    }

    /** The point with these tags, if any; fails when several match. */
    public Optional<Point> one(String measurement, Map<String, String> tags) {
        List<Point> l = find(measurement, tags);
        if (l.size() > 1) {
            throw new AssertionError(l.size() + " points match " + measurement + " " + tags + ": " + l);
        }
        return l.stream().findFirst();
    }

    /** The point with these tags; fails when none or several match. */
    public Point get(String measurement, Map<String, String> tags) {
        return one(measurement, tags).orElseThrow(() -> new AssertionError("no " + measurement + " " + tags
                + " among " + points.stream().map(p -> p.measurement() + p.tags()).toList()));
    }

    public void clear() {
        points.clear();
        events.clear();
        errors.clear();
        errorLines.clear();
    }
}
