package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostpulse.core.Point;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EngineMapperTest {

    @Test
    void dockerdAndPodmanInfo() {
        JsonNode info = Fixtures.json("recorded-dockerd-20.10/info.json");
        Map<String, String> tags = EngineMapper.engineTags(info);
        assertThat(tags).containsExactlyInAnyOrderEntriesOf(Map.of("engine_host", "vm", "server_version", "20.10.24+dfsg1"));
        Point p = EngineMapper.engine(info, tags, 4, 0, Instant.EPOCH);
        assertThat(p.measurement()).isEqualTo("docker");
        assertThat(p.field("n_cpus")).isEqualTo(2L);
        assertThat(p.field("n_containers")).isEqualTo(1L);
        assertThat(p.field("n_containers_running")).isEqualTo(1L);
        assertThat(p.field("n_used_file_descriptors")).isEqualTo(35L);
        assertThat(p.field("n_goroutines")).isEqualTo(47L);
        assertThat(p.field("memory_total")).isEqualTo(25_276_514_304L);
        assertThat(p.field("n_networks")).isEqualTo(4L);
        JsonNode pod = Fixtures.json("recorded-podman-4.3/info.json");
        assertThat(EngineMapper.engineTags(pod)).containsEntry("server_version", "4.3.1");
        assertThat(EngineMapper.engine(Fixtures.parse("{}"), Map.of(), 0, 0, Instant.EPOCH).fields())
                .containsOnlyKeys("n_networks", "n_unmapped_interfaces");
    }
}
