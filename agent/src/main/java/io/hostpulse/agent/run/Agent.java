package io.hostpulse.agent.run;

import io.hostpulse.agent.alerts.Alerts;
import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.CollectorSpec;
import io.hostpulse.agent.events.AgentEvents;
import io.hostpulse.agent.http.HttpEndpoint;
import io.hostpulse.agent.schedule.CollectorScheduler;
import io.hostpulse.agent.selfmetrics.SelfMetrics;
import io.hostpulse.agent.selfmetrics.SelfMetricsCollector;
import io.hostpulse.core.EventSink;
import io.hostpulse.core.Point;
import io.hostpulse.exporters.pipeline.Output;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs what {@code agent.wiring.Wiring} made: schedules the collectors, hands their points to the points-lane
 * outputs and their events to the events lane, serves /metrics and /health, and takes everything down in order.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final Running parts;
    private final SelfMetrics metrics;
    private final List<CollectionRunner> runners = new ArrayList<>();
    private final List<CollectorScheduler.Entry> entries = new ArrayList<>();
    private final AgentEvents agentEvents;
    private CollectorScheduler scheduler;
    private HttpEndpoint http;
    private final Alerts alerts;
    private final io.hostpulse.exporters.liveview.LiveView liveView;
    private io.hostpulse.exporters.liveview.LiveViewHttp liveViewHttp;

    public Agent(AgentConfig config, Running parts, SelfMetrics metrics, Clock clock) {
        this.config = config;
        this.parts = parts;
        this.metrics = metrics;
        List<Output<Point>> pointOutputs = parts.pointSinks();
        liveView = parts.liveView();
        Map<String, String> tags = new LinkedHashMap<>(config.globalTags());
        tags.put("host", config.hostname());
        ProblemLog problems = new ProblemLog();
        EventSink events = parts.events();
        AgentConfig.AlertsSpec a = config.alerts();
        alerts = a == null || !a.config().enabled() ? null
                : new Alerts(a.rules(), a.config(), config.hostname(), metrics.registry(), clock, events::accept, metrics::lastDurationMs,
                        Alerts.stateFile(config.dataDir()));
        if (alerts != null) {
            alerts.useCulprits(io.hostpulse.agent.http.LiveViews.culprits(parts.collectors()));
        }
        agentEvents = new AgentEvents(events, parts.allOutputs(), clock);
        for (Running.Scheduled s : parts.collectors()) {
            CollectorSpec c = s.spec();
            CollectionRunner r = new CollectionRunner(s.collector(), pointOutputs, events, metrics, problems, tags, clock);
            if (alerts != null) {
                r.addListener(points -> alerts.onBatch(c.name(), points));
            }
            runners.add(r);
            entries.add(new CollectorScheduler.Entry(r, c.interval(), c.cron(), c.jitter(), c.timeout()));
            metrics.register(c.name());
        }
        CollectionRunner self = new CollectionRunner(new SelfMetricsCollector(metrics.registry()), pointOutputs, events,
                metrics, problems, tags, clock);
        if (alerts != null) {
            self.addListener(points -> alerts.onBatch("agent", points));
        }
        entries.add(new CollectorScheduler.Entry(self, config.interval(), null, java.time.Duration.ZERO, config.interval()));
    }

    /** Starts the schedule (every collector runs once now), then the HTTP endpoint; returns at once. */
    public void start() throws Exception {
        if (alerts != null) {
            alerts.start();
        }
        // the start event comes before any collector's event
        agentEvents.started(config.hostname(), config.collectors().stream().map(CollectorSpec::name).toList(), config.interval());
        scheduler = new CollectorScheduler(entries, Math.min(4, entries.size()));
        scheduler.start();
        // the endpoint after the first collection is under way: loading the HTTP server takes some 0.2 s of start-up
        // that the first point need not wait for (BENCHMARKS.md, "Footprint levers")
        if (config.http().enabled()) {
            try {
                http = new HttpEndpoint(config.http().host(), config.http().port(), metrics, this::health);
            } catch (IOException e) {
                throw new IOException("cannot listen on " + config.http().host() + ":" + config.http().port() + " for /metrics and /health: "
                        + e.getMessage() + " (set agent.http.listen to a free address, or agent.http.enabled: false)");
            }
            if (liveView != null) {
                liveViewHttp = io.hostpulse.agent.http.LiveViews.mount(http, liveView, config.http().host(), config.http().port());
            }
            http.start();
        }
        List<String> names = new ArrayList<>();
        config.collectors().forEach(c -> names.add(c.name() + (c.cron() != null ? " (cron " + c.cron() + ")" : " every " + c.interval().toSeconds() + "s")));
        List<String> outs = config.outputNames();
        LOG.info("hostpulse started on {}: collectors {}; outputs {}; data_dir {}{}", config.hostname(), names, outs,
                config.dataDir(), http == null ? "" : "; /metrics and /health" + (liveView == null ? "" : " and the live view")
                        + " on http://" + config.http().host() + ":" + http.port());
        if (config.emptyFileNote() != null) {
            LOG.warn("config: {}", config.emptyFileNote());
        }
        if (config.embeddedDefault()) {
            LOG.info("no config file at /etc/hostpulse/hostpulse.yaml: writing line protocol to stdout; to send to InfluxDB, "
                    + "add an 'outputs:' section (see deploy/config/hostpulse.example.yaml) and pass --config");
        }
    }

    /** Collects once from every collector, for {@code hostpulse test}. */
    public List<Point> collectOnce() {
        List<Point> all = new ArrayList<>();
        for (CollectionRunner r : runners) {
            all.addAll(r.runOnce());
        }
        return all;
    }

    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /**
     * The /health document: each collector's last result and each output's queue, spool, drops and last error
     * (redacted), so "is anything stuck?" has one answer. 200 once running; outputs that fail do not make it 503,
     * since the agent itself is healthy and keeps their points.
     */
    Map.Entry<Boolean, String> health() {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode doc = json.createObjectNode();
        boolean healthy = scheduler != null;
        doc.put("status", healthy ? "up" : "starting");
        doc.put("host", config.hostname());
        com.fasterxml.jackson.databind.node.ObjectNode cols = doc.putObject("collectors");
        metrics.successByCollector().forEach((name, ok) -> {
            com.fasterxml.jackson.databind.node.ObjectNode c = cols.putObject(name);
            c.put("ok", ok == 1);
            Long last = metrics.lastSuccessEpochMs(name);
            if (last == null) {
                c.putNull("last_success");
            } else {
                c.put("last_success", Instant.ofEpochMilli(last).toString());
            }
        });
        com.fasterxml.jackson.databind.node.ObjectNode outs = doc.putObject("outputs");
        List<Running.Named<?>> named = new ArrayList<>(parts.pointOutputs());
        named.addAll(parts.eventOutputs());
        for (Running.Named<?> o : named) {
            com.fasterxml.jackson.databind.node.ObjectNode n = outs.putObject(o.output().name());
            n.put("type", o.type());
            io.hostpulse.exporters.pipeline.Buffer.Stats st = o.output().bufferStats();
            if (st != null) {
                n.put("queued", st.queued());
                n.put("written", st.written());
                n.put("retried", st.retried());
                n.put("spool_bytes", st.spoolBytes());
                n.put("spool", io.hostpulse.core.Redactor.redact(st.spool()));
                st.dropped().forEach((reason, count) -> n.withObjectProperty("dropped").put(reason, count));
                if (st.lastError() != null) {
                    n.put("last_error", io.hostpulse.core.Redactor.redact(st.lastError()));
                }
            }
        }
        try {
            return Map.entry(healthy, json.writeValueAsString(doc) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Map.entry(false, "{\"status\":\"error\"}\n");
        }
    }

    /** Stops scheduling, waits for running collections, flushes every output, closes everything. */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
            agentEvents.stopping("shutdown");
        }
        agentEvents.close();
        // collectors first: a collector that pushes events (docker) stops before the outputs it pushes into
        for (Running.Scheduled c : parts.collectors()) {
            c.collector().close();
        }
        for (Output<?> o : parts.allOutputs()) {
            try {
                o.flush(config.flushTimeout());
                o.close();
            } catch (RuntimeException e) {
                LOG.warn("output {}: close failed: {}", o.name(), e.getMessage());
            }
        }
        if (alerts != null) {
            alerts.close();
        }
        if (liveViewHttp != null) {
            liveViewHttp.close();
        }
        if (http != null) {
            http.close();
        }
    }
}
