package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostpulse.core.Point;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Pure: GET /info -> the engine's tags and the {@code docker} summary point (Telegraf's field names). */
final class EngineMapper {
    private EngineMapper() {
    }

    /** engine_host (the engine's host name) and server_version: tags on every docker point. */
    static Map<String, String> engineTags(JsonNode info) {
        TreeMap<String, String> t = new TreeMap<>();
        String host = Json.text(info, "Name");
        String version = Json.text(info, "ServerVersion");
        if (host != null && !host.isEmpty()) {
            t.put("engine_host", host);
        }
        if (version != null && !version.isEmpty()) {
            t.put("server_version", version);
        }
        return t;
    }

    static Point engine(JsonNode info, Map<String, String> engineTags, int networks, int unmappedInterfaces, Instant now) {
        return Point.builder("docker").tags(engineTags).time(now)
                .field("n_cpus", Json.lng(info, "NCPU"))
                .field("n_used_file_descriptors", Json.lng(info, "NFd"))
                .field("n_containers", Json.lng(info, "Containers"))
                .field("n_containers_running", Json.lng(info, "ContainersRunning"))
                .field("n_containers_stopped", Json.lng(info, "ContainersStopped"))
                .field("n_containers_paused", Json.lng(info, "ContainersPaused"))
                .field("n_images", Json.lng(info, "Images"))
                .field("n_goroutines", Json.lng(info, "NGoroutines"))
                .field("n_listener_events", Json.lng(info, "NEventsListener"))
                .field("memory_total", Json.lng(info, "MemTotal"))
                .field("n_networks", (long) networks)
                .field("n_unmapped_interfaces", (long) unmappedInterfaces)
                .build();
    }
}
