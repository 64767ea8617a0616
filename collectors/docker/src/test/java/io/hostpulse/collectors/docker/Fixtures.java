package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Recorded Docker API replies under src/test/resources/docker-api (see SOURCES.md there). */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/docker-api/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean exists(String name) {
        return Fixtures.class.getResource("/docker-api/" + name) != null;
    }

    static JsonNode json(String name) {
        return parse(text(name));
    }

    static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> ndjson(String name) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : text(name).split("\n")) {
            if (!line.isBlank()) {
                out.add(parse(line));
            }
        }
        return out;
    }

    static ContainerMeta meta(String name, Map<String, ContainerMeta.Endpoint> endpoints, Double cpuLimit) {
        TreeMap<String, String> tags = new TreeMap<>(Map.of("container_name", name));
        return new ContainerMeta("id-" + name, name, "running", tags, 42, "bridge", endpoints, cpuLimit, List.of());
    }
}
