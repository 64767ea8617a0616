package io.hostpulse.collectors.docker.netmap;

import io.hostpulse.collectors.docker.netmap.rules.SegmentationRules;
import io.hostpulse.core.config.ConfigNode;

import java.time.Duration;

/**
 * The Docker collector's {@code network_map} keys.
 *
 * @param enabled   read each container's sockets every collection and keep the map
 * @param conntrack byte counts from nf_conntrack when it is readable and counts (true); false: never read it
 * @param retention how long an edge not seen any more stays on the map
 * @param maxEdges  at most this many edges are kept (and written: one series each)
 * @param interval  read the sockets at most this often (zero: every collection); between readings only the last
 *                  reading's segmentation breaches are written again, so their alerts neither resolve nor repeat
 * @param rules     the segmentation rules checked against every new map
 */
public record NetworkMapConfig(boolean enabled, boolean conntrack, Duration retention, int maxEdges,
                               Duration interval, SegmentationRules rules) {

    public static final NetworkMapConfig DEFAULT = new NetworkMapConfig(true, true, Duration.ofDays(7), 1000,
            Duration.ZERO, SegmentationRules.none());

    public static NetworkMapConfig from(ConfigNode node) {
        return new NetworkMapConfig(node.bool("enabled", DEFAULT.enabled()),
                node.bool("conntrack", DEFAULT.conntrack()),
                node.positiveDuration("retention", DEFAULT.retention()),
                (int) node.integer("max_edges", DEFAULT.maxEdges(), 1, 100_000),
                node.duration("interval", DEFAULT.interval()),
                SegmentationRules.parse(node));
    }
}
