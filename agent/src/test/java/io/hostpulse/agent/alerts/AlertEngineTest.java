package io.hostpulse.agent.alerts;

import io.hostpulse.core.Point;
import io.hostpulse.exporters.notify.Notification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.hostpulse.agent.alerts.Rules.point;
import static io.hostpulse.agent.alerts.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;

class AlertEngineTest {
    private static final Map<String, String> ROOT = Map.of("path", "/", "device", "sda1", "fstype", "ext4");

    private static Point disk(long s, double used) {
        return point("disk", s, ROOT, "used_percent", used, "total", 100L);
    }

    private static List<String> kinds(List<Notification> ns) {
        List<String> out = new ArrayList<>();
        ns.forEach(n -> out.add(n.kind().label() + ":" + n.level()));
        return out;
    }

    @Test
    void firesAfterForEscalatesAtOnceAndResolvesBelowTheHysteresis() {
        AlertEngine e = new AlertEngine(List.of(rule("name", "disk_used", "measurement", "disk", "field", "used_percent",
                "warning", 85, "critical", 95, "for", "1m", "hysteresis", 1,
                "message", "file system {path} is {value}% full ({threshold})")), "h1");
        assertThat(e.evaluate(List.of(disk(0, 90)))).isEmpty();      // pending
        assertThat(e.evaluate(List.of(disk(30, 91)))).isEmpty();     // 30 s < for
        List<Notification> fired = e.evaluate(List.of(disk(60, 92)));
        assertThat(kinds(fired)).containsExactly("firing:warning");
        Notification n = fired.get(0);
        assertThat(n.message()).isEqualTo("file system / is 92% full (> 85)");
        assertThat(n.labels()).containsEntry("path", "/").doesNotContainKey("host");
        assertThat(n.host()).isEqualTo("h1");
        assertThat(n.subsystem()).isEqualTo("host");
        assertThat(n.value()).isEqualTo("92");
        assertThat(n.threshold()).isEqualTo("> 85");
        assertThat(kinds(e.evaluate(List.of(disk(90, 96.04))))).containsExactly("firing:critical"); // no second wait
        assertThat(e.evaluate(List.of(disk(120, 94.5)))).isEmpty();  // above 95 - 1: still critical
        assertThat(e.firing().get(0).level()).isEqualTo(Level.CRITICAL);
        assertThat(e.evaluate(List.of(disk(150, 93)))).isEmpty();    // down to warning: no notification
        assertThat(e.firing().get(0).level()).isEqualTo(Level.WARNING);
        assertThat(e.evaluate(List.of(disk(180, 84.5)))).isEmpty();  // above 85 - 1: still firing
        List<Notification> resolved = e.evaluate(List.of(disk(210, 83.9)));
        assertThat(kinds(resolved)).containsExactly("resolved:warning");
        assertThat(resolved.get(0).since()).isEqualTo(Rules.T0.plusSeconds(60));
        assertThat(e.firing()).isEmpty();
    }

    @Test
    void resolvedHasItsOwnWordsNotTheFiringTemplate() {
        AlertEngine e = new AlertEngine(List.of(rule("name", "disk_used", "measurement", "disk", "field", "used_percent",
                "warning", 50, "message", "file system {path} is {value}% full ({threshold})")), "h1");
        assertThat(kinds(e.evaluate(List.of(disk(0, 60))))).containsExactly("firing:warning");
        List<Notification> resolved = e.evaluate(List.of(disk(750, 0)));
        assertThat(resolved.get(0).message()).isEqualTo("disk_used: disk.used_percent device=sda1,fstype=ext4,path=/"
                + " is 0 again, no longer warning (> 50) after 12m30s");
    }

    @Test
    void aBreachShorterThanForSendsNothing() {
        AlertEngine e = new AlertEngine(List.of(rule("measurement", "disk", "field", "used_percent", "warning", 85,
                "for", "5m")), "h1");
        List<Notification> all = new ArrayList<>();
        all.addAll(e.evaluate(List.of(disk(0, 99))));
        all.addAll(e.evaluate(List.of(disk(200, 99))));
        all.addAll(e.evaluate(List.of(disk(280, 10))));
        all.addAll(e.evaluate(List.of(disk(400, 99)))); // the clock starts again
        all.addAll(e.evaluate(List.of(disk(600, 99))));
        assertThat(all).isEmpty();
        assertThat(kinds(e.evaluate(List.of(disk(700, 99))))).containsExactly("firing:warning");
    }

    @Test
    void recoverIsASeparateReleasePoint() {
        AlertEngine e = new AlertEngine(List.of(rule("measurement", "disk", "field", "used_percent", "warning", 85,
                "recover", 70)), "h1");
        assertThat(kinds(e.evaluate(List.of(disk(0, 86))))).containsExactly("firing:warning");
        assertThat(e.evaluate(List.of(disk(10, 71)))).isEmpty();
        assertThat(kinds(e.evaluate(List.of(disk(20, 70))))).containsExactly("resolved:warning");
    }

    @Test
    void repeatsWhileFiring() {
        AlertEngine e = new AlertEngine(List.of(rule("measurement", "disk", "field", "used_percent", "critical", 95,
                "repeat", "1h")), "h1");
        assertThat(kinds(e.evaluate(List.of(disk(0, 99))))).containsExactly("firing:critical");
        assertThat(e.evaluate(List.of(disk(3599, 99)))).isEmpty();
        assertThat(kinds(e.evaluate(List.of(disk(3600, 99))))).containsExactly("repeat:critical");
        assertThat(e.evaluate(List.of(disk(3700, 99)))).isEmpty();
        assertThat(kinds(e.evaluate(List.of(disk(7200, 99))))).containsExactly("repeat:critical");
    }

    @Test
    void eachSeriesIsItsOwnAlertAndAVanishedOneResolves() {
        AlertEngine e = new AlertEngine(List.of(rule("measurement", "disk", "field", "used_percent", "warning", 85)), "h1");
        Point srv = point("disk", 0, Map.of("path", "/srv"), "used_percent", 90.0);
        List<Notification> first = e.evaluate(List.of(disk(0, 90), srv));
        assertThat(first).extracting(n -> n.labels().get("path")).containsExactlyInAnyOrder("/", "/srv");
        // another collector's batch (no disk points) changes nothing
        assertThat(e.evaluate(List.of(point("mem", 10, Map.of(), "available_percent", 50.0)))).isEmpty();
        // /srv unmounted: the next disk batch lacks it
        List<Notification> next = e.evaluate(List.of(disk(20, 90)));
        assertThat(kinds(next)).containsExactly("resolved:warning");
        assertThat(next.get(0).labels()).containsEntry("path", "/srv");
        assertThat(next.get(0).message()).startsWith("no longer reported: ");
    }

    @Test
    void removingTheLastContainerResolvesItsAlert() {
        AlertEngine e = new AlertEngine(List.of(rule("measurement", "docker_container_status", "field", "oomkilled",
                "op", "==", "critical", true, "series", List.of("container_name"))), "h1");
        assertThat(kinds(e.evaluate("docker", List.of(point("docker", 0, Map.of(), "n_containers", 1L),
                point("docker_container_status", 0, Map.of("container_name", "web"), "oomkilled", true)))))
                .containsExactly("firing:critical");
        // another collector's batch: nothing is gone
        assertThat(e.evaluate("host", List.of(point("mem", 5, Map.of(), "available_percent", 50.0)))).isEmpty();
        // the container was removed: the docker batch has no container points at all
        List<Notification> gone = e.evaluate("docker", List.of(point("docker", 10, Map.of(), "n_containers", 0L)));
        assertThat(kinds(gone)).containsExactly("resolved:critical");
        assertThat(gone.get(0).time()).isEqualTo(Rules.T0.plusSeconds(10));
    }

    @Test
    void tagGlobsAndWhereConditionsSelect() {
        Rule r = rule("measurement", "docker_container_status", "field", "exitcode", "op", "!=",
                "warning", List.of(0, 143), "tags", Map.of("container_status", "exited", "container_name", "!test-*"),
                "series", List.of("container_name"), "where", Map.of("restart_count", "< 5"),
                "message", "container {container_name} exited with code {value}");
        AlertEngine e = new AlertEngine(List.of(r), "h1");
        List<Notification> out = e.evaluate(List.of(
                point("docker_container_status", 0, Map.of("container_status", "exited", "container_name", "web"), "exitcode", 1L, "restart_count", 0L),
                point("docker_container_status", 0, Map.of("container_status", "exited", "container_name", "db"), "exitcode", 143L, "restart_count", 0L),
                point("docker_container_status", 0, Map.of("container_status", "running", "container_name", "app"), "exitcode", 2L, "restart_count", 0L),
                point("docker_container_status", 0, Map.of("container_status", "exited", "container_name", "test-1"), "exitcode", 1L, "restart_count", 0L),
                point("docker_container_status", 0, Map.of("container_status", "exited", "container_name", "cron"), "exitcode", 1L, "restart_count", 9L)));
        assertThat(out).extracting(Notification::message).containsExactly("container web exited with code 1");
        assertThat(out.get(0).labels()).isEqualTo(Map.of("container_name", "web"));
        assertThat(out.get(0).threshold()).isEqualTo("not one of [0, 143]");
        assertThat(out.get(0).subsystem()).isEqualTo("docker");
        // started again: the exited series is gone, so the alert resolves
        List<Notification> back = e.evaluate(List.of(point("docker_container_status", 30,
                Map.of("container_status", "running", "container_name", "web"), "exitcode", 0L, "restart_count", 0L)));
        assertThat(kinds(back)).containsExactly("resolved:warning");
    }

    @Test
    void increaseWithinAWindowCatchesARestartLoop() {
        Rule r = rule("name", "loop", "measurement", "docker_container_status", "field", "restart_count", "op", ">=",
                "warning", 3, "increase_within", "10m", "series", List.of("container_name"));
        AlertEngine e = new AlertEngine(List.of(r), "h1");
        long[] counts = {5, 6, 7};
        for (int i = 0; i < counts.length; i++) {
            // the status tag changes between restarting and running; the series is the container
            String status = i % 2 == 0 ? "running" : "restarting";
            assertThat(e.evaluate(List.of(point("docker_container_status", i * 60L,
                    Map.of("container_name", "web", "container_status", status), "restart_count", counts[i])))).isEmpty();
        }
        List<Notification> fired = e.evaluate(List.of(point("docker_container_status", 180,
                Map.of("container_name", "web", "container_status", "running"), "restart_count", 8L)));
        assertThat(kinds(fired)).containsExactly("firing:warning");
        assertThat(fired.get(0).value()).isEqualTo("3");
        // 11 minutes later without a restart: growth in the window is 0
        assertThat(kinds(e.evaluate(List.of(point("docker_container_status", 180 + 660,
                Map.of("container_name", "web", "container_status", "running"), "restart_count", 8L)))))
                .containsExactly("resolved:warning");
    }

    @Test
    void forCountCountsCollectionsNotEvaluations() {
        Rule r = rule("measurement", "hostpulse_agent", "field", "collector_success", "op", "<", "warning", 1,
                "for_count", 3, "count_by", "collector_duration_count", "tags", Map.of("collector", "*"));
        AlertEngine e = new AlertEngine(List.of(r), "h1");
        Map<String, String> smart = Map.of("collector", "smart");
        // the agent's own points come every 10 s; smart ran once in that time: one failed collection, not six
        for (int s = 0; s < 60; s += 10) {
            assertThat(e.evaluate(List.of(point("hostpulse_agent", s, smart, "collector_success", 0.0,
                    "collector_duration_count", 1L)))).isEmpty();
        }
        assertThat(e.evaluate(List.of(point("hostpulse_agent", 900, smart, "collector_success", 0.0,
                "collector_duration_count", 2L)))).isEmpty();
        assertThat(kinds(e.evaluate(List.of(point("hostpulse_agent", 1800, smart, "collector_success", 0.0,
                "collector_duration_count", 3L))))).containsExactly("firing:warning");
        assertThat(kinds(e.evaluate(List.of(point("hostpulse_agent", 2700, smart, "collector_success", 1.0,
                "collector_duration_count", 4L))))).containsExactly("resolved:warning");
    }

    @Test
    void textLevelsAndFieldsInTheMessage() {
        Rule r = rule("measurement", "smart_device", "field", "health_status", "op", "==", "warning", "warning",
                "critical", "failed", "message", "disk {device} health {value}: {health_reason}");
        AlertEngine e = new AlertEngine(List.of(r), "h1");
        Map<String, String> sda = Map.of("device", "/dev/sda");
        assertThat(e.evaluate(List.of(point("smart_device", 0, sda, "health_status", "passed", "health_reason", "")))).isEmpty();
        List<Notification> w = e.evaluate(List.of(point("smart_device", 900, sda, "health_status", "warning",
                "health_reason", "5 Reallocated_Sector_Ct raw 8")));
        assertThat(w).extracting(Notification::message).containsExactly("disk /dev/sda health warning: 5 Reallocated_Sector_Ct raw 8");
        assertThat(w.get(0).threshold()).isEqualTo("== warning");
        assertThat(kinds(e.evaluate(List.of(point("smart_device", 1800, sda, "health_status", "failed",
                "health_reason", "drive says FAILING"))))).containsExactly("firing:critical");
    }

    @Test
    void perAndAgeTransformTheValue() {
        Rule load = rule("measurement", "system", "field", "load5", "per", "n_cpus", "warning", 1.0);
        Rule out = rule("name", "out", "measurement", "hostpulse_agent", "field", "output_last_error_time", "op", "<",
                "critical", 120, "age", true, "tags", Map.of("output", "*"));
        AlertEngine e = new AlertEngine(List.of(load, out), "h1");
        assertThat(e.evaluate(List.of(point("system", 0, Map.of(), "load5", 7.9, "n_cpus", 8L)))).isEmpty();
        assertThat(kinds(e.evaluate(List.of(point("system", 10, Map.of(), "load5", 8.5, "n_cpus", 8L)))))
                .containsExactly("firing:warning");
        long errorAt = Rules.T0.getEpochSecond() + 100;
        assertThat(e.evaluate(List.of(point("hostpulse_agent", 0, Map.of("output", "influx"), "output_last_error_time", 0.0)))).isEmpty();
        List<Notification> n = e.evaluate(List.of(point("hostpulse_agent", 130, Map.of("output", "influx"),
                "output_last_error_time", (double) errorAt)));
        assertThat(kinds(n)).containsExactly("firing:critical");
        assertThat(n.get(0).value()).isEqualTo("30");
    }

    @Test
    void firingListsTheWorstFirst() {
        AlertEngine e = new AlertEngine(List.of(rule("name", "a", "measurement", "disk", "field", "used_percent",
                "warning", 50, "critical", 90)), "h1");
        e.evaluate(List.of(point("disk", 0, Map.of("path", "/a"), "used_percent", 60.0),
                point("disk", 0, Map.of("path", "/b"), "used_percent", 95.0)));
        assertThat(e.firing()).extracting(f -> f.labels().get("path")).containsExactly("/b", "/a");
        assertThat(e.firingPerRule()).containsEntry("a", 2);
    }

    @Test
    void aPointWithoutTheFieldIsNotAnAlert() {
        AlertEngine e = new AlertEngine(List.of(rule("measurement", "disk", "field", "inodes_used_percent", "warning", 1)), "h1");
        assertThat(e.evaluate(List.of(disk(0, 99)))).isEmpty();
        assertThat(e.firing()).isEmpty();
    }
}
