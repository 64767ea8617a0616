package io.hostpulse.agent.selfmetrics;

import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Collector;
import io.hostpulse.core.Point;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Writes the self-metrics registry as points of measurement {@code hostpulse_agent}: one point per distinct tag
 * set, one field per meter (name with dots as underscores; timers as _count, _sum_seconds, _max_seconds). Chosen
 * over Telegraf's internal_* names because ours carry different data; documented in docs/SCHEMA.md. Counters and
 * gauges are always floats and timer counts always integers, so a field never changes type (InfluxDB would reject it).
 */
public final class SelfMetricsCollector implements Collector {
    public static final String MEASUREMENT = "hostpulse_agent";
    private final MeterRegistry registry;

    public SelfMetricsCollector(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public void collect(Instant now, Accumulator acc) {
        Map<Map<String, String>, Point.Builder> byTags = new LinkedHashMap<>();
        for (Meter m : registry.getMeters()) {
            Map<String, String> tags = new TreeMap<>();
            for (Tag t : m.getId().getTags()) {
                tags.put(t.getKey(), t.getValue());
            }
            Point.Builder b = byTags.computeIfAbsent(tags, t -> Point.builder(MEASUREMENT).tags(t).time(now));
            String f = m.getId().getName().replaceFirst("^hostpulse\\.", "").replace('.', '_');
            if (m instanceof Timer t) {
                b.field(f + "_count", t.count());
                b.field(f + "_sum_seconds", t.totalTime(TimeUnit.NANOSECONDS) / 1e9);
                b.field(f + "_max_seconds", t.max(TimeUnit.NANOSECONDS) / 1e9);
            } else if (m instanceof DistributionSummary s) {
                b.field(f + "_count", s.count());
                b.field(f + "_sum", s.totalAmount());
                b.field(f + "_max", s.max());
            } else if (m instanceof Counter c) {
                b.field(f, c.count());
            } else if (m instanceof FunctionCounter c) {
                b.field(f, c.count());
            } else if (m instanceof TimeGauge g) {
                b.field(f + "_seconds", g.value(TimeUnit.SECONDS));
            } else if (m instanceof Gauge g) {
                b.field(f, g.value());
            } else if (m instanceof FunctionTimer t) {
                b.field(f + "_count", t.count());
                b.field(f + "_sum_seconds", t.totalTime(TimeUnit.SECONDS));
            } else if (m instanceof LongTaskTimer t) {
                b.field(f + "_active", (long) t.activeTasks());
            }
        }
        for (Point.Builder b : byTags.values()) {
            if (b.hasFields()) {
                acc.add(b.build());
            }
        }
    }
}
