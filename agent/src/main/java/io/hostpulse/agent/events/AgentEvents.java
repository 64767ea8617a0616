package io.hostpulse.agent.events;

import io.hostpulse.core.Event;
import io.hostpulse.core.EventSink;
import io.hostpulse.exporters.pipeline.Buffer;
import io.hostpulse.exporters.pipeline.Output;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent's own events (source {@code agent}): start, stop, and output outages and recoveries (polled from the
 * outputs' buffer counters every {@code poll}). Config reload does not exist yet (the agent restarts to reload).
 */
public final class AgentEvents implements AutoCloseable {
    private final EventSink sink;
    private final List<Output<?>> outputs;
    private final Clock clock;
    private final OutputWatch watch = new OutputWatch();
    private ScheduledExecutorService poller;

    public AgentEvents(EventSink sink, List<Output<?>> outputs, Clock clock) {
        this.sink = sink;
        this.outputs = outputs;
        this.clock = clock;
    }

    public void started(String host, List<String> collectors, Duration poll) {
        String v = AgentEvents.class.getPackage().getImplementationVersion();
        Map<String, String> meta = new TreeMap<>();
        meta.put("version", v == null ? "dev" : v);
        meta.put("collectors", String.join(",", collectors));
        meta.put("outputs", String.join(",", outputs.stream().map(Output::name).toList()));
        sink.accept(new Event(clock.instant(), "agent", "info", "hostpulse started on " + host,
                Map.of("action", "start"), meta));
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hostpulse-output-watch");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1000, poll.toMillis());
        poller.scheduleWithFixedDelay(this::pollOnce, ms, ms, TimeUnit.MILLISECONDS);
    }

    void pollOnce() {
        try {
            Map<String, Buffer.Stats> stats = new LinkedHashMap<>();
            for (Output<?> o : outputs) {
                Buffer.Stats s = o.bufferStats();
                if (s != null) {
                    stats.put(o.name(), s);
                }
            }
            watch.poll(stats, clock.instant()).forEach(sink::accept);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AgentEvents.class).warn("output watch failed: {}", e.toString());
        }
    }

    /** Stops polling and sends the stop event (before the outputs are flushed). */
    public void stopping(String reason) {
        close();
        sink.accept(new Event(clock.instant(), "agent", "info", "hostpulse stopping: " + reason,
                Map.of("action", "stop"), Map.of()));
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
