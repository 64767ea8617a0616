package io.hostpulse.collectors.docker.netmap.rules;

import io.hostpulse.core.Point;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ViolationPointsTest {
    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    static final Map<String, String> BASE = Map.of("host", "nas", "engine_host", "nas", "server_version", "26.1.5");

    @Test
    void anEdgeViolationIsOnePointWithEveryTagAndTheConnectionsAsItsValue() {
        Violation v = new Violation("db_only_from_app", "accept_only", "web", "db", 5432, "tcp", "net_b", 3,
                "web connected to db ...");

        List<Point> points = ViolationPoints.points(List.of(v), BASE, T);

        assertThat(points).hasSize(1);
        Point p = points.get(0);
        assertThat(p.measurement()).isEqualTo("docker_segmentation");
        assertThat(p.time()).isEqualTo(T);
        assertThat(p.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("host", "nas", "engine_host", "nas",
                "server_version", "26.1.5", "rule", "db_only_from_app", "kind", "accept_only", "client", "web",
                "server", "db", "port", "5432", "proto", "tcp", "network", "net_b"));
        assertThat(p.fields()).containsExactlyInAnyOrderEntriesOf(Map.of("violations", 3L, "message", "web connected to db ..."));
        assertThat(p.fields().keySet()).as("the fields the plugin's schema declares").isEqualTo(ViolationPoints.FIELDS);
    }

    @Test
    void aStaticViolationLeavesOutTheTagsItHasNot() {
        Violation v = new Violation("dmz_apart", "not_on_both", null, "leaky", 0, null, "frontend_net+db_net", 1, "m");

        Point p = ViolationPoints.points(List.of(v), Map.of("host", "nas"), T).get(0);

        assertThat(p.tags()).containsOnlyKeys("host", "rule", "kind", "server", "network");
        assertThat(p.field("violations")).isEqualTo(1L);
    }

    @Test
    void theViolationsOwnTagsWinOverBaseTags() {
        Violation v = new Violation("r", "outside_only", "outside", "npm", 443, "tcp", "frontend_net", 1, "m");

        Point p = ViolationPoints.points(List.of(v), Map.of("host", "nas", "server", "engine", "rule", "x"), T).get(0);

        assertThat(p.tag("server")).isEqualTo("npm");
        assertThat(p.tag("rule")).isEqualTo("r");
    }

    @Test
    void oneSeriesPerViolationOfTheHomelab() {
        // every violation of a map is its own alert series: the tags of two violations never coincide
        List<Violation> v = SegmentationRulesTest.rules("""
                rules:
                  - {name: anyone, kind: accept_only, to: any, from: ["container:nobody"]}
                  - {name: apart, kind: not_on_both, networks: [frontend_net, backend_net, db_net, monitoring_net]}
                  - {name: nopub, kind: no_published_ports, on: any}
                  - {name: closed, kind: outside_only, to: ["container:nobody"]}
                """).check(TestMap.homelab().build());

        List<Point> points = ViolationPoints.points(v, BASE, T);

        assertThat(points).hasSize(v.size()).hasSizeGreaterThan(15);
        assertThat(points.stream().map(Point::tags).distinct()).hasSize(points.size());
    }
}
