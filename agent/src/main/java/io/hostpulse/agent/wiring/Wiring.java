package io.hostpulse.agent.wiring;

import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.CollectorSpec;
import io.hostpulse.agent.config.OutputSpec;
import io.hostpulse.agent.http.LiveViews;
import io.hostpulse.agent.run.EventLane;
import io.hostpulse.agent.run.Running;
import io.hostpulse.agent.selfmetrics.SelfMetrics;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.Event;
import io.hostpulse.core.EventSink;
import io.hostpulse.core.Point;
import io.hostpulse.exporters.liveview.LiveView;
import io.hostpulse.exporters.pipeline.Output;
import io.hostpulse.exporters.pipeline.OutputContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that turns a read config ({@link AgentConfig}, plain records) into running objects. Only
 * {@code hostpulse run} and {@code hostpulse test} come here; {@code check-config} and {@code notify-test} never
 * do, so they open no spool, take no lock and start no thread.
 */
public final class Wiring {
    private Wiring() {
    }

    /**
     * For {@code run}: every output (which opens and replays its spool and starts its writer), the events lane over
     * the events outputs, then every collector, given the events lane to push events into as they happen.
     *
     * @param log where each event is also written locally
     */
    public static Running forRun(AgentConfig cfg, SelfMetrics metrics, Clock clock, EventSink log) {
        OutputContext octx = new OutputContext(cfg.dataDir(), metrics.registry(), clock, cfg.hostname());
        List<Running.Named<Point>> points = new ArrayList<>();
        List<Running.Named<Event>> events = new ArrayList<>();
        List<Running.Scheduled> collectors = new ArrayList<>();
        try {
            for (OutputSpec<Point> o : cfg.pointOutputs()) {
                points.add(new Running.Named<>(o.type(), o.output().create(octx)));
            }
            for (OutputSpec<Event> o : cfg.eventOutputs()) {
                events.add(new Running.Named<>(o.type(), o.output().create(octx)));
            }
            // the live view (configured, or the default one beside the HTTP endpoint) shows points and events
            LiveView lv = LiveViews.find(cfg, points, clock);
            EventSink local = lv == null ? log : e -> {
                log.accept(e);
                lv.accept(e);
            };
            EventLane lane = new EventLane(metrics, local, events.stream().map(Running.Named::output).toList());
            collectors(cfg, cfg.collectorContext().withEvents(lane), collectors);
            LiveViews.attachProcesses(lv, collectors);
            LiveViews.attachMap(lv, collectors, cfg.hostname(), clock);
            return new Running(List.copyOf(collectors), List.copyOf(points), List.copyOf(events), lane, lv);
        } catch (RuntimeException e) {
            collectors.forEach(c -> c.collector().close());
            points.forEach(o -> o.output().close());
            events.forEach(o -> o.output().close());
            throw e;
        }
    }

    /**
     * For {@code test}: the collectors only, without a data directory (so nothing is written: no spool, no SMART
     * state) and without outputs; their events go to {@code log} only.
     */
    public static Running forTest(AgentConfig cfg, SelfMetrics metrics, EventSink log) {
        EventLane lane = new EventLane(metrics, log, List.<Output<Event>>of());
        List<Running.Scheduled> collectors = new ArrayList<>();
        collectors(cfg, cfg.collectorContext().withoutDataDir().withEvents(lane), collectors);
        return new Running(List.copyOf(collectors), List.of(), List.of(), lane, null);
    }

    private static void collectors(AgentConfig cfg, CollectorContext ctx, List<Running.Scheduled> into) {
        for (CollectorSpec c : cfg.collectors()) {
            into.add(new Running.Scheduled(c, c.collector().create(ctx)));
        }
    }
}
