package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostpulse.core.Point;
import io.hostpulse.core.text.Glob;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ContainerMapperTest {
    static final Map<String, String> ENGINE = Map.of("engine_host", "vm", "server_version", "20.10.24+dfsg1");
    /** Telegraf's default: every label. */
    static final Predicate<String> ALL_LABELS = Glob.filter(List.of(), List.of());
    static final Predicate<String> NO_LABELS = Glob.anyOf(List.of());

    static Predicate<String> labels(List<String> include, List<String> exclude) {
        return Glob.filter(include, exclude);
    }

    @Test
    void runningContainerRecordedOnDockerd2010() {
        JsonNode inspect = Fixtures.json("recorded-dockerd-20.10/containers_CID_json.json");
        ContainerMeta m = ContainerMapper.meta(inspect, "busybox:local", ENGINE, NO_LABELS);
        assertThat(m.name()).isEqualTo("probe1");
        assertThat(m.tags()).containsEntry("container_name", "probe1").containsEntry("container_image", "busybox")
                .containsEntry("container_version", "local").containsEntry("engine_host", "vm")
                .doesNotContainKeys("compose_project", "container_id");
        assertThat(m.pid()).isEqualTo(14602);
        assertThat(m.endpoints()).containsOnlyKeys("hostmon-test");
        assertThat(m.endpoints().get("hostmon-test").mac()).isEqualTo("02:42:0a:7b:2f:02");
        assertThat(m.cpuLimit()).isNull();
        Instant now = Instant.parse("2026-11-25T19:41:21.542641849Z");
        List<Point> pts = ContainerMapper.statusPoints(m, inspect, now, 2L, null);
        assertThat(pts).hasSize(1);
        Point s = pts.get(0);
        assertThat(s.measurement()).isEqualTo("docker_container_status");
        assertThat(s.tag("container_status")).isEqualTo("running");
        assertThat(s.field("uptime_ns")).isEqualTo(10_000_000_000L); // started 10 s before now
        assertThat(s.field("started_at")).isEqualTo(1_795_635_671_542_641_849L);
        assertThat(s.fields()).doesNotContainKey("finished_at"); // 0001-01-01 means never
        assertThat(s.field("oomkilled")).isEqualTo(false);
        assertThat(s.field("pid")).isEqualTo(14602L);
        assertThat(s.field("pids_current")).isEqualTo(2L);
        assertThat(s.field("container_id")).isEqualTo(inspect.get("Id").asText());
    }

    @Test
    void exitedContainer() {
        JsonNode inspect = Fixtures.json("recorded-dockerd-20.10/containers_exited_json.json");
        ContainerMeta m = ContainerMapper.meta(inspect, null, ENGINE, ALL_LABELS);
        assertThat(m.running()).isFalse();
        assertThat(m.tags()).containsEntry("hostmon.test", "1"); // every label by default, under its own key
        Point s = ContainerMapper.statusPoints(m, inspect, Instant.parse("2026-11-25T20:00:00Z"), null, null).get(0);
        assertThat(s.tag("container_status")).isEqualTo("exited");
        assertThat(s.field("exitcode")).isEqualTo(3L);
        assertThat(s.fields()).doesNotContainKeys("uptime_ns", "pids_current");
        assertThat(s.field("finished_at")).isEqualTo(1_795_635_698_687_083_570L);
    }

    @Test
    void healthcheckGivesAHealthPoint() {
        JsonNode inspect = Fixtures.json("container-inspect-healthcheck-api1.24-docs-derived.json");
        ContainerMeta m = ContainerMapper.meta(inspect, null, ENGINE, NO_LABELS);
        List<Point> pts = ContainerMapper.statusPoints(m, inspect, Instant.now(), null, null);
        Point h = pts.stream().filter(p -> p.measurement().equals("docker_container_health")).findFirst().orElseThrow();
        assertThat(h.field("health_status")).isEqualTo("healthy");
        assertThat(h.field("failing_streak")).isEqualTo(0L);
        assertThat(m.tags()).containsEntry("container_image", "busybox").containsEntry("container_version", "unknown");
    }

    @Test
    void everyLabelIsATagByDefaultUnderItsOwnKeyAsTelegrafWrites() {
        JsonNode inspect = Fixtures.json("container-inspect-aarch64-haos-mosquitto-journald.json");
        ContainerMeta all = ContainerMapper.meta(inspect, null, ENGINE, ALL_LABELS);
        JsonNode labels = inspect.at("/Config/Labels");
        labels.properties().forEach(e -> {
            if (!e.getValue().asText().isEmpty()) {
                assertThat(all.tags()).containsEntry(e.getKey(), e.getValue().asText());
            }
        });
        // 14 labels, one with an empty value (supervisor_managed: ""), which InfluxDB cannot store as a tag
        assertThat(all.tags().keySet().stream().filter(k -> labels.has(k))).hasSize(13);
        assertThat(all.tags()).doesNotContainKey("supervisor_managed");
        assertThat(all.tags()).containsEntry("container_image", "homeassistant/aarch64-addon-mosquitto")
                .containsEntry("container_version", "6.1.3");
        assertThat(all.ownTagLabels()).isEmpty();
    }

    @Test
    void labelIncludeAndExcludeGlobs() {
        JsonNode inspect = Fixtures.json("container-inspect-aarch64-haos-mosquitto-journald.json");
        ContainerMeta some = ContainerMapper.meta(inspect, null, ENGINE, labels(List.of("io.hass.*"), List.of("io.hass.base.*")));
        assertThat(some.tags()).containsEntry("io.hass.type", "addon").containsEntry("io.hass.name", "Mosquitto broker")
                .doesNotContainKeys("io.hass.base.arch", "io.hass.base.image", "org.opencontainers.image.version");
        ContainerMeta excluded = ContainerMapper.meta(inspect, null, ENGINE, labels(List.of(), List.of("org.*", "io.hass.?rch")));
        assertThat(excluded.tags()).containsEntry("io.hass.type", "addon").containsEntry("io.hass.base.arch", "aarch64")
                .doesNotContainKeys("io.hass.arch", "org.opencontainers.image.version", "org.opencontainers.image.source");
        ContainerMeta none = ContainerMapper.meta(inspect, null, ENGINE, NO_LABELS);
        assertThat(none.tags().keySet()).noneMatch(k -> k.startsWith("io.hass") || k.startsWith("org."));
    }

    @Test
    void composeLabelsGiveTheirShortTagsAsWellAndLabelsNeverReplaceOwnTags() {
        JsonNode compose = Fixtures.parse("{\"Id\":\"abc\",\"Name\":\"/x\",\"Config\":{\"Image\":\"nginx\",\"Labels\":"
                + "{\"com.docker.compose.project\":\"media\",\"com.docker.compose.service\":\"jellyfin\","
                + "\"host\":\"other\",\"container_name\":\"fake\",\"network\":\"lan\",\"docker.group\":\"g1\"}},"
                + "\"State\":{\"Status\":\"running\"}}");
        ContainerMeta m = ContainerMapper.meta(compose, null, ENGINE, ALL_LABELS);
        assertThat(m.tags()).containsEntry("compose_project", "media").containsEntry("compose_service", "jellyfin")
                .containsEntry("com.docker.compose.project", "media").containsEntry("com.docker.compose.service", "jellyfin")
                .containsEntry("docker.group", "g1").containsEntry("container_name", "x")
                .doesNotContainKeys("host", "network");
        assertThat(m.ownTagLabels()).containsExactlyInAnyOrder("host", "container_name", "network");
        // the short compose tags do not depend on the label filter
        assertThat(ContainerMapper.meta(compose, null, ENGINE, NO_LABELS).tags())
                .containsEntry("compose_project", "media").containsEntry("compose_service", "jellyfin")
                .doesNotContainKey("com.docker.compose.project");
    }

    @Test
    void windowsAndPodmanInspect() {
        JsonNode win = Fixtures.json("container-inspect-windows-hyperv-nanoserver-api1.38.json");
        ContainerMeta w = ContainerMapper.meta(win, null, ENGINE, NO_LABELS);
        assertThat(w.endpoints()).containsOnlyKeys("nat");
        assertThat(w.tags()).containsEntry("container_image", "microsoft/nanoserver");
        JsonNode pod = Fixtures.json("recorded-podman-4.3/containers_CID_json.json");
        ContainerMeta p = ContainerMapper.meta(pod, null, ENGINE, NO_LABELS);
        assertThat(p.tags()).containsEntry("container_image", "localhost/busybox").containsEntry("container_version", "local");
        // podman reports Health.Status "" when there is no healthcheck: no health point
        assertThat(ContainerMapper.statusPoints(p, pod, Instant.now(), null, null)).hasSize(1);
    }

    @Test
    void imageNames() {
        assertThat(ContainerMapper.parseImage("nginx")).containsExactly("nginx", "unknown");
        assertThat(ContainerMapper.parseImage("nginx:1.25")).containsExactly("nginx", "1.25");
        assertThat(ContainerMapper.parseImage("registry:5000/team/app:2.0")).containsExactly("registry:5000/team/app", "2.0");
        assertThat(ContainerMapper.parseImage("registry:5000/team/app")).containsExactly("registry:5000/team/app", "unknown");
        assertThat(ContainerMapper.parseImage("app@sha256:abcd")).containsExactly("app", "unknown");
    }

    @Test
    void cpuLimits() {
        assertThat(ContainerMapper.cpuLimit(Fixtures.parse("{\"NanoCpus\":1500000000}"))).isCloseTo(1.5, within(1e-12));
        assertThat(ContainerMapper.cpuLimit(Fixtures.parse("{\"CpuQuota\":50000,\"CpuPeriod\":100000}"))).isCloseTo(0.5, within(1e-12));
        assertThat(ContainerMapper.cpuLimit(Fixtures.parse("{\"CpuQuota\":200000}"))).isCloseTo(2.0, within(1e-12));
        assertThat(ContainerMapper.cpuLimit(Fixtures.parse("{\"CpusetCpus\":\"0-2,5\",\"NanoCpus\":8000000000}"))).isEqualTo(4.0);
        assertThat(ContainerMapper.cpuLimit(Fixtures.parse("{\"CpusetCpus\":\"x\",\"NanoCpus\":0}"))).isNull();
        assertThat(ContainerMapper.cpuLimit(Fixtures.parse("{}"))).isNull();
    }

    @Test
    void malformedInspect() {
        assertThatThrownBy(() -> ContainerMapper.meta(Fixtures.parse("{}"), null, ENGINE, NO_LABELS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Id");
        ContainerMeta m = ContainerMapper.meta(Fixtures.parse("{\"Id\":\"0123456789abcdef\",\"State\":{\"Running\":true}}"),
                null, ENGINE, NO_LABELS);
        assertThat(m.name()).isEqualTo("0123456789ab");
        assertThat(m.state()).isEqualTo("running"); // API < 1.21 has no State.Status
        assertThat(ContainerMapper.statusPoints(m, Fixtures.parse("{}"), Instant.now(), null, null)).hasSize(1);
    }
}
