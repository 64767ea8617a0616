package io.hostpulse.agent.alerts;

import io.hostpulse.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.hostpulse.agent.alerts.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;

class RuleTest {

    @Test
    void levelsWithHysteresisOnTheWayDownOnly() {
        Rule r = rule("measurement", "disk", "field", "used_percent", "careful", 50, "warning", 70, "critical", 90,
                "hysteresis", 5);
        assertThat(r.level(49.9, Level.OK)).isEqualTo(Level.OK);
        assertThat(r.level(50.1, Level.OK)).isEqualTo(Level.CAREFUL);
        assertThat(r.level(88.0, Level.OK)).isEqualTo(Level.WARNING);
        assertThat(r.level(88.0, Level.CRITICAL)).isEqualTo(Level.CRITICAL);
        assertThat(r.level(85.0, Level.CRITICAL)).isEqualTo(Level.WARNING);
        assertThat(r.level(66.0, Level.WARNING)).isEqualTo(Level.WARNING);
        assertThat(r.level(64.0, Level.WARNING)).isEqualTo(Level.CAREFUL);
    }

    @Test
    void lowerIsWorseForLessThan() {
        Rule r = rule("measurement", "mem", "field", "available_percent", "op", "<", "warning", 10, "critical", 5,
                "hysteresis", 1);
        assertThat(r.level(4.0, Level.OK)).isEqualTo(Level.CRITICAL);
        assertThat(r.level(5.5, Level.CRITICAL)).isEqualTo(Level.CRITICAL);
        assertThat(r.level(6.5, Level.CRITICAL)).isEqualTo(Level.WARNING);
        assertThat(r.level(10.5, Level.WARNING)).isEqualTo(Level.WARNING);
        assertThat(r.level(11.5, Level.WARNING)).isEqualTo(Level.OK);
    }

    @Test
    void booleansAndTextCompareByValue() {
        Rule oom = rule("measurement", "docker_container_status", "field", "oomkilled", "op", "==", "critical", true);
        assertThat(oom.level(true, Level.OK)).isEqualTo(Level.CRITICAL);
        assertThat(oom.level(false, Level.OK)).isEqualTo(Level.OK);
        Rule code = rule("measurement", "docker_container_status", "field", "exitcode", "op", "!=", "warning", List.of(0, 143));
        assertThat(code.level(0L, Level.OK)).isEqualTo(Level.OK);
        assertThat(code.level(143L, Level.OK)).isEqualTo(Level.OK);
        assertThat(code.level(1L, Level.OK)).isEqualTo(Level.WARNING);
    }

    @Test
    void formatsNumbersForPeople() {
        assertThat(Rule.format(96.54321)).isEqualTo("96.5");
        assertThat(Rule.format(3.0)).isEqualTo("3");
        assertThat(Rule.format(0.756)).isEqualTo("0.76");
        assertThat(Rule.format(Double.POSITIVE_INFINITY)).isEqualTo("never");
        assertThat(Rule.format(12L)).isEqualTo("12");
    }

    @Test
    void mistakesAreAllReported() {
        ConfigNode n = ConfigNode.of(Map.of("measurement", "disk", "op", ">", "warning", 85,
                "recover", 90, "critical", "full", "for", "soon", "subsystem", "gpu", "where", Map.of("total", "big")));
        Rule.parse(n, null, "r", Duration.ZERO);
        String all = String.join("\n", n.problems().all());
        assertThat(all).contains("field: missing").contains("compares numbers").contains("for:")
                .contains("subsystem").contains("where").contains("recover");
    }

    @Test
    void aRuleWithoutLevelsIsRejected() {
        ConfigNode n = ConfigNode.of(Map.of("measurement", "disk", "field", "used_percent"));
        Rule.parse(n, null, "r", Duration.ZERO);
        assertThat(n.problems().all()).anyMatch(p -> p.contains("warning or a critical level"));
    }

    @Test
    void theDefaultMessageNamesTheSeries() {
        Rule r = rule("name", "x", "measurement", "disk", "field", "used_percent", "warning", 1);
        assertThat(r.render(r.message(), Rules.point("disk", 0, Map.of("path", "/"), "used_percent", 5.0), 5.0,
                Level.WARNING, Map.of("path", "/"))).isEqualTo("x: disk.used_percent path=/ is 5 (> 1)");
    }
}
