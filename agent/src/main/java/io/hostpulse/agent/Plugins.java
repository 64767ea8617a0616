package io.hostpulse.agent;

import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.exporters.pipeline.OutputPlugin;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's table of collectors and outputs (node_exporter's registry): one line per plugin, no classpath
 * scanning. The order of collectors is the order they start in.
 */
public final class Plugins {
    private final List<CollectorPlugin> collectors;
    private final List<OutputPlugin> outputs;

    public Plugins(List<CollectorPlugin> collectors, List<OutputPlugin> outputs) {
        this.collectors = List.copyOf(collectors);
        this.outputs = List.copyOf(outputs);
    }

    public static Plugins builtIn() {
        return new Plugins(BuiltInPlugins.collectors(), BuiltInPlugins.outputs());
    }

    public List<CollectorPlugin> collectors() {
        return collectors;
    }

    public CollectorPlugin collector(String name) {
        return collectors.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    public List<String> collectorNames() {
        List<String> n = new ArrayList<>();
        collectors.forEach(p -> n.add(p.name()));
        return n;
    }

    public OutputPlugin output(String name) {
        return outputs.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    public List<String> outputNames() {
        List<String> n = new ArrayList<>();
        outputs.forEach(p -> n.add(p.name()));
        return n;
    }
}
