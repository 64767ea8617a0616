package io.hostpulse.agent.cli;

import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.CollectorSpec;
import io.hostpulse.collectors.host.HostCollector;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import io.hostpulse.exporters.liveview.LiveView;
import io.hostpulse.exporters.liveview.LiveViewConfig;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hostpulse top} without a running agent: the config's collectors, collected in this process into a live view
 * of its own (no outputs, no HTTP), so the screen reads the same snapshot document either way.
 */
final class LocalCollection implements AutoCloseable {
    private final AgentConfig config;
    private final LiveView view;

    LocalCollection(AgentConfig config, Clock clock) {
        this.config = config;
        this.view = new LiveView(LiveViewConfig.defaults(), clock);
        view.attach(config.hostname());
        for (CollectorSpec c : config.collectors()) {
            if (c.collector() instanceof HostCollector h && h.processes() != null) {
                view.processSource(h.processes()::latest);
            }
        }
    }

    /** Collects once from every collector (host first, as configured) and returns the snapshot. */
    String collect(Clock clock) {
        for (CollectorSpec c : config.collectors()) {
            List<Point> points = new ArrayList<>();
            try {
                c.collector().collect(clock.instant(), new Accumulator() {
                    @Override
                    public void add(Point point) {
                        points.add(point.withDefaultTags(java.util.Map.of("host", config.hostname())));
                    }

                    @Override
                    public void addEvent(Event event) {
                        view.accept(event);
                    }

                    @Override
                    public void addError(String part, Throwable error) {
                        // top shows what it has; the agent's log is where errors go
                    }
                });
            } catch (Exception e) {
                continue;
            }
            view.accept(points);
        }
        return view.snapshotJson();
    }

    @Override
    public void close() {
        config.collectors().forEach(c -> c.collector().close());
        view.close();
    }
}
