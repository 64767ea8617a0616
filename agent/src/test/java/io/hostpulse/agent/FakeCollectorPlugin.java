package io.hostpulse.agent;

import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;

import java.time.Duration;
import java.time.Instant;

/** A test plugin for the registry seam: reads one key of its own and emits one point per collection. */
public final class FakeCollectorPlugin implements CollectorPlugin<Long> {
    private final String name;
    private final boolean available;
    private final Duration defaultInterval;

    public FakeCollectorPlugin(String name, boolean available, Duration defaultInterval) {
        this.name = name;
        this.available = available;
        this.defaultInterval = defaultInterval;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration defaultInterval() {
        return defaultInterval;
    }

    @Override
    public boolean availableByDefault(CollectorContext ctx) {
        return available;
    }

    @Override
    public Long configure(ConfigNode section, CollectorContext ctx) {
        return section.integer("value", 1, 0, 100);
    }

    @Override
    public Collector create(Long value, CollectorContext ctx) {
        return new Collector() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void collect(Instant now, Accumulator acc) {
                acc.add(Point.builder(name).field("value", value).time(now).build());
            }
        };
    }
}
