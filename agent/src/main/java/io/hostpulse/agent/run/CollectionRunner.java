package io.hostpulse.agent.run;

import io.hostpulse.agent.selfmetrics.SelfMetrics;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.CollectException;
import io.hostpulse.core.Collector;
import io.hostpulse.core.Event;
import io.hostpulse.core.EventSink;
import io.hostpulse.core.Point;
import io.hostpulse.exporters.pipeline.Output;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs one collection of one collector: gathers, adds the host and global tags, hands points to every output and
 * events to the event sink, and records duration, success and errors. Never throws: a failing collector must not
 * cancel its schedule or hold up the others.
 */
public final class CollectionRunner {
    private final Collector collector;
    private final List<Output<Point>> outputs;
    private final EventSink events;
    private final SelfMetrics metrics;
    private final ProblemLog problems;
    private final Map<String, String> defaultTags;
    private final Clock clock;
    private final List<Consumer<List<Point>>> listeners = new ArrayList<>();

    public CollectionRunner(Collector collector, List<Output<Point>> outputs, EventSink events, SelfMetrics metrics,
                            ProblemLog problems, Map<String, String> defaultTags, Clock clock) {
        this.collector = collector;
        this.outputs = outputs;
        this.events = events;
        this.metrics = metrics;
        this.problems = problems;
        this.defaultTags = defaultTags;
        this.clock = clock;
    }

    public String name() {
        return collector.name();
    }

    /** Gets every batch of points after tagging (the alert engine will subscribe here). */
    public void addListener(Consumer<List<Point>> l) {
        listeners.add(l);
    }

    /** Collects once and returns the tagged points that were handed on. */
    public List<Point> runOnce() {
        Instant now = clock.instant();
        long start = System.nanoTime();
        Acc acc = new Acc();
        boolean ok;
        try {
            collector.collect(now, acc);
            ok = acc.failedParts.isEmpty();
            if (ok) {
                problems.ok(collector.name());
            } else {
                problems.okExcept(collector.name(), acc.failedParts);
            }
        } catch (CollectException e) {
            ok = false;
            metrics.collectError(collector.name());
            problems.problem(collector.name(), "", e);
        } catch (RuntimeException e) {
            // a bug, not an expected failure: keep the stack trace for the report
            ok = false;
            metrics.collectError(collector.name());
            if (problems.problem(collector.name(), "", e)) {
                org.slf4j.LoggerFactory.getLogger(CollectionRunner.class).warn("{}: unexpected failure", collector.name(), e);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        metrics.collected(collector.name(), took, ok, acc.points.size());
        if (!acc.points.isEmpty()) {
            for (Output<Point> o : outputs) {
                o.accept(acc.points);
            }
            for (Consumer<List<Point>> l : listeners) {
                l.accept(acc.points);
            }
        }
        for (Event e : acc.events) {
            events.accept(e);
        }
        return acc.points;
    }

    private final class Acc implements Accumulator {
        final List<Point> points = new ArrayList<>();
        final List<Event> events = new ArrayList<>();
        final Set<String> failedParts = new HashSet<>();

        @Override
        public void add(Point point) {
            points.add(point.withDefaultTags(defaultTags));
        }

        @Override
        public void addEvent(Event event) {
            events.add(event);
        }

        @Override
        public void addError(String part, Throwable error) {
            failedParts.add(part);
            metrics.collectError(collector.name());
            problems.problem(collector.name(), part, error);
        }
    }
}
