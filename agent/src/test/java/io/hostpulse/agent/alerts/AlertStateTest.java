package io.hostpulse.agent.alerts;

import io.hostpulse.core.Point;
import io.hostpulse.exporters.notify.Notification;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.hostpulse.agent.alerts.Rules.point;
import static io.hostpulse.agent.alerts.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;

/** A restart mid-alert is invisible to the receivers (issue 13): the engine's state survives it. */
class AlertStateTest {
    private static final Map<String, String> ROOT = Map.of("path", "/");

    private static Rule disk() {
        return rule("name", "disk_used", "measurement", "disk", "field", "used_percent", "warning", 85, "critical", 95,
                "for", "1m", "message", "file system {path} is {value}% full ({threshold})");
    }

    private static Point disk(long s, double used) {
        return point("disk", s, ROOT, "used_percent", used);
    }

    /** The engine after a restart: a new one, given what the old one's state file held. */
    private static AlertEngine restarted(AlertEngine before) throws Exception {
        AlertEngine after = new AlertEngine(List.of(disk()), "h1");
        String json = AlertState.toJson(before.snapshot(), Rules.T0);
        after.restore(AlertState.fromJson(json));
        return after;
    }

    @Test
    void aFiringAlertStaysFiringWithItsSinceAndResolvesOnceAcrossARestart() throws Exception {
        AlertEngine e = new AlertEngine(List.of(disk()), "h1");
        e.evaluate("host", List.of(disk(0, 97)));
        assertThat(e.evaluate("host", List.of(disk(60, 97)))).extracting(Notification::kind)
                .containsExactly(Notification.Kind.FIRING);
        AlertEngine after = restarted(e);
        assertThat(after.firing()).hasSize(1);
        assertThat(after.firing().get(0).since()).isEqualTo(Rules.T0.plusSeconds(60));
        assertThat(after.firing().get(0).message()).isEqualTo("file system / is 97% full (> 95)");
        // still full after the restart: no second firing
        assertThat(after.evaluate("host", List.of(disk(120, 97)))).isEmpty();
        List<Notification> resolved = after.evaluate("host", List.of(disk(180, 10)));
        assertThat(resolved).extracting(Notification::kind).containsExactly(Notification.Kind.RESOLVED);
        assertThat(resolved.get(0).since()).isEqualTo(Rules.T0.plusSeconds(60));
    }

    @Test
    void aPendingSeriesKeepsCountingItsForWindowFromBeforeTheRestart() throws Exception {
        AlertEngine e = new AlertEngine(List.of(disk()), "h1");
        assertThat(e.evaluate("host", List.of(disk(0, 90)))).isEmpty();
        AlertEngine after = restarted(e);
        List<Notification> fired = after.evaluate("host", List.of(disk(60, 90)));
        assertThat(fired).extracting(Notification::kind).containsExactly(Notification.Kind.FIRING);
        assertThat(fired.get(0).since()).isEqualTo(Rules.T0.plusSeconds(60));
    }

    @Test
    void seriesOfRulesThatNoLongerExistAreDropped() throws Exception {
        AlertEngine e = new AlertEngine(List.of(disk()), "h1");
        e.evaluate("host", List.of(disk(0, 97)));
        e.evaluate("host", List.of(disk(60, 97)));
        AlertEngine other = new AlertEngine(List.of(rule("name", "mem_used", "measurement", "mem", "field",
                "used_percent", "warning", 90)), "h1");
        assertThat(other.restore(AlertState.fromJson(AlertState.toJson(e.snapshot(), Rules.T0)))).isZero();
        assertThat(other.firing()).isEmpty();
    }

    @Test
    void alertsSaveAtomicallyAndTakeTheStateBackAtStart(@TempDir Path dir) throws Exception {
        Path file = Alerts.stateFile(dir.resolve("data"));
        AlertsTest.TestClock clock = new AlertsTest.TestClock();
        List<String> events = new ArrayList<>();
        try (Alerts a = new Alerts(List.of(disk()), AlertsConfig.off(), "h1", new SimpleMeterRegistry(), clock,
                ev -> events.add(ev.message()), c -> 1L, file)) {
            a.onBatch("host", List.of(disk(0, 97)));
            a.onBatch("host", List.of(disk(60, 97)));
        }
        assertThat(events).containsExactly("critical: file system / is 97% full (> 95)");
        assertThat(Files.readString(file)).contains("\"version\" : 1").contains("\"firing\" : \"CRITICAL\"");
        assertThat(file.resolveSibling(file.getFileName() + ".tmp")).doesNotExist();
        events.clear();
        try (Alerts a = new Alerts(List.of(disk()), AlertsConfig.off(), "h1", new SimpleMeterRegistry(), clock,
                ev -> events.add(ev.message()), c -> 1L, file)) {
            assertThat(a.firing()).extracting(AlertEngine.Firing::since).containsExactly(Rules.T0.plusSeconds(60));
            a.onBatch("host", List.of(disk(120, 97)));
            assertThat(events).isEmpty(); // the restart is invisible
            a.onBatch("host", List.of(disk(180, 10)));
            assertThat(events).hasSize(1).allMatch(m -> m.startsWith("resolved: disk_used"));
        }
        assertThat(AlertState.fromJson(Files.readString(file))).isEmpty();
    }

    @Test
    void aDamagedOrForeignStateFileIsIgnored(@TempDir Path dir) throws Exception {
        Path file = Alerts.stateFile(dir);
        for (String text : List.of("{\"version\": 99, \"series\": []}", "{not json", "[]",
                "{\"version\":1,\"series\":[{\"rule\":\"disk_used\",\"level\":\"LOUD\"}]}")) {
            Files.writeString(file, text);
            try (Alerts a = new Alerts(List.of(disk()), AlertsConfig.off(), "h1", new SimpleMeterRegistry(),
                    new AlertsTest.TestClock(), ev -> { }, c -> 1L, file)) {
                assertThat(a.firing()).isEmpty();
            }
        }
    }
}
