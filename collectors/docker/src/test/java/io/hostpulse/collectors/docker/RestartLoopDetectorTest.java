package io.hostpulse.collectors.docker;

import io.hostpulse.core.Event;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestartLoopDetectorTest {
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    final List<Event> out = new ArrayList<>();
    final RestartLoopDetector d = new RestartLoopDetector(out::add, 3, Duration.ofMinutes(5));

    static Event docker(Instant t, String name, String action, String exit) {
        Map<String, String> meta = exit == null ? Map.of("container_id", "id-" + name)
                : Map.of("container_id", "id-" + name, "exit_code", exit);
        return new Event(t, "docker", "info", "container " + name + " " + action,
                Map.of("container_name", name, "action", action, "compose_project", "shop"), meta);
    }

    /** die then start, n times, the given seconds apart. */
    void crash(String name, Instant from, int n, long everySeconds) {
        for (int i = 0; i < n; i++) {
            Instant t = from.plusSeconds(i * everySeconds);
            d.accept(docker(t, name, "die", "1"));
            d.accept(docker(t.plusMillis(100), name, "start", null));
        }
    }

    List<Event> loops() {
        return out.stream().filter(e -> "restart_loop".equals(e.labels().get("action"))).toList();
    }

    @Test
    void threeRestartsInFiveMinutesIsALoopReportedOnceWithItsLabels() {
        d.accept(docker(T0.minusSeconds(1), "api", "start", null)); // the first start is not a restart
        crash("api", T0, 4, 20);
        assertThat(out).hasSize(1 + 8 + 1);
        List<Event> loops = loops();
        assertThat(loops).hasSize(1);
        Event loop = loops.get(0);
        assertThat(loop.source()).isEqualTo("docker");
        assertThat(loop.level()).isEqualTo("error");
        assertThat(loop.labels()).containsEntry("container_name", "api").containsEntry("compose_project", "shop");
        assertThat(loop.metadata()).containsEntry("restarts", "3").containsEntry("window_seconds", "300")
                .containsEntry("exit_code", "1").containsEntry("container_id", "id-api");
        assertThat(loop.message()).isEqualTo("container api is in a restart loop: 3 restarts in 5 minutes (last exit code 1)");
        assertThat(loop.time()).isEqualTo(T0.plusSeconds(40).plusMillis(100));
        // right after the third restart's start event
        assertThat(out.indexOf(loop)).isEqualTo(out.indexOf(out.stream().filter(e -> e.time().equals(loop.time())
                && "start".equals(e.labels().get("action"))).findFirst().orElseThrow()) + 1);
    }

    @Test
    void slowRestartsAreNotALoopAndStartsWithoutADieAreNotRestarts() {
        crash("slow", T0, 5, 200); // 200 s apart: at most 2 in any 5 minutes
        for (int i = 0; i < 5; i++) {
            d.accept(docker(T0.plusSeconds(i), "manual", "start", null));
        }
        assertThat(loops()).isEmpty();
    }

    @Test
    void aContinuingLoopIsReportedAgainAfterTheWindowAndContainersAreSeparate() {
        crash("a", T0, 20, 30); // 10 minutes of restarts every 30 s
        crash("b", T0, 2, 10);
        assertThat(loops()).extracting(e -> e.labels().get("container_name")).containsExactly("a", "a");
        // first report at the 3rd restart (60.1 s), next one the first restart at least 5 min later (360.1 s),
        // counting the restarts of [60.1 s, 360.1 s] (both ends inclusive): 11
        assertThat(loops().get(1).time()).isEqualTo(T0.plusSeconds(360).plusMillis(100));
        assertThat(loops().get(1).metadata().get("restarts")).isEqualTo("11");
    }

    @Test
    void otherSourcesPassThroughUntouched() {
        Event smart = new Event(T0, "smart", "warning", "sda failing", Map.of("device", "/dev/sda"), Map.of());
        d.accept(smart);
        assertThat(out).containsExactly(smart);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new RestartLoopDetector(out::add, 1, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestartLoopDetector(out::add, 3, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
