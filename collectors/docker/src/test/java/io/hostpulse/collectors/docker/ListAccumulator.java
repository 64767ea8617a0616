package io.hostpulse.collectors.docker;

import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects what a collector writes, with small finders for assertions. */
final class ListAccumulator implements Accumulator {
    final List<Point> points = new CopyOnWriteArrayList<>();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();

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
        errors.add(part + ": " + error.getMessage());
    }

    List<Point> find(String measurement, Map<String, String> tags) {
        return points.stream().filter(p -> p.measurement().equals(measurement))
                .filter(p -> tags.entrySet().stream().allMatch(e -> e.getValue().equals(p.tag(e.getKey()))))
                .toList();
    }

    Optional<Point> one(String measurement, Map<String, String> tags) {
        List<Point> l = find(measurement, tags);
        if (l.size() > 1) {
            throw new AssertionError(l.size() + " points match " + measurement + " " + tags + ": " + l);
        }
        return l.stream().findFirst();
    }

    Point get(String measurement, Map<String, String> tags) {
        return one(measurement, tags).orElseThrow(() -> new AssertionError("no " + measurement + " " + tags
                + " among " + points.stream().map(p -> p.measurement() + p.tags()).toList()));
    }
}
