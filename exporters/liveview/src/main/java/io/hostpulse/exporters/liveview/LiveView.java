package io.hostpulse.exporters.liveview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import io.hostpulse.core.EventSink;
import io.hostpulse.exporters.pipeline.Output;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The live view as an output: it gets the points of every collection and every event, exactly as the InfluxDB and
 * Loki outputs do, and keeps the latest batch per collector, the last {@link LiveViewConfig#events()} events, the
 * alerts firing now and a bounded history for the sparklines. After each batch it builds one snapshot document (the
 * JSON of {@code /api/v1/snapshot}) and hands it to the subscribers (the page's event streams) on its own thread, so
 * {@link #accept} never waits on a browser.
 */
public final class LiveView implements Output<Point>, EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(LiveView.class);

    private final LiveViewConfig config;
    private final Clock clock;
    private final Map<String, List<Point>> latest = new LinkedHashMap<>();
    private final Map<String, Instant> latestTime = new HashMap<>();
    private final History history;
    private final AlertBoard alerts = new AlertBoard();
    private final Deque<Event> events = new ArrayDeque<>();
    private final Rates rates = new Rates();
    private final Rates dockerRates = new Rates();
    private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();
    private final ExecutorService publisher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "liveview-publish");
        t.setDaemon(true);
        return t;
    });
    private volatile Supplier<List<Point>> processes;
    private volatile Function<String, String> map;
    private volatile String host = "";
    private volatile String auth = "none";
    private long sequence;
    private ObjectNode snapshot;
    private String snapshotJson;

    public LiveView(LiveViewConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.history = new History(config.history());
        rebuild();
    }

    public LiveViewConfig config() {
        return config;
    }

    /**
     * Where the process list comes from when the host collector keeps it without exporting it ({@code procstat}
     * points of the same cycle); without one, the live view uses exported {@code procstat} points if there are any.
     */
    public void processSource(Supplier<List<Point>> source) {
        this.processes = source;
    }

    /**
     * Where {@code /api/v1/map} gets the network map: {@code render} takes a format name ({@link #MAP_FORMATS}) and
     * returns the body in that format, the current map each time; an {@link IllegalArgumentException} from it means
     * an unknown format. Without a source (the Docker collector's network map is off) the route answers 404. The
     * snapshot's {@code map} says which (the page asks for the map only while it is true); null switches it off.
     */
    public void mapSource(Function<String, String> render) {
        this.map = render;
        String json;
        synchronized (this) {
            rebuild();
            json = snapshotJson;
        }
        publish(json);
    }

    /** The formats of {@code /api/v1/map}, the first the default (the source may accept aliases too). */
    public static final List<String> MAP_FORMATS = List.of("json", "plantuml", "mermaid");

    /**
     * The network map in {@code format}, or null without a {@link #mapSource}.
     *
     * @throws IllegalArgumentException for a format the source does not know
     */
    public String map(String format) {
        Function<String, String> m = map;
        return m == null ? null : m.apply(format);
    }

    /** What the page says about access: "token", "basic", "token or basic", or "none (loopback only)". */
    public void authDescription(String auth) {
        this.auth = auth;
        synchronized (this) {
            rebuild();
        }
    }

    @Override
    public String name() {
        return config.name();
    }

    /** The agent's host name, shown on the page until points carry one. */
    public void attach(String host) {
        this.host = host;
    }

    @Override
    public void accept(List<Point> points) {
        if (points.isEmpty()) {
            return;
        }
        String source = Sources.of(points.get(0).measurement());
        String json;
        synchronized (this) {
            Instant t = points.get(0).time();
            latest.put(source, List.copyOf(points));
            latestTime.put(source, t);
            if (source.equals(Sources.HOST)) {
                Supplier<List<Point>> p = processes;
                if (p != null) {
                    latest.put(Sources.PROCESSES, p.get());
                } else {
                    latest.put(Sources.PROCESSES, points.stream()
                            .filter(x -> x.measurement().equals(Snapshot.PROCSTAT)).toList());
                }
                rates.update(points, t);
                recordHistory(points, t);
            }
            if (source.equals(Sources.DOCKER)) {
                dockerRates.update(points, t);
            }
            if (host.isEmpty() && points.get(0).tag("host") != null) {
                host = points.get(0).tag("host");
            }
            rebuild();
            json = snapshotJson;
        }
        publish(json);
    }

    @Override
    public void accept(Event event) {
        String json;
        synchronized (this) {
            alerts.accept(event);
            events.addLast(event);
            while (events.size() > config.events()) {
                events.removeFirst();
            }
            rebuild();
            json = snapshotJson;
        }
        publish(json);
    }

    private void recordHistory(List<Point> points, Instant t) {
        for (Point p : points) {
            if (p.measurement().equals("cpu") && p.field("usage_active") instanceof Number n) {
                history.add("cpu:" + p.tag("cpu"), t, n.doubleValue());
            }
        }
        rates.current().forEach((key, v) -> history.add(key, t, v));
        history.trim(t);
    }

    private void rebuild() {
        sequence++;
        snapshot = new Snapshot(host, auth, sequence, clock.instant(), latest, latestTime, rates, dockerRates, alerts.firing(),
                List.copyOf(events)).build();
        // the page asks /api/v1/map only while there is one (a 404 would be a console error on every load)
        snapshot.put("map", map != null);
        snapshotJson = Snapshot.write(snapshot);
    }

    private void publish(String json) {
        if (subscribers.isEmpty()) {
            return;
        }
        publisher.execute(() -> {
            for (Consumer<String> s : subscribers) {
                try {
                    s.accept(json);
                } catch (RuntimeException e) {
                    LOG.debug("live view subscriber failed: {}", e.toString());
                }
            }
        });
    }

    /** The whole snapshot document (API version 1). */
    public synchronized String snapshotJson() {
        return snapshotJson;
    }

    /** One section of the snapshot ({@code processes}, {@code containers} ...), with the api version, host and time. */
    public synchronized String sectionJson(String section) {
        return Snapshot.write(Snapshot.section(snapshot, section));
    }

    /** The sparklines' history: {@code {"api": ..., "series": {key: [[epoch_s, value], ...]}}}. */
    public synchronized String historyJson() {
        return Snapshot.write(Snapshot.history(history));
    }

    /** Every kept event, oldest first. */
    public synchronized String eventsJson() {
        return Snapshot.write(Snapshot.events(host, new ArrayList<>(events)));
    }

    public void subscribe(Consumer<String> s) {
        subscribers.add(s);
    }

    public void unsubscribe(Consumer<String> s) {
        subscribers.remove(s);
    }

    int subscriberCount() {
        return subscribers.size();
    }

    @Override
    public void flush(Duration timeout) {
        // nothing is queued for a server: the live view only keeps the latest state
    }

    @Override
    public void close() {
        subscribers.clear();
        publisher.shutdownNow();
    }
}
