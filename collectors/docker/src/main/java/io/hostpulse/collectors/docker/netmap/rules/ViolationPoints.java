package io.hostpulse.collectors.docker.netmap.rules;

import io.hostpulse.core.Point;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code docker_segmentation} measurement: one point per violation, so that the alert engine's built-in
 * {@code segmentation} rule (field {@code violations} &gt; 0, series = all tags) fires once per breach and resolves
 * when the breach's point is missing from a later batch. Cardinality: at most one series per rule and edge (connection
 * kinds) or per rule and container port / container (static kinds), bounded by the map's edges and nodes.
 */
public final class ViolationPoints {
    public static final String MEASUREMENT = "docker_segmentation";
    /** The fields of {@link #MEASUREMENT}, for the plugin's schema (alert-rule checks). */
    public static final java.util.Set<String> FIELDS = java.util.Set.of("violations", "message");

    private ViolationPoints() {
    }

    /**
     * Tags rule, kind, client, server, port, proto, network (each left out when empty or 0) over {@code baseTags}
     * (host, engine_host, server_version: the point's own tags win); fields {@code violations} (the connections now,
     * 1 for a static breach) and {@code message}.
     */
    public static List<Point> points(List<Violation> violations, Map<String, String> baseTags, Instant time) {
        List<Point> out = new ArrayList<>(violations.size());
        for (Violation v : violations) {
            out.add(Point.builder(MEASUREMENT)
                    .tags(baseTags)
                    .tag("rule", v.rule())
                    .tag("kind", v.kind())
                    .tag("client", v.client())
                    .tag("server", v.server())
                    .tag("port", v.port() > 0 ? Integer.toString(v.port()) : null)
                    .tag("proto", v.proto())
                    .tag("network", v.network())
                    .field("violations", (long) v.connections())
                    .field("message", v.message())
                    .time(time)
                    .build());
        }
        return out;
    }
}
