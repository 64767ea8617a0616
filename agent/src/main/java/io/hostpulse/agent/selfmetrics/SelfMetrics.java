package io.hostpulse.agent.selfmetrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's own metrics (node_exporter's collector_duration_seconds and collector_success, Telegraf's
 * internal_* counters): per collector duration, success, points and errors; events; JVM memory, GC and the
 * process's resident memory. Exposed at /metrics and written as {@code hostpulse_agent} points.
 */
public final class SelfMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<String, AtomicInteger> success = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSuccessEpochMs = new ConcurrentHashMap<>();
    private final Map<String, Long> lastDurationMs = new ConcurrentHashMap<>();

    /** The default, small set (no per-pool JVM detail). */
    public SelfMetrics() {
        this(false);
    }

    /**
     * @param jvm {@code agent.self_metrics.jvm}: with it, Micrometer's full JVM binders (every memory pool and buffer
     *            pool, thread states, class loading); without it (the default) heap and non-heap totals only
     *            (tag id=all, so queries grouping by pool read them the same way), so
     *            the agent's own points stay a few lines per interval (they were 107 of the first 188 lines on
     *            stdout). GC pauses, process CPU, uptime and RSS are always there: the Agent dashboard shows them.
     */
    public SelfMetrics(boolean jvm) {
        if (jvm) {
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
        } else {
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            memoryGauge("jvm.memory.used", "heap", () -> mem.getHeapMemoryUsage().getUsed());
            memoryGauge("jvm.memory.used", "nonheap", () -> mem.getNonHeapMemoryUsage().getUsed());
            memoryGauge("jvm.memory.max", "heap", () -> mem.getHeapMemoryUsage().getMax());
            memoryGauge("jvm.memory.committed", "heap", () -> mem.getHeapMemoryUsage().getCommitted());
        }
        gc.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("hostpulse.process.resident.memory", SelfMetrics::residentBytes).baseUnit("bytes")
                .description("resident set size of the agent process (VmRSS)").register(registry);
    }

    private void memoryGauge(String name, String area, java.util.function.LongSupplier bytes) {
        // strong: Micrometer holds a gauge's object weakly, and nothing else holds this lambda (NaN after a GC)
        Gauge.builder(name, bytes, b -> b.getAsLong() < 0 ? Double.NaN : b.getAsLong()).strongReference(true)
                .tag("area", area).tag("id", "all").baseUnit("bytes")
                .description("JVM memory of this area, all pools together (agent.self_metrics.jvm: true for each pool)")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    /** Registers a collector's meters up front so /metrics lists it before its first run. */
    public void register(String collector) {
        success.computeIfAbsent(collector, c -> {
            AtomicInteger a = new AtomicInteger(0);
            Gauge.builder("hostpulse.collector.success", a, AtomicInteger::get).tag("collector", c)
                    .description("1 when the last collection had no error, else 0").register(registry);
            return a;
        });
        counter("hostpulse.collector.errors", collector);
        counter("hostpulse.collector.points", collector);
    }

    public void collected(String collector, Duration took, boolean ok, int points) {
        register(collector);
        Timer.builder("hostpulse.collector.duration").tag("collector", collector)
                .description("time one collection took").register(registry).record(took);
        success.get(collector).set(ok ? 1 : 0);
        lastDurationMs.put(collector, took.toMillis());
        if (ok) {
            lastSuccessEpochMs.put(collector, System.currentTimeMillis());
        }
        counter("hostpulse.collector.points", collector).increment(points);
    }

    public void collectError(String collector) {
        register(collector);
        counter("hostpulse.collector.errors", collector).increment();
    }

    public void event(String source) {
        Counter.builder("hostpulse.events").tag("source", source).register(registry).increment();
    }

    /** Last-run success per collector, for /health. */
    public Map<String, Integer> successByCollector() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        success.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** How long the collector's last collection took, in ms (Uptime Kuma's ping); null before the first. */
    public Long lastDurationMs(String collector) {
        return lastDurationMs.get(collector);
    }

    public Long lastSuccessEpochMs(String collector) {
        return lastSuccessEpochMs.get(collector);
    }

    private Counter counter(String name, String collector) {
        return Counter.builder(name).tag("collector", collector).register(registry);
    }

    static double residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
