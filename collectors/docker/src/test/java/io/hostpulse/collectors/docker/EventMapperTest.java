package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostpulse.core.Event;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventMapperTest {

    @Test
    void podmanDieWithExitCodeKeptCleanupDropped() {
        List<JsonNode> stream = Fixtures.ndjson("recorded-podman-4.3/events.ndjson");
        Event die = EventMapper.map(stream.get(0));
        assertThat(die).isNotNull();
        assertThat(die.source()).isEqualTo("docker");
        assertThat(die.level()).isEqualTo("warning");
        assertThat(die.labels()).containsEntry("container_name", "api1").containsEntry("action", "die");
        assertThat(die.metadata()).containsEntry("exit_code", "137").containsEntry("image", "localhost/busybox:local")
                .containsEntry("container_id", "a40b1eb2940e684357f7e0f7b5874a2f2260e6d43eb9797b027aa8a7a27348e8");
        assertThat(die.time()).isEqualTo(Instant.ofEpochSecond(1795635596L, 340690002L));
        assertThat(die.message()).contains("api1").contains("137");
        assertThat(EventMapper.map(stream.get(1))).isNull(); // cleanup
    }

    @Test
    void createIsNotKept() {
        assertThat(EventMapper.map(Fixtures.json("event-container-create-docs-example.json"))).isNull();
    }

    @Test
    void healthOomAndComposeLabels() {
        Event h = EventMapper.map(Fixtures.parse("{\"Type\":\"container\",\"Action\":\"health_status: unhealthy\","
                + "\"Actor\":{\"ID\":\"abc\",\"Attributes\":{\"name\":\"db\",\"com.docker.compose.project\":\"shop\","
                + "\"com.docker.compose.service\":\"postgres\"}},\"time\":1700000000}"));
        assertThat(h.labels()).containsEntry("action", "health_status").containsEntry("compose_project", "shop")
                .containsEntry("compose_service", "postgres");
        assertThat(h.metadata()).containsEntry("health_status", "unhealthy");
        assertThat(h.level()).isEqualTo("warning");
        assertThat(h.time()).isEqualTo(Instant.ofEpochSecond(1700000000L));
        Event oom = EventMapper.map(Fixtures.parse("{\"Type\":\"container\",\"Action\":\"oom\",\"Actor\":{\"ID\":\"abc\",\"Attributes\":{\"name\":\"x\"}}}"));
        assertThat(oom.level()).isEqualTo("error");
        Event ok = EventMapper.map(Fixtures.parse("{\"Type\":\"container\",\"Action\":\"die\",\"Actor\":{\"ID\":\"abc\",\"Attributes\":{\"name\":\"x\",\"exitCode\":\"0\"}}}"));
        assertThat(ok.level()).isEqualTo("info");
    }

    @Test
    void otherTypesAndMalformedAreDropped() {
        assertThat(EventMapper.map(Fixtures.parse("{\"Type\":\"network\",\"Action\":\"connect\"}"))).isNull();
        assertThat(EventMapper.map(Fixtures.parse("{}"))).isNull();
        assertThat(EventMapper.map(Fixtures.parse("[1,2]"))).isNull();
        assertThat(EventMapper.map(null)).isNull();
        Event legacy = EventMapper.map(Fixtures.parse("{\"status\":\"start\",\"id\":\"0123456789abcdef0\",\"from\":\"nginx\",\"time\":5}"));
        assertThat(legacy.labels()).containsEntry("container_name", "0123456789ab").containsEntry("action", "start");
        assertThat(legacy.metadata()).containsEntry("image", "nginx");
    }

    @Test
    void sinceKeepsNanoseconds() {
        assertThat(DockerEventReader.since(1795635596340690002L)).isEqualTo("1795635596.340690002");
        assertThat(DockerEventReader.since(1_000_000_005L)).isEqualTo("1.000000005");
    }
}
