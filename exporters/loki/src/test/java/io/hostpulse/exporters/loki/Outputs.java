package io.hostpulse.exporters.loki;

import io.hostpulse.core.Event;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.config.ConfigProblems;
import io.hostpulse.exporters.pipeline.BufferedOutput;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Test helpers: a loki output from a config map, events, waiting. */
final class Outputs {
    private Outputs() {
    }

    static BufferedOutput<Event> create(Map<String, Object> section, Path dataDir) throws io.hostpulse.core.config.ConfigException {
        return create(section, dataDir, null);
    }

    /** The output as the agent creates it ({@code host}: the agent's host name, null to let the output find one). */
    static BufferedOutput<Event> create(Map<String, Object> section, Path dataDir, String host)
            throws io.hostpulse.core.config.ConfigException {
        ConfigProblems problems = new ConfigProblems("test.yaml");
        ConfigNode node = ConfigNode.root(problems, new HashMap<>(section));
        LokiOutputPlugin plugin = new LokiOutputPlugin();
        LokiConfig cfg = plugin.configure(node, dataDir != null);
        node.finish();
        problems.throwIfAny();
        return (BufferedOutput<Event>) plugin.create(cfg, new OutputContext(dataDir, new SimpleMeterRegistry(), Clock.systemUTC(), host));
    }

    static Event docker(Instant t, String name, String action, String exit) {
        Map<String, String> meta = new HashMap<>();
        meta.put("container_id", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        meta.put("image", "nginx:1.27");
        if (exit != null) {
            meta.put("exit_code", exit);
        }
        return new Event(t, "docker", "die".equals(action) && !"0".equals(exit) ? "warning" : "info",
                "container " + name + " " + action, Map.of("container_name", name, "action", action,
                "compose_project", "shop", "compose_service", name.replace("shop-", "")), meta);
    }

    static void await(String what, Duration max, java.util.function.BooleanSupplier ok) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
