package io.hostpulse.agent.run;

import io.hostpulse.agent.selfmetrics.SelfMetrics;
import io.hostpulse.core.Event;
import io.hostpulse.core.EventSink;
import io.hostpulse.exporters.pipeline.Output;

import java.util.List;

/**
 * The events lane: every event of every collector (whether handed over after a collection or pushed as it
 * happened), of the alerts and of the agent itself is counted, written to the local log and queued on every
 * events output. Points never come here; they go to the {@code Output<Point>} outputs. Thread-safe: the outputs only
 * queue.
 */
public final class EventLane implements EventSink {
    private final SelfMetrics metrics;
    private final EventSink log;
    private final List<Output<Event>> outputs;

    public EventLane(SelfMetrics metrics, EventSink log, List<Output<Event>> outputs) {
        this.metrics = metrics;
        this.log = log;
        this.outputs = List.copyOf(outputs);
    }

    @Override
    public void accept(Event e) {
        metrics.event(e.source());
        log.accept(e);
        List<Event> one = List.of(e);
        for (Output<Event> o : outputs) {
            o.accept(one);
        }
    }

}
