package io.hostpulse.agent;

import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import io.hostpulse.exporters.pipeline.OutputPlugin;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's table of collectors and outputs (node_exporter's registry): one line per plugin, no classpath
 * scanning. The order of collectors is the order they start in. Outputs are registered on their lane: points
 * (metrics) or events, so the agent never has to ask an output what it takes.
 */
public final class Plugins {
    private final List<CollectorPlugin<?>> collectors;
    private final List<OutputPlugin<?, Point>> pointOutputs;
    private final List<OutputPlugin<?, Event>> eventOutputs;

    public Plugins(List<CollectorPlugin<?>> collectors, List<OutputPlugin<?, Point>> pointOutputs,
                   List<OutputPlugin<?, Event>> eventOutputs) {
        this.collectors = List.copyOf(collectors);
        this.pointOutputs = List.copyOf(pointOutputs);
        this.eventOutputs = List.copyOf(eventOutputs);
    }

    public static Plugins builtIn() {
        return new Plugins(BuiltInPlugins.collectors(), BuiltInPlugins.pointOutputs(), BuiltInPlugins.eventOutputs());
    }

    public List<CollectorPlugin<?>> collectors() {
        return collectors;
    }

    public CollectorPlugin<?> collector(String name) {
        return collectors.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    public List<String> collectorNames() {
        List<String> n = new ArrayList<>();
        collectors.forEach(p -> n.add(p.name()));
        return n;
    }

    /** The points-lane output plugin of that {@code type:}, or null. */
    public OutputPlugin<?, Point> pointOutput(String type) {
        return pointOutputs.stream().filter(p -> p.name().equals(type)).findFirst().orElse(null);
    }

    /** The events-lane output plugin of that {@code type:}, or null. */
    public OutputPlugin<?, Event> eventOutput(String type) {
        return eventOutputs.stream().filter(p -> p.name().equals(type)).findFirst().orElse(null);
    }

    public List<String> outputNames() {
        List<String> n = new ArrayList<>();
        pointOutputs.forEach(p -> n.add(p.name()));
        eventOutputs.forEach(p -> n.add(p.name()));
        return n;
    }
}
