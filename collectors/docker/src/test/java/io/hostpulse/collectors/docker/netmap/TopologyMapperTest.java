package io.hostpulse.collectors.docker.netmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded replies from ../docker-api (see its SOURCES.md). */
class TopologyMapperTest {
    static JsonNode recorded(String name) throws IOException {
        try (InputStream in = TopologyMapperTest.class.getResourceAsStream("/docker-api/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void publishedPortsOnBothFamiliesAndTheNetworkAddress() throws IOException {
        Topology.Container c = TopologyMapper.container(recorded("container-inspect-aarch64-haos-mosquitto-journald.json"));
        assertThat(c.name()).isEqualTo("addon_core_mosquitto");
        assertThat(c.running()).isTrue();
        assertThat(c.addresses()).isEqualTo(Map.of("hassio", List.of("172.30.33.1")));
        assertThat(c.published()).containsExactly(new NetworkMap.PublishedPort("0.0.0.0", 1883, 1883, "tcp"),
                new NetworkMap.PublishedPort("::", 1883, 1883, "tcp"));
    }

    @Test
    void exposedPortsWithoutBindingsAreNotPublished() throws IOException {
        Topology.Container c = TopologyMapper.container(recorded("container-inspect-linux-btrfs-caddy-running.json"));
        assertThat(c.published()).isEmpty();
        assertThat(c.addresses()).containsEntry("bridge", List.of("172.17.0.4"));
        assertThat(c.hostMode()).isFalse();
    }

    @Test
    void networksWithTheirGateways() throws IOException {
        List<Topology.Net> n = TopologyMapper.networks(recorded("networks-list-compose.json"));
        assertThat(n).extracting(Topology.Net::name).containsExactly("bridge", "dockersd_default", "host", "none");
        assertThat(n.get(1).gateways()).containsExactly("172.19.0.1");
        assertThat(n.get(1).subnets()).containsExactly("172.19.0.0/16");
        assertThat(TopologyMapper.networks(null)).isEmpty();
    }

    @Test
    void hostileAndMissingFieldsDoNotThrow() throws IOException {
        JsonNode j = new ObjectMapper().readTree("""
                {"Id":"abc","Name":"/x","State":{"Status":"running","Pid":5},"HostConfig":{"NetworkMode":"host"},
                 "NetworkSettings":{"Ports":{"bad":[{"HostPort":"x"}],"99999/tcp":[{"HostPort":"1"}],"80/tcp":[{"HostPort":"70000"}],
                 "53/udp":[{"HostIp":"","HostPort":"5353"}]},"Networks":{"host":{"IPAddress":""}}},
                 "Config":{"Labels":{"hostpulse.map.network":"frontend_net"}}}""");
        Topology.Container c = TopologyMapper.container(j);
        assertThat(c.hostMode()).isTrue();
        assertThat(c.published()).containsExactly(new NetworkMap.PublishedPort("0.0.0.0", 5353, 53, "udp"));
        assertThat(c.addresses()).isEqualTo(Map.of("host", List.of()));
        assertThat(c.homeLabel()).isEqualTo("frontend_net");
    }
}
