package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostpulse.core.Event;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure: one message of the /events stream -> an {@link Event} (source "docker"), or null for events that are
 * not kept. Kept: container start, stop, die (with exit code), oom, kill, restart, pause, unpause, and
 * health_status changes. Labels (low-cardinality): container_name, compose_project, compose_service, action;
 * the rest is metadata.
 */
final class EventMapper {
    private EventMapper() {
    }

    static Event map(JsonNode e) {
        if (e == null || !e.isObject()) {
            return null;
        }
        String type = Json.text(e, "Type");
        if (type != null && !"container".equals(type)) {
            return null;
        }
        String action = Json.text(e, "Action");
        if (action == null) {
            action = Json.text(e, "status"); // API < 1.22
        }
        if (action == null) {
            return null;
        }
        String health = null;
        String kind = action;
        if (action.startsWith("health_status")) {
            kind = "health_status";
            int colon = action.indexOf(':');
            health = colon < 0 ? null : action.substring(colon + 1).trim();
        } else if (!switch (action) {
            case "start", "stop", "die", "oom", "kill", "restart", "pause", "unpause" -> true;
            default -> false;
        }) {
            return null;
        }
        JsonNode actor = e.path("Actor");
        JsonNode attrs = actor.path("Attributes");
        String id = Json.text(actor, "ID");
        if (id == null) {
            id = Json.text(e, "id");
        }
        String name = Json.text(attrs, "name");
        if (name == null) {
            name = id == null ? "unknown" : id.substring(0, Math.min(12, id.length()));
        }
        Map<String, String> labels = new TreeMap<>();
        labels.put("container_name", name);
        labels.put("action", kind);
        put(labels, "compose_project", Json.text(attrs, ContainerMapper.COMPOSE_PROJECT));
        put(labels, "compose_service", Json.text(attrs, ContainerMapper.COMPOSE_SERVICE));

        Map<String, String> meta = new TreeMap<>();
        put(meta, "container_id", id);
        String image = Json.text(attrs, "image");
        put(meta, "image", image != null ? image : Json.text(e, "from"));
        String exit = Json.text(attrs, "exitCode");
        put(meta, "exit_code", exit);
        put(meta, "signal", Json.text(attrs, "signal"));
        put(meta, "health_status", health);

        Instant time = time(e);
        String level = "info";
        String message;
        switch (kind) {
            case "die" -> {
                boolean failed = exit != null && !"0".equals(exit);
                level = failed ? "warning" : "info";
                message = "container " + name + " died" + (exit == null ? "" : " (exit code " + exit + ")");
            }
            case "oom" -> {
                level = "error";
                message = "container " + name + " ran out of memory (OOM)";
            }
            case "health_status" -> {
                level = "unhealthy".equals(health) ? "warning" : "info";
                message = "container " + name + " is " + (health == null ? "of unknown health" : health);
            }
            case "kill" -> message = "container " + name + " was sent signal "
                    + (meta.containsKey("signal") ? meta.get("signal") : "?");
            case "stop" -> message = "container " + name + " stopped";
            case "start" -> message = "container " + name + " started";
            case "restart" -> message = "container " + name + " restarted";
            case "pause" -> message = "container " + name + " paused";
            default -> message = "container " + name + " unpaused";
        }
        return new Event(time, "docker", level, message, labels, meta);
    }

    /** timeNano when present, else time (seconds); epoch 0 when neither. */
    static Instant time(JsonNode e) {
        Long nano = Json.lng(e, "timeNano");
        if (nano != null && nano > 0) {
            return Instant.ofEpochSecond(nano / 1_000_000_000L, nano % 1_000_000_000L);
        }
        Long s = Json.lng(e, "time");
        return Instant.ofEpochSecond(s == null ? 0 : s);
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }
}
