package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.transport.DockerHttpClient;
import io.hostpulse.collectors.docker.netmap.NetworkMapPart;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.CollectException;
import io.hostpulse.core.Collector;
import io.hostpulse.core.EventSink;
import io.hostpulse.core.Point;
import io.hostpulse.core.text.Glob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Reads every selected container (inspect, and stats when it runs) with bounded parallelism and a time limit
 * per container, every Docker network and the engine summary. From the first collection on, a background reader
 * follows the engine's /events stream and hands each container event, and each restart loop found in them
 * ({@link RestartLoopDetector}), to the event sink at once. Read-only: it sends GET requests only. A container that vanishes between list and read is skipped
 * silently; any other failure of one container is reported with {@link Accumulator#addError} and the rest is
 * written.
 */
public final class DockerCollector implements Collector {
    private static final Logger LOG = LoggerFactory.getLogger(DockerCollector.class);
    /** An events stream silent this long is reopened (quietly); a dead TCP peer is noticed by then at the latest. */
    static final Duration EVENTS_IDLE = Duration.ofMinutes(5);

    private final DockerConfig cfg;
    private final DockerSource source;
    private final DockerSource eventSource;
    private final EventSink events;
    private final InterfaceReader ifaces;
    private final ExecutorService pool;
    private final Predicate<String> selected;
    private final Predicate<String> labels;
    private final Map<String, StatsMapper.CpuSample> cpu = new ConcurrentHashMap<>();
    private final Set<String> loggedOnce = ConcurrentHashMap.newKeySet();
    private final NetworkMapPart networkMap;
    private DockerEventReader eventReader;
    private Map<String, long[]> previousTraffic;
    private Instant previousTime;

    DockerCollector(DockerConfig cfg, DockerSource source, DockerSource eventSource, InterfaceReader ifaces,
                    EventSink events, NetworkMapPart networkMap) {
        this.cfg = cfg;
        this.networkMap = networkMap;
        this.events = new RestartLoopDetector(events, cfg.restartLoop().restarts(), cfg.restartLoop().within());
        this.source = source;
        this.eventSource = eventSource;
        this.ifaces = ifaces;
        this.selected = Glob.filter(cfg.nameInclude(), cfg.nameExclude());
        this.labels = Glob.filter(cfg.labelInclude(), cfg.labelExclude());
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(cfg.parallelism(), r -> {
            Thread t = new Thread(r, "hostpulse-docker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The collector for a config, its events dropped (tests and tools that read metrics only). */
    public static DockerCollector create(DockerConfig cfg) {
        return create(cfg, EventSink.DISCARD);
    }

    /**
     * The collector for a config: HTTP clients are made now, nothing connects before the first collect.
     *
     * @param events where each event goes as it arrives
     */
    public static DockerCollector create(DockerConfig cfg, EventSink events) {
        return create(cfg, events, null, "", true, UnaryOperator.identity());
    }

    /**
     * @param dataDir  where the network map keeps its edges (null: in memory only)
     * @param hostname the agent's host name, for the map's title
     */
    public static DockerCollector create(DockerConfig cfg, EventSink events, Path dataDir, String hostname) {
        return create(cfg, events, dataDir, hostname, true, UnaryOperator.identity());
    }

    /**
     * @param writeEdges false: the network map reads the edges in {@code dataDir} but never writes them
     *                   ({@code hostpulse map} beside a running agent)
     */
    public static DockerCollector create(DockerConfig cfg, EventSink events, Path dataDir, String hostname, boolean writeEdges) {
        return create(cfg, events, dataDir, hostname, writeEdges, UnaryOperator.identity());
    }

    /** @param wrap wraps each HTTP client (tests record the requests with it) */
    static DockerCollector create(DockerConfig cfg, EventSink events, UnaryOperator<DockerHttpClient> wrap) {
        return create(cfg, events, null, "", true, wrap);
    }

    static DockerCollector create(DockerConfig cfg, EventSink events, Path dataDir, String hostname, boolean writeEdges,
                                  UnaryOperator<DockerHttpClient> wrap) {
        Duration rt = cfg.containerTimeout().compareTo(cfg.requestTimeout()) > 0 ? cfg.containerTimeout() : cfg.requestTimeout();
        DockerSource src = new DockerSource(wrap.apply(DockerSource.httpClient(cfg, rt, cfg.parallelism() + 2)),
                cfg.endpoint(), cfg.apiVersion());
        DockerSource ev = cfg.events()
                ? new DockerSource(wrap.apply(DockerSource.httpClient(cfg, EVENTS_IDLE, 1)), cfg.endpoint(), cfg.apiVersion())
                : null;
        NetworkMapPart map = cfg.networkMap().enabled()
                ? new NetworkMapPart(cfg.networkMap(), cfg.procPath(), dataDir, writeEdges, hostname, events) : null;
        return new DockerCollector(cfg, src, ev, new InterfaceReader(cfg.procPath()), events, map);
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public void collect(Instant now, Accumulator acc) throws CollectException {
        startEvents();
        JsonNode info;
        JsonNode list;
        try {
            info = source.get("/info");
            list = source.get("/containers/json?all=1");
        } catch (DockerApiException e) {
            source.renegotiate(); // the engine may come back as another version
            throw new CollectException(e.getMessage(), e);
        }
        Map<String, String> engineTags = EngineMapper.engineTags(info);
        JsonNode networks = null;
        try {
            networks = source.get("/networks");
        } catch (DockerApiException e) {
            acc.addError("networks", e);
        }
        boolean oneShot;
        try {
            oneShot = source.apiAtLeast("1.41");
        } catch (DockerApiException e) {
            oneShot = false;
        }

        List<JsonNode> selected = select(list);
        List<Future<ContainerResult>> futures = new ArrayList<>(selected.size());
        for (JsonNode c : selected) {
            boolean os = oneShot;
            futures.add(pool.submit(() -> read(c, engineTags, os, now)));
        }
        long waves = (selected.size() + cfg.parallelism() - 1) / cfg.parallelism();
        long deadline = System.nanoTime() + cfg.containerTimeout().toNanos() * (waves + 1);
        List<ContainerResult> results = new ArrayList<>(selected.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < futures.size(); i++) {
            Future<ContainerResult> f = futures.get(i);
            String name = nameOf(selected.get(i));
            seen.add(Json.text(selected.get(i), "Id"));
            try {
                ContainerResult r = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (r != null) {
                    results.add(r);
                }
            } catch (TimeoutException e) {
                f.cancel(true);
                acc.addError("container " + name, new TimeoutException("container " + name
                        + ": no inspect/stats answer in time (container_timeout " + cfg.containerTimeout().toMillis() + " ms)"));
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (!(c instanceof DockerApiException d && d.notFound())) {
                    acc.addError("container " + name, c);
                }
            } catch (CancellationException e) {
                acc.addError("container " + name, e);
            } catch (InterruptedException e) {
                futures.forEach(x -> x.cancel(true));
                Thread.currentThread().interrupt();
                throw new CollectException("interrupted while reading containers");
            }
        }
        cpu.keySet().retainAll(seen);

        Map<String, Integer> running = new HashMap<>();
        List<NetworkMapper.Traffic> traffic = new ArrayList<>();
        int unmapped = 0;
        for (ContainerResult r : results) {
            r.points().forEach(acc::add);
            if (r.meta().running()) {
                r.meta().endpoints().keySet().forEach(net -> running.merge(net, 1, Integer::sum));
            }
            traffic.addAll(r.traffic());
            unmapped += r.unmapped();
        }
        Duration since = previousTime == null ? null : Duration.between(previousTime, now);
        NetworkMapper.points(networks, running, traffic, previousTraffic, since, engineTags, now).forEach(acc::add);
        Map<String, long[]> prev = new HashMap<>();
        traffic.forEach(t -> prev.put(t.key(), t.counters()));
        previousTraffic = prev;
        previousTime = now;
        acc.add(EngineMapper.engine(info, engineTags, networks == null ? 0 : networks.size(), unmapped, now));
        if (networkMap != null) {
            List<JsonNode> inspects = new ArrayList<>(results.size());
            results.forEach(r -> inspects.add(r.inspect()));
            try {
                networkMap.collect(inspects, networks, engineTags, now).forEach(acc::add);
            } catch (RuntimeException e) {
                acc.addError("network map", e);
            }
        }
    }

    /** The network map, null when {@code network_map.enabled} is false. */
    public NetworkMapPart networkMap() {
        return networkMap;
    }

    private record ContainerResult(ContainerMeta meta, JsonNode inspect, List<Point> points,
                                   List<NetworkMapper.Traffic> traffic, int unmapped) {
    }

    private ContainerResult read(JsonNode entry, Map<String, String> engineTags, boolean oneShot, Instant now)
            throws DockerApiException {
        String id = Json.text(entry, "Id");
        JsonNode inspect = source.get("/containers/" + id + "/json");
        ContainerMeta m = ContainerMapper.meta(inspect, Json.text(entry, "Image"), engineTags, labels);
        for (String key : m.ownTagLabels()) {
            if (loggedOnce.add("label " + key)) {
                LOG.info("docker: label \"{}\" (container {}) is not written as a tag: hostpulse sets that tag itself",
                        key, m.name());
            }
        }
        if (!cfg.stateInclude().isEmpty() && !cfg.stateInclude().contains(m.state())) {
            return null;
        }
        List<Point> points = new ArrayList<>();
        List<NetworkMapper.Traffic> traffic = new ArrayList<>();
        Long pidsCurrent = null;
        Long pidsLimit = null;
        int unmapped = 0;
        if (m.running() || "paused".equals(m.state())) {
            JsonNode stats = source.get("/containers/" + id + "/stats?stream=false" + (oneShot ? "&one-shot=true" : ""));
            Set<String> names = new LinkedHashSet<>();
            for (Iterator<String> it = stats.path("networks").fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            Map<String, String> ifaceNets = NetworkMapper.interfaceNetworks(names, macs(m, names), m);
            StatsMapper.Result r = StatsMapper.map(stats, m, cpu.get(id), ifaceNets, cfg.classes(), now);
            if (r.cpu() != null) {
                cpu.put(id, r.cpu());
            }
            points.addAll(r.points());
            pidsCurrent = r.pidsCurrent();
            pidsLimit = r.pidsLimit();
            if (!m.sharesNetwork()) {
                for (Map.Entry<String, long[]> e : r.interfaces().entrySet()) {
                    String net = ifaceNets.get(e.getKey());
                    if (net != null) {
                        traffic.add(new NetworkMapper.Traffic(id, e.getKey(), net, e.getValue()));
                    } else {
                        unmapped++;
                    }
                }
            }
        }
        points.addAll(ContainerMapper.statusPoints(m, inspect, now, pidsCurrent, pidsLimit));
        return new ContainerResult(m, inspect, points, traffic, unmapped);
    }

    private Map<String, String> macs(ContainerMeta m, Set<String> names) {
        if (names.isEmpty() || m.sharesNetwork() || (names.size() == 1 && m.endpoints().size() == 1)) {
            return Map.of(); // nothing to map, or unambiguous without reading /proc
        }
        try {
            return ifaces.macs(m.pid());
        } catch (IOException | RuntimeException e) {
            if (loggedOnce.add("macs")) {
                LOG.warn("docker: cannot read container interfaces under {} ({}); interfaces of containers on "
                        + "several networks are left out of docker_container_network (run the agent with the host's PID namespace "
                        + "and /proc)", cfg.procPath(), e.getClass().getSimpleName());
            }
            return Map.of();
        }
    }

    private List<JsonNode> select(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        if (list == null || !list.isArray()) {
            return out;
        }
        for (JsonNode c : list) {
            if (Json.text(c, "Id") == null) {
                continue;
            }
            String state = Json.text(c, "State");
            if (state != null && !cfg.stateInclude().isEmpty() && !cfg.stateInclude().contains(state)) {
                continue;
            }
            if (selected.test(nameOf(c))) {
                out.add(c);
            }
        }
        return out;
    }

    private static String nameOf(JsonNode c) {
        JsonNode names = c.path("Names");
        if (names.isArray() && names.size() > 0) {
            return ContainerMapper.stripSlash(names.get(0).asText());
        }
        String id = Json.text(c, "Id");
        return id == null ? "?" : id.substring(0, Math.min(12, id.length()));
    }

    private synchronized void startEvents() {
        if (eventReader == null && eventSource != null) {
            eventReader = new DockerEventReader(eventSource, events, Duration.ofSeconds(30));
            eventReader.start();
        }
    }

    /** For tests: the background event reader, null before the first collect or with events off. */
    synchronized DockerEventReader eventReader() {
        return eventReader;
    }

    /**
     * How often the /events stream has connected (0 until it is open, or with events off): a container started
     * before that is not seen by the event lane, so tests against a real engine wait for it.
     */
    public synchronized long eventStreamConnects() {
        DockerEventReader r = eventReader;
        return r == null ? 0 : r.connects();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (eventReader != null) {
                eventReader.close();
            }
        }
        pool.shutdownNow();
        if (networkMap != null) {
            networkMap.close();
        }
        source.close();
        if (eventSource != null) {
            eventSource.close();
        }
    }
}
