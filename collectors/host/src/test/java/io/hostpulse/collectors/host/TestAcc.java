package io.hostpulse.collectors.host;

import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects what a collector reports, for assertions. */
final class TestAcc implements Accumulator {
    final List<Point> points = new ArrayList<>();
    final Map<String, Throwable> errors = new LinkedHashMap<>();

    @Override
    public void add(Point point) {
        points.add(point);
    }

    @Override
    public void addEvent(Event event) {
        throw new AssertionError("the host collector emits no events");
    }

    @Override
    public void addError(String part, Throwable error) {
        errors.put(part, error);
    }

    List<Point> of(String measurement) {
        return points.stream().filter(p -> p.measurement().equals(measurement)).toList();
    }

    Point one(String measurement) {
        List<Point> l = of(measurement);
        if (l.size() != 1) {
            throw new AssertionError("expected one " + measurement + " point, got " + l);
        }
        return l.get(0);
    }

    Point tagged(String measurement, String tag, String value) {
        return of(measurement).stream().filter(p -> value.equals(p.tag(tag))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + measurement + " point with " + tag + "=" + value
                        + " in " + of(measurement)));
    }

    void clear() {
        points.clear();
        errors.clear();
    }
}
