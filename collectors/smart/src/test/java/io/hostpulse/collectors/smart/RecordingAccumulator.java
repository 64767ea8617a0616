package io.hostpulse.collectors.smart;

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
    final List<Event> events = new ArrayList<>();
    final Map<String, Throwable> errors = new LinkedHashMap<>();

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
    }

    List<Point> measurement(String name) {
        return points.stream().filter(p -> p.measurement().equals(name)).toList();
    }

    Point device(String device) {
        return points.stream().filter(p -> p.measurement().equals(SmartMapper.DEVICE) && device.equals(p.tag("device")))
                .findFirst().orElseThrow(() -> new AssertionError("no smart_device point for " + device + " in " + points));
    }
}
