package io.hostpulse.agent.events;

import io.hostpulse.core.Event;
import io.hostpulse.exporters.pipeline.Buffer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure (state only): turns successive buffer counters of each output into outage and recovery events (source
 * agent). An outage starts when items wait and a poll saw failed writes (retries) and nothing written; it ends at
 * the first poll that saw items written. The recovery event says how long it lasted, how many items were delivered
 * from the buffer since it began, how many were dropped meanwhile, and the most that were buffered.
 */
final class OutputWatch {

    private static final class State {
        Buffer.Stats last;
        Instant since;
        long writtenAtStart;
        long droppedAtStart;
        long maxQueued;
    }

    private final Map<String, State> states = new HashMap<>();

    List<Event> poll(Map<String, Buffer.Stats> now, Instant t) {
        List<Event> out = new ArrayList<>();
        for (Map.Entry<String, Buffer.Stats> e : now.entrySet()) {
            String name = e.getKey();
            Buffer.Stats s = e.getValue();
            State st = states.computeIfAbsent(name, k -> new State());
            Buffer.Stats prev = st.last;
            st.last = s;
            if (prev == null) {
                continue;
            }
            boolean wrote = s.written() > prev.written();
            boolean failed = s.retried() > prev.retried();
            if (st.since == null) {
                if (failed && !wrote && s.queued() > 0) {
                    st.since = t;
                    st.writtenAtStart = prev.written();
                    st.droppedAtStart = dropped(prev);
                    st.maxQueued = s.queued();
                    out.add(new Event(t, "agent", "warning", "output " + name + " is failing: " + s.lastError()
                            + "; " + s.queued() + " items buffered", Map.of("action", "output_outage"),
                            meta(name, "error", s.lastError(), "buffered", Long.toString(s.queued()))));
                }
            } else if (wrote) {
                long secs = Duration.between(st.since, t).toSeconds();
                long delivered = s.written() - st.writtenAtStart;
                long dropped = dropped(s) - st.droppedAtStart;
                st.maxQueued = Math.max(st.maxQueued, s.queued());
                out.add(new Event(t, "agent", dropped > 0 ? "warning" : "info", "output " + name + " recovered after "
                        + secs + "s: " + delivered + " items delivered, " + dropped + " dropped, at most "
                        + st.maxQueued + " buffered", Map.of("action", "output_recovered"),
                        meta(name, "outage_seconds", Long.toString(secs), "delivered", Long.toString(delivered),
                                "dropped", Long.toString(dropped), "buffered_max", Long.toString(st.maxQueued),
                                "buffered", Long.toString(s.queued()))));
                st.since = null;
            } else {
                st.maxQueued = Math.max(st.maxQueued, s.queued());
            }
        }
        return out;
    }

    private static long dropped(Buffer.Stats s) {
        return s.dropped().values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, String> meta(String output, String... kv) {
        Map<String, String> m = new TreeMap<>();
        m.put("output", output);
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1] == null ? "" : kv[i + 1]);
        }
        return m;
    }
}
