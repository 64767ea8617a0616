package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostpulse.core.Point;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Pure: a container's inspect reply -> its tags ({@link ContainerMeta}) and its status and health points. */
final class ContainerMapper {
    static final String COMPOSE_PROJECT = "com.docker.compose.project";
    static final String COMPOSE_SERVICE = "com.docker.compose.service";
    /**
     * Tag keys hostpulse sets itself (container and engine tags, the per-measurement tags, the agent's host): a
     * label of that name is not copied, so a label never changes which series a point belongs to.
     */
    static final Set<String> OWN_TAGS = Set.of("host", "engine_host", "server_version", "container_name",
            "container_image", "container_version", "compose_project", "compose_service", "container_status", "cpu",
            "network", "interface", "device");

    private ContainerMapper() {
    }

    /**
     * @param listImage the Image field of the container list (what the user asked for, like Telegraf uses);
     *                  null: the inspect's Config.Image
     * @param labels    which label keys become tags (label_include / label_exclude); each under its own key, as
     *                  Telegraf writes them, except those in {@link #OWN_TAGS}
     */
    static ContainerMeta meta(JsonNode inspect, String listImage, Map<String, String> engineTags, Predicate<String> labels) {
        String id = Json.text(inspect, "Id");
        if (id == null) {
            throw new IllegalArgumentException("container inspect reply has no Id");
        }
        String name = Json.text(inspect, "Name");
        name = name == null || name.isEmpty() ? id.substring(0, Math.min(12, id.length())) : stripSlash(name);
        JsonNode config = inspect.path("Config");
        JsonNode state = inspect.path("State");
        String image = listImage != null ? listImage : Json.text(config, "Image");
        String[] iv = parseImage(image == null ? "" : image);

        TreeMap<String, String> tags = new TreeMap<>(engineTags);
        putTag(tags, "container_name", name);
        putTag(tags, "container_image", iv[0]);
        putTag(tags, "container_version", iv[1]);
        JsonNode labelNode = config.path("Labels");
        List<String> notCopied = new ArrayList<>();
        if (labelNode.isObject()) {
            putTag(tags, "compose_project", Json.text(labelNode, COMPOSE_PROJECT));
            putTag(tags, "compose_service", Json.text(labelNode, COMPOSE_SERVICE));
            for (Map.Entry<String, JsonNode> e : labelNode.properties()) {
                if (!labels.test(e.getKey())) {
                    continue;
                }
                if (OWN_TAGS.contains(e.getKey())) {
                    notCopied.add(e.getKey());
                } else if (e.getValue().isValueNode()) {
                    putTag(tags, e.getKey(), e.getValue().asText());
                }
            }
        }
        String st = Json.text(state, "Status");
        if (st == null) { // API < 1.21 has only booleans
            st = state.path("Running").asBoolean(false) ? "running" : "exited";
        }
        Long pid = Json.lng(state, "Pid");
        JsonNode host = inspect.path("HostConfig");
        Map<String, ContainerMeta.Endpoint> endpoints = new LinkedHashMap<>();
        JsonNode nets = inspect.path("NetworkSettings").path("Networks");
        for (Map.Entry<String, JsonNode> e : nets.properties()) {
            endpoints.put(e.getKey(), new ContainerMeta.Endpoint(Json.text(e.getValue(), "NetworkID"),
                    Json.text(e.getValue(), "MacAddress")));
        }
        return new ContainerMeta(id, name, st, tags, pid == null ? 0 : pid.intValue(),
                Json.text(host, "NetworkMode"), endpoints, cpuLimit(host), List.copyOf(notCopied));
    }

    /** docker_container_status and, when the container has a healthcheck, docker_container_health. */
    static List<Point> statusPoints(ContainerMeta m, JsonNode inspect, Instant now, Long pidsCurrent, Long pidsLimit) {
        JsonNode state = inspect.path("State");
        Instant started = Json.time(Json.text(state, "StartedAt"));
        Instant finished = Json.time(Json.text(state, "FinishedAt"));
        Point.Builder s = Point.builder("docker_container_status").tags(m.tags()).tag("container_status", m.state())
                .time(now)
                .field("oomkilled", state.path("OOMKilled").asBoolean(false))
                .field("pid", Json.lng(state, "Pid"))
                .field("exitcode", Json.lng(state, "ExitCode"))
                .field("restart_count", Json.lng(inspect, "RestartCount"))
                .field("started_at", started == null ? null : Json.epochNanos(started))
                .field("finished_at", finished == null ? null : Json.epochNanos(finished))
                .field("pids_current", pidsCurrent)
                .field("pids_limit", pidsLimit)
                .field("container_id", m.id());
        if (m.running() && started != null && !now.isBefore(started)) {
            s.field("uptime_ns", Duration.between(started, now).toNanos());
        }
        List<Point> out = new ArrayList<>(2);
        out.add(s.build());
        JsonNode health = state.path("Health");
        String hs = Json.text(health, "Status");
        if (hs != null && !hs.isEmpty() && !"none".equals(hs)) {
            out.add(Point.builder("docker_container_health").tags(m.tags()).time(now)
                    .field("health_status", hs)
                    .field("failing_streak", Json.lng(health, "FailingStreak"))
                    .field("container_id", m.id())
                    .build());
        }
        return out;
    }

    /** Telegraf's split: "repo/name:tag" -> {"repo/name", "tag"}; no tag -> "unknown"; a digest is dropped. */
    static String[] parseImage(String image) {
        String img = image;
        int at = img.indexOf('@');
        if (at >= 0) {
            img = img.substring(0, at);
        }
        int slash = img.lastIndexOf('/');
        int colon = img.lastIndexOf(':');
        if (colon > slash && colon >= 0) {
            return new String[]{img.substring(0, colon), img.substring(colon + 1)};
        }
        return new String[]{img, "unknown"};
    }

    /** The smallest of NanoCpus, CpuQuota/CpuPeriod and the cpuset size; null when none is set. */
    static Double cpuLimit(JsonNode host) {
        Double limit = null;
        Long nano = Json.lng(host, "NanoCpus");
        if (nano != null && nano > 0) {
            limit = nano / 1e9;
        }
        Long quota = Json.lng(host, "CpuQuota");
        if (quota != null && quota > 0) {
            Long period = Json.lng(host, "CpuPeriod");
            double q = quota / (double) (period == null || period <= 0 ? 100_000L : period);
            limit = limit == null ? q : Math.min(limit, q);
        }
        String cpuset = Json.text(host, "CpusetCpus");
        int n = cpusetSize(cpuset);
        if (n > 0) {
            limit = limit == null ? n : Math.min(limit, n);
        }
        return limit;
    }

    /** "0-2,5" -> 4; empty or malformed -> 0. */
    static int cpusetSize(String cpuset) {
        if (cpuset == null || cpuset.isBlank()) {
            return 0;
        }
        int n = 0;
        try {
            for (String part : cpuset.split(",")) {
                String p = part.trim();
                if (!p.matches("\\d+(-\\d+)?")) {
                    return 0;
                }
                int dash = p.indexOf('-');
                n += dash < 0 ? 1 : Integer.parseInt(p.substring(dash + 1)) - Integer.parseInt(p.substring(0, dash)) + 1;
            }
        } catch (NumberFormatException e) {
            return 0;
        }
        return n;
    }

    static String stripSlash(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    private static void putTag(Map<String, String> tags, String k, String v) {
        if (v != null && !v.isEmpty()) {
            tags.put(k, v);
        }
    }
}
