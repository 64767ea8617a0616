package io.hostpulse.agent.cli;

import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.http.LiveViews;
import io.hostpulse.agent.run.Running;
import io.hostpulse.agent.selfmetrics.SelfMetrics;
import io.hostpulse.agent.wiring.Wiring;
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
    private final Running parts;

    /** The collectors are made as for {@code hostpulse test}: no data directory, so nothing is written. */
    LocalCollection(AgentConfig config, Clock clock) {
        this.config = config;
        this.view = new LiveView(LiveViewConfig.defaults(), clock);
        view.attach(config.hostname());
        this.parts = Wiring.forTest(config, new SelfMetrics(), view);
        LiveViews.attachProcesses(view, parts.collectors());
    }

    /** Collects once from every collector (host first, as configured) and returns the snapshot. */
    String collect(Clock clock) {
        for (Running.Scheduled c : parts.collectors()) {
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
        parts.collectors().forEach(c -> c.collector().close());
        view.close();
    }
}
