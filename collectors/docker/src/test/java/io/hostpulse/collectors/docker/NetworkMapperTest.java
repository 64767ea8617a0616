package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostpulse.core.Point;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NetworkMapperTest {
    static final Instant NOW = Instant.parse("2026-11-25T20:00:00Z");

    static ContainerMeta twoNetworks() {
        Map<String, ContainerMeta.Endpoint> eps = new LinkedHashMap<>();
        eps.put("backend_net", new ContainerMeta.Endpoint("b1", "02:42:0A:00:01:05"));
        eps.put("frontend_net", new ContainerMeta.Endpoint("f1", "02:42:0a:00:02:07"));
        return Fixtures.meta("proxy", eps, null);
    }

    @Test
    void macAddressesDecideNotTheInterfaceOrder() {
        // eth0 carries frontend_net although backend_net is listed first
        Map<String, String> macs = Map.of("lo", "00:00:00:00:00:00", "eth0", "02:42:0a:00:02:07", "eth1", "02:42:0a:00:01:05\n");
        Map<String, String> m = NetworkMapper.interfaceNetworks(Set.of("eth0", "eth1"), macs, twoNetworks());
        assertThat(m).containsExactlyInAnyOrderEntriesOf(Map.of("eth0", "frontend_net", "eth1", "backend_net"));
    }

    @Test
    void withoutMacsOnlyTheUnambiguousCaseIsMapped() {
        assertThat(NetworkMapper.interfaceNetworks(Set.of("eth0", "eth1"), Map.of(), twoNetworks())).isEmpty();
        ContainerMeta one = Fixtures.meta("db", Map.of("db_net", new ContainerMeta.Endpoint("d", "02:42:0a:00:03:02")), null);
        assertThat(NetworkMapper.interfaceNetworks(Set.of("eth0"), Map.of(), one)).containsEntry("eth0", "db_net");
        assertThat(NetworkMapper.interfaceNetworks(Set.of("network"), Map.of(), one)).containsEntry("network", "db_net"); // podman
        ContainerMeta host = Fixtures.meta("h", Map.of("host", new ContainerMeta.Endpoint("h", "")), null);
        assertThat(NetworkMapper.interfaceNetworks(Set.of("eth0"), Map.of(), host)).isEmpty();
        ContainerMeta shared = new ContainerMeta("x", "x", "running", new TreeMap<>(), 1, "container:abc", Map.of(), null, List.of());
        assertThat(NetworkMapper.interfaceNetworks(Set.of("eth0"), Map.of(), shared)).isEmpty();
    }

    @Test
    void perNetworkSumsCountsAndRates() {
        JsonNode networks = Fixtures.json("networks-list-compose.json");
        String found = null;
        for (JsonNode n : networks) {
            if (n.path("Driver").asText().equals("bridge") && !n.path("Name").asText().equals("bridge")) {
                found = n.path("Name").asText();
            }
        }
        assertThat(found).isNotNull();
        String compose = found;
        long[] a = {1000, 10, 0, 0, 500, 5, 0, 0};
        long[] b = {3000, 30, 1, 0, 700, 7, 0, 2};
        List<NetworkMapper.Traffic> traffic = List.of(new NetworkMapper.Traffic("c1", "eth0", compose, a),
                new NetworkMapper.Traffic("c2", "eth1", compose, b));
        List<Point> first = NetworkMapper.points(networks, Map.of(compose, 2), traffic, null, null, Map.of("engine_host", "h"), NOW);
        assertThat(first).hasSize(networks.size());
        Point p = first.stream().filter(x -> x.tag("network").equals(compose)).findFirst().orElseThrow();
        assertThat(p.tag("driver")).isEqualTo("bridge");
        assertThat(p.tag("engine_host")).isEqualTo("h");
        assertThat(p.field("containers")).isEqualTo(2L);
        assertThat(p.field("rx_bytes")).isEqualTo(4000L);
        assertThat(p.field("tx_bytes")).isEqualTo(1200L);
        assertThat(p.field("rx_errors")).isEqualTo(1L);
        assertThat(p.field("tx_dropped")).isEqualTo(2L);
        assertThat(p.fields()).doesNotContainKey("rx_bytes_per_second"); // first collection
        Point none = first.stream().filter(x -> x.tag("network").equals("none")).findFirst().orElseThrow();
        assertThat(none.field("containers")).isEqualTo(0L);
        assertThat(none.field("rx_bytes")).isEqualTo(0L);

        // 10 s later: c1 received 5000 more, c2 restarted (counters went down: adds nothing), c3 is new (adds nothing)
        Map<String, long[]> prev = Map.of("c1/eth0", a, "c2/eth1", b);
        List<NetworkMapper.Traffic> later = List.of(
                new NetworkMapper.Traffic("c1", "eth0", compose, new long[]{6000, 0, 0, 0, 1500, 0, 0, 0}),
                new NetworkMapper.Traffic("c2", "eth1", compose, new long[]{10, 0, 0, 0, 10, 0, 0, 0}),
                new NetworkMapper.Traffic("c3", "eth0", compose, new long[]{99999, 0, 0, 0, 99999, 0, 0, 0}));
        Point q = NetworkMapper.points(networks, Map.of(), later, prev, Duration.ofSeconds(10), Map.of(), NOW).stream()
                .filter(x -> x.tag("network").equals(compose)).findFirst().orElseThrow();
        assertThat((double) q.field("rx_bytes_per_second")).isCloseTo(500.0, within(1e-9));
        assertThat((double) q.field("tx_bytes_per_second")).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void trafficOnANetworkMissingFromTheListStillGetsARow() {
        List<Point> pts = NetworkMapper.points(null, Map.of(), List.of(new NetworkMapper.Traffic("c", "eth0", "gone",
                new long[8])), null, null, Map.of(), NOW);
        assertThat(pts).singleElement().satisfies(p -> assertThat(p.tag("network")).isEqualTo("gone"));
    }
}
