package io.hostpulse.exporters.loki;

import com.github.loki4j.client.batch.LogRecord;
import io.hostpulse.core.Event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure: events -> Loki4j {@link LogRecord}s (stream labels, line, structured metadata, ns timestamp), within Loki
 * 3.x's limits (see {@link LokiLimits}).
 * <ul>
 *   <li>Stream labels: the static labels, then {@code host}, {@code source}, {@code level} and, when the event has
 *   them, {@code compose_project}, {@code compose_service}, {@code container_name}. Every other event label (docker's
 *   {@code action}, SMART's {@code device}, ...) becomes structured metadata, as does all event metadata.</li>
 *   <li>Level values: info, warning, error (warn is written warning).</li>
 *   <li>A message over {@link LokiLimits#MAX_LINE_BYTES} is split into parts, each one entry 1 ns after the
 *   previous, with metadata {@code part="i/n"}; nothing is rejected for size.</li>
 *   <li>Metadata: names made valid, values cut at 4 KiB, at most 100 entries and 32 KiB; what is cut is named in
 *   {@code truncated} (comma-separated names; {@code *} when entries were left out).</li>
 * </ul>
 */
final class LokiStreams {
    private LokiStreams() {
    }

    /** Labels taken from the event itself when present (besides host, source and level). */
    static final List<String> EVENT_LABELS = List.of("compose_project", "compose_service", "container_name");

    /** Records for a batch, grouped by stream and in time order inside each stream (the order Loki prefers). */
    static List<LogRecord> records(List<Event> events, Map<String, String> staticLabels, String defaultHost) {
        List<LogRecord> out = new ArrayList<>(events.size());
        for (Event e : events) {
            out.addAll(map(e, staticLabels, defaultHost));
        }
        List<Map<String, String>> streamOrder = new ArrayList<>();
        Map<Map<String, String>, Integer> rank = new LinkedHashMap<>();
        for (LogRecord r : out) {
            rank.computeIfAbsent(r.stream, k -> {
                streamOrder.add(k);
                return streamOrder.size();
            });
        }
        // stable: equal timestamps keep the order they were offered in
        out.sort(Comparator.<LogRecord>comparingInt(r -> rank.get(r.stream))
                .thenComparingLong(r -> r.timestampMs).thenComparingInt(r -> r.nanosInMs));
        return out;
    }

    static List<LogRecord> map(Event e, Map<String, String> staticLabels, String defaultHost) {
        Map<String, String> stream = new LinkedHashMap<>();
        staticLabels.forEach((k, v) -> stream.put(k, labelValue(v)));
        String host = e.labels().getOrDefault("host", defaultHost);
        if (host != null && !host.isEmpty()) {
            stream.put("host", labelValue(host));
        }
        stream.put("source", labelValue(e.source().isEmpty() ? "unknown" : e.source()));
        stream.put("level", level(e.level()));
        for (String k : EVENT_LABELS) {
            String v = e.labels().get(k);
            if (v != null && !v.isEmpty()) {
                stream.put(k, labelValue(v));
            }
        }
        Map<String, String> meta = new TreeMap<>();
        e.labels().forEach((k, v) -> {
            if (!k.equals("host") && !EVENT_LABELS.contains(k)) {
                meta.put(k, v);
            }
        });
        meta.putAll(e.metadata());
        Map<String, String> md = metadata(meta);

        String line = e.message().isEmpty() ? "(" + e.source() + " event)" : e.message();
        long ms = e.time().toEpochMilli();
        int nanos = e.time().getNano() % 1_000_000;
        if (LokiLimits.utf8(line) <= LokiLimits.MAX_LINE_BYTES) {
            return List.of(LogRecord.create(ms, nanos, stream, line, md));
        }
        List<String> parts = new ArrayList<>();
        int at = 0;
        while (at < line.length()) {
            int n = LokiLimits.prefixChars(line, at, LokiLimits.MAX_LINE_BYTES);
            parts.add(line.substring(at, at + n));
            at += n;
        }
        List<LogRecord> out = new ArrayList<>(parts.size());
        Instant t = e.time();
        for (int i = 0; i < parts.size(); i++) {
            Map<String, String> pm = new LinkedHashMap<>(md);
            pm.put("part", (i + 1) + "/" + parts.size());
            Instant ti = t.plusNanos(i);
            out.add(LogRecord.create(ti.toEpochMilli(), ti.getNano() % 1_000_000, stream, parts.get(i), pm));
        }
        return out;
    }

    /**
     * A label value both wire formats carry unchanged: Loki4j's protobuf writer builds the label text
     * {@code {k="v"}} escaping only {@code "}, so a backslash or a control character would corrupt it; they become
     * {@code /} and a space. Cut at {@link LokiLimits#MAX_LABEL_VALUE_BYTES}.
     */
    static String labelValue(String v) {
        StringBuilder sb = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(v);
                }
                sb.setCharAt(i, c == '\\' ? '/' : ' ');
            }
        }
        return LokiLimits.truncate(sb == null ? v : sb.toString(), LokiLimits.MAX_LABEL_VALUE_BYTES);
    }

    static String level(String level) {
        return switch (level.toLowerCase(java.util.Locale.ROOT)) {
            case "warn", "warning" -> "warning";
            case "err", "error", "critical", "fatal" -> "error";
            case "debug" -> "debug";
            default -> "info";
        };
    }

    /** Valid names, values and counts; what was cut is listed in {@code truncated}. */
    static Map<String, String> metadata(Map<String, String> in) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> cut = new ArrayList<>();
        int budget = LokiLimits.MAX_METADATA_BYTES - 1024; // room for "truncated"
        boolean leftOut = false;
        for (Map.Entry<String, String> en : in.entrySet()) {
            String k = LokiLimits.truncate(LokiLimits.sanitizeName(en.getKey()), 256);
            if (k.equals("truncated") || out.containsKey(k)) {
                k = k + "_";
            }
            String v = en.getValue() == null ? "" : en.getValue();
            String tv = LokiLimits.truncate(v, LokiLimits.MAX_METADATA_VALUE_BYTES);
            int size = LokiLimits.utf8(k) + LokiLimits.utf8(tv);
            if (out.size() >= LokiLimits.MAX_METADATA_ENTRIES - 2 || size > budget) {
                leftOut = true;
                continue;
            }
            if (tv.length() < v.length()) {
                cut.add(k);
            }
            budget -= size;
            out.put(k, tv);
        }
        if (leftOut) {
            cut.add("*");
        }
        if (!cut.isEmpty()) {
            out.put("truncated", LokiLimits.truncate(String.join(",", cut), 900));
        }
        return out;
    }
}
