package io.hostpulse.agent.alerts;

import io.hostpulse.core.Event;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.notify.KumaConfig;
import io.hostpulse.exporters.notify.KumaStatus;
import io.hostpulse.exporters.notify.Notification;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.hostpulse.agent.alerts.Rules.point;
import static io.hostpulse.agent.alerts.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;

class AlertsTest {

    private static KumaConfig kuma(List<String> subsystems) {
        return KumaConfig.from(ConfigNode.of(Map.of("url", "http://k:1", "token", "t", "subsystems", subsystems)), 0);
    }

    @Test
    void transitionsBecomeAlertEventsAndSelfMetrics() {
        SimpleMeterRegistry reg = new SimpleMeterRegistry();
        List<Event> events = new ArrayList<>();
        Rule r = rule("name", "disk_used", "measurement", "disk", "field", "used_percent", "warning", 85, "critical", 95,
                "message", "file system {path} is {value}% full");
        try (Alerts a = new Alerts(List.of(r), AlertsConfig.off(), "h1", reg, Clock.systemUTC(), events::add, c -> 12L)) {
            a.onBatch("host", List.of(point("disk", 0, Map.of("path", "/"), "used_percent", 97.0)));
            assertThat(reg.get("hostpulse.alerts.firing").tag("rule", "disk_used").gauge().value()).isEqualTo(1.0);
            a.onBatch("host", List.of(point("disk", 10, Map.of("path", "/"), "used_percent", 50.0)));
            assertThat(reg.get("hostpulse.alerts.firing").tag("rule", "disk_used").gauge().value()).isEqualTo(0.0);
            assertThat(reg.get("hostpulse.alerts.notifications").tag("rule", "disk_used").tag("kind", "firing").counter().count()).isEqualTo(1);
        }
        assertThat(events).hasSize(2);
        Event fired = events.get(0);
        assertThat(fired.source()).isEqualTo("alert");
        assertThat(fired.level()).isEqualTo("error");
        assertThat(fired.message()).isEqualTo("critical: file system / is 97% full");
        assertThat(fired.labels()).containsEntry("rule", "disk_used").containsEntry("status", "firing")
                .containsEntry("subsystem", "host").doesNotContainKey("path");
        assertThat(fired.metadata()).containsEntry("path", "/").containsEntry("value", "97").containsEntry("threshold", "> 95");
        Event resolved = events.get(1);
        assertThat(resolved.level()).isEqualTo("info");
        assertThat(resolved.labels()).containsEntry("status", "resolved");
        assertThat(resolved.message()).startsWith("resolved: ");
    }

    @Test
    void kumaSummaryIsUpWithACountOrDownWithTheWorstAlert() {
        Rule disk = rule("name", "disk_used", "measurement", "disk", "field", "used_percent", "warning", 85);
        Rule oom = rule("name", "oom", "measurement", "docker_container_status", "field", "oomkilled", "op", "==", "critical", true);
        AlertEngine.Firing d = new AlertEngine.Firing(disk, Level.WARNING, Map.of(), "file system / is 90% full", Instant.EPOCH);
        AlertEngine.Firing o = new AlertEngine.Firing(oom, Level.CRITICAL, Map.of(), "container web OOM", Instant.EPOCH);
        KumaStatus up = Alerts.summary(kuma(List.of("host")), List.of(disk, oom), List.of(), 42L);
        assertThat(up).isEqualTo(new KumaStatus(true, "OK: 1 rule, nothing firing", 42L));
        KumaStatus down = Alerts.summary(kuma(List.of("*")), List.of(disk, oom), List.of(o, d), 7L);
        assertThat(down).isEqualTo(new KumaStatus(false, "CRITICAL container web OOM (+1 more)", 7L));
    }

    @Test
    void aKumaMonitorOnlySeesItsSubsystems() {
        Rule disk = rule("name", "disk_used", "measurement", "disk", "field", "used_percent", "warning", 85);
        try (Alerts a = new Alerts(List.of(disk), AlertsConfig.off(), "h1", new SimpleMeterRegistry(), Clock.systemUTC(),
                e -> { }, c -> 5L)) {
            a.onBatch("host", List.of(point("disk", 0, Map.of("path", "/"), "used_percent", 97.0)));
            List<AlertEngine.Firing> f = a.firing();
            assertThat(f).hasSize(1);
            KumaConfig docker = kuma(List.of("docker"));
            assertThat(Alerts.summary(docker, a.rules(), f.stream().filter(x -> docker.covers(x.rule().subsystem())).toList(), null).up()).isTrue();
        }
    }

    @Test
    void eventLevelsFollowTheAlertLevel() {
        Notification w = new Notification(Notification.Kind.FIRING, "r", "warning", "h", "host", Map.of(), "1", "> 0",
                "m", Instant.EPOCH, null);
        assertThat(Alerts.event(w).level()).isEqualTo("warning");
        assertThat(Alerts.event(w).message()).isEqualTo("warning: m");
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aKumaMonitorIsPushedToOnlyOnceEachOfItsSubsystemsWasEvaluated() {
        Rule disk = rule("name", "disk_used", "measurement", "disk", "field", "used_percent", "warning", 85);
        Rule smart = rule("name", "smart_failed", "measurement", "smart_device", "field", "health_ok", "op", "==",
                "critical", false, "subsystem", "disks");
        TestClock clock = new TestClock();
        KumaConfig all = KumaConfig.from(ConfigNode.of(Map.of("url", "http://127.0.0.1:1", "token", "t",
                "subsystems", List.of("*"), "interval", "60s")), 0);
        try (Alerts a = new Alerts(List.of(disk, smart), AlertsConfig.off(), "h1", new SimpleMeterRegistry(), clock,
                e -> { }, c -> 1L)) {
            assertThat(a.kumaReady(all)).isFalse();
            a.onBatch("agent", List.of(point("hostpulse_agent", 0, Map.of(), "heap_used", 1L)));
            assertThat(a.kumaReady(all)).isFalse(); // the self-metrics batch alone says nothing about the host
            a.onBatch("host", List.of(point("disk", 0, Map.of("path", "/"), "used_percent", 10.0)));
            assertThat(a.kumaReady(all)).isFalse();
            a.onBatch("smart", List.of());
            assertThat(a.kumaReady(all)).isTrue();
            assertThat(a.kumaReady(kuma(List.of("host")))).isTrue();
        }
        TestClock later = new TestClock();
        try (Alerts a = new Alerts(List.of(disk, smart), AlertsConfig.off(), "h1", new SimpleMeterRegistry(), later,
                e -> { }, c -> 1L)) {
            a.onBatch("host", List.of(point("disk", 0, Map.of("path", "/"), "used_percent", 10.0)));
            later.now = later.now.plusSeconds(59);
            assertThat(a.kumaReady(all)).isFalse();
            later.now = later.now.plusSeconds(1); // a subsystem that never reports does not silence the monitor
            assertThat(a.kumaReady(all)).isTrue();
        }
    }
}
