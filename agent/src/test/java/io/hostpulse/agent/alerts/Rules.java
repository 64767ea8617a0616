package io.hostpulse.agent.alerts;

import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers: a rule from inline config, points at given seconds. */
final class Rules {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private Rules() {
    }

    static Rule rule(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        ConfigNode n = ConfigNode.of(m);
        Rule r = Rule.parse(n, null, "r", Duration.ZERO);
        n.finish();
        assertThat(n.problems().all()).isEmpty();
        return r;
    }

    static Point point(String measurement, long second, Map<String, String> tags, Object... fields) {
        Point.Builder b = Point.builder(measurement).time(T0.plusSeconds(second)).tags(tags).tag("host", "h1");
        for (int i = 0; i < fields.length; i += 2) {
            b.field((String) fields[i], fields[i + 1]);
        }
        return b.build();
    }
}
