package io.hostpulse.agent.run;

import io.hostpulse.agent.config.CollectorSpec;
import io.hostpulse.core.Collector;
import io.hostpulse.core.EventSink;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import io.hostpulse.exporters.pipeline.Output;

import java.util.ArrayList;
import java.util.List;

/**
 * The running objects the agent works with, made from an {@code AgentConfig} by {@code agent.wiring.Wiring}:
 * each collector with its schedule, the outputs on the points lane and on the events lane, and the events lane
 * itself (which the collectors were given to push events into), and the live view when there is one (on the
 * points lane, and given every event beside the events outputs; null when off).
 */
public record Running(List<Scheduled> collectors, List<Named<Point>> pointOutputs, List<Named<Event>> eventOutputs,
                      EventSink events, io.hostpulse.exporters.liveview.LiveView liveView) {

    /** A collector and the spec it was made from (name, interval, cron, jitter, timeout). */
    public record Scheduled(CollectorSpec spec, Collector collector) {
    }

    /** An output and the {@code type:} of its section (shown in /health). */
    public record Named<T>(String type, Output<T> output) {
    }

    /** What the collectors' points go to: the points-lane outputs, and the default live view when it is not one. */
    public List<Output<Point>> pointSinks() {
        List<Output<Point>> all = new ArrayList<>();
        pointOutputs.forEach(o -> all.add(o.output()));
        if (liveView != null && !all.contains(liveView)) {
            all.add(liveView);
        }
        return all;
    }

    /** Every output (points lane first, the default live view included), for flushing and closing. */
    public List<Output<?>> allOutputs() {
        List<Output<?>> all = new ArrayList<>(pointSinks());
        eventOutputs.forEach(o -> all.add(o.output()));
        return all;
    }
}
