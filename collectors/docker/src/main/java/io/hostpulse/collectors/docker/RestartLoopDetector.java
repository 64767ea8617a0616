package io.hostpulse.collectors.docker;

import io.hostpulse.core.EventSink;
import io.hostpulse.core.Event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Passes every event on and adds one: a docker container that restarted {@code threshold} times within
 * {@code window} is in a restart loop (Docker's restart policy or Compose's {@code restart:} bringing a crashing
 * container back again and again). A restart is a {@code start} event of a container whose previous event was
 * {@code die}; the loop event (source docker, level error, action {@code restart_loop}) carries the container's
 * labels, the count, the window and the last exit code, and is emitted at most once per window per container.
 * Thread-safe; memory is bounded by pruning containers not seen within the window (and at most 10,000 kept).
 */
final class RestartLoopDetector implements EventSink {
    static final int MAX_CONTAINERS = 10_000;

    private final EventSink next;
    private final int threshold;
    private final Duration window;
    private final Map<String, State> byContainer = new HashMap<>();

    private static final class State {
        final ArrayDeque<Instant> restarts = new ArrayDeque<>();
        boolean died;
        String exitCode;
        Instant lastSeen;
        Instant lastLoop;
    }

    RestartLoopDetector(EventSink next, int threshold, Duration window) {
        if (threshold < 2 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("threshold must be at least 2 and window more than 0");
        }
        this.next = next;
        this.threshold = threshold;
        this.window = window;
    }

    @Override
    public void accept(Event e) {
        next.accept(e);
        Event loop = observe(e);
        if (loop != null) {
            next.accept(loop);
        }
    }

    /** Records one event; returns the loop event it completes, or null. */
    synchronized Event observe(Event e) {
        if (!"docker".equals(e.source())) {
            return null;
        }
        String action = e.labels().getOrDefault("action", e.metadata().get("action"));
        if (!"die".equals(action) && !"start".equals(action)) {
            return null;
        }
        String key = e.metadata().getOrDefault("container_id", e.labels().get("container_name"));
        if (key == null) {
            return null;
        }
        prune(e.time());
        State s = byContainer.computeIfAbsent(key, k -> new State());
        s.lastSeen = e.time();
        if ("die".equals(action)) {
            s.died = true;
            s.exitCode = e.metadata().get("exit_code");
            return null;
        }
        if (!s.died) {
            return null; // a first start, or a start after a stop we did not see die
        }
        s.died = false;
        s.restarts.addLast(e.time());
        while (!s.restarts.isEmpty() && s.restarts.peekFirst().isBefore(e.time().minus(window))) {
            s.restarts.removeFirst();
        }
        if (s.restarts.size() < threshold || (s.lastLoop != null && s.lastLoop.isAfter(e.time().minus(window)))) {
            return null;
        }
        s.lastLoop = e.time();
        Map<String, String> labels = new TreeMap<>(e.labels());
        labels.put("action", "restart_loop");
        Map<String, String> meta = new TreeMap<>(e.metadata());
        meta.put("restarts", Integer.toString(s.restarts.size()));
        meta.put("window_seconds", Long.toString(window.toSeconds()));
        if (s.exitCode != null) {
            meta.put("exit_code", s.exitCode);
        }
        String name = e.labels().getOrDefault("container_name", key);
        String message = "container " + name + " is in a restart loop: " + s.restarts.size() + " restarts in "
                + minutes(window) + (s.exitCode == null ? "" : " (last exit code " + s.exitCode + ")");
        return new Event(e.time(), "docker", "error", message, labels, meta);
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m * 60 == d.toSeconds() ? m + (m == 1 ? " minute" : " minutes") : d.toSeconds() + " seconds";
    }

    private void prune(Instant now) {
        Instant cutoff = now.minus(window);
        Iterator<Map.Entry<String, State>> it = byContainer.entrySet().iterator();
        while (it.hasNext()) {
            State s = it.next().getValue();
            if (s.lastSeen.isBefore(cutoff) || byContainer.size() > MAX_CONTAINERS) {
                it.remove();
            }
        }
    }
}
