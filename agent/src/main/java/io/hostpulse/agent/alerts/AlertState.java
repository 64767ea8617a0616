package io.hostpulse.agent.alerts;

import io.hostpulse.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the alert engine must remember across a restart so that receivers do not notice it: every series that
 * fires (its level and since when, when it was last notified, its last message) or is pending (since when, how
 * many collections). Without it a restart mid-alert pushed Kuma a false "OK" for the whole {@code for} window and
 * sent the webhook a second {@code firing} with a new {@code since} and never a {@code resolved} for the first.
 *
 * <p>The file ({@code alerts-state.json} in the data directory) is small JSON with a {@code version}; it is written
 * whole to a temporary file and moved over the old one, so a crash leaves the old or the new state, never half.
 * A file of another version, or one that cannot be read, is logged by the caller and the agent starts fresh.
 */
public final class AlertState {
    static final int VERSION = 1;
    static final String FILE = "alerts-state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertState() {
    }

    /** One remembered series. {@code firing} is null for a pending one. */
    record Series(String rule, Map<String, String> labels, String source, Level level, Level firing,
                  Instant firingSince, Instant lastNotified, Instant pendingSince, int pendingCount, String message,
                  String value) {
    }

    static String toJson(List<Series> series, Instant saved) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("saved", saved.toString());
        ArrayNode arr = root.putArray("series");
        for (Series s : series) {
            ObjectNode o = arr.addObject();
            o.put("rule", s.rule());
            ObjectNode labels = o.putObject("labels");
            new TreeMap<>(s.labels()).forEach(labels::put);
            if (s.source() != null) {
                o.put("source", s.source());
            }
            o.put("level", s.level().name());
            if (s.firing() != null) {
                o.put("firing", s.firing().name());
                o.put("firing_since", s.firingSince().toString());
                o.put("last_notified", s.lastNotified().toString());
            }
            if (s.pendingSince() != null) {
                o.put("pending_since", s.pendingSince().toString());
                o.put("pending_count", s.pendingCount());
            }
            if (s.message() != null) {
                o.put("message", s.message());
            }
            if (s.value() != null) {
                o.put("value", s.value());
            }
        }
        return root.toPrettyString() + "\n";
    }

    /** The series in {@code text}; throws IOException (with a reason) for another version or a damaged file. */
    static List<Series> fromJson(String text) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new IOException("not valid JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IOException("version " + root.path("version") + " is not " + VERSION);
        }
        List<Series> out = new ArrayList<>();
        try {
            for (JsonNode o : root.path("series")) {
                Map<String, String> labels = new TreeMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = o.path("labels").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    labels.put(e.getKey(), e.getValue().asText());
                }
                Level firing = o.hasNonNull("firing") ? Level.valueOf(o.get("firing").asText()) : null;
                out.add(new Series(o.path("rule").asText(), labels, o.hasNonNull("source") ? o.get("source").asText() : null,
                        Level.valueOf(o.path("level").asText("OK")), firing,
                        firing == null ? null : Instant.parse(o.path("firing_since").asText()),
                        firing == null ? null : Instant.parse(o.path("last_notified").asText()),
                        o.hasNonNull("pending_since") ? Instant.parse(o.get("pending_since").asText()) : null,
                        o.path("pending_count").asInt(0),
                        o.hasNonNull("message") ? o.get("message").asText() : null,
                        o.hasNonNull("value") ? o.get("value").asText() : null));
            }
        } catch (RuntimeException e) {
            throw new IOException("a series cannot be read (" + e.getMessage() + ")");
        }
        return out;
    }

    /** Writes {@code text} to {@code file} atomically ({@link AtomicFiles}). */
    static void write(Path file, String text) throws IOException {
        AtomicFiles.write(file, text);
    }
}
