package io.hostpulse.collectors.sensors;

import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test accumulator that keeps everything it is given. */
final class RecordingAccumulator implements Accumulator {
    final List<Point> points = new ArrayList<>();
    final Map<String, Throwable> errors = new LinkedHashMap<>();

    @Override
    public void add(Point point) {
        points.add(point);
    }

    @Override
    public void addEvent(Event event) {
        throw new AssertionError("the sensors collectors write no events: " + event);
    }

    @Override
    public void addError(String part, Throwable error) {
        errors.put(part, error);
    }

    List<Point> measurement(String name) {
        return points.stream().filter(p -> p.measurement().equals(name)).toList();
    }

    Point sensor(String chip, String feature) {
        return points.stream().filter(p -> p.measurement().equals("sensors") && chip.equals(p.tag("chip"))
                        && feature.equals(p.tag("feature")))
                .findFirst().orElseThrow(() -> new AssertionError("no sensors point chip=" + chip + " feature=" + feature
                        + " in " + measurement("sensors").stream().map(p -> p.tag("chip") + "/" + p.tag("feature")).toList()));
    }
}
