package io.hostpulse.collectors.host;

import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema the plugin declares (for alert-rule checks) covers every measurement and field of two real collections. */
class HostSchemaTest {

    @Test
    void everyPointOfTheRealHostIsDeclared() throws Exception {
        Map<String, Set<String>> schema = new HostCollectorPlugin().schema();
        CollectorContext ctx = new CollectorContext(HostPaths.defaults(), Clock.systemUTC(), "h", null, Map.of());
        Collector c = new HostCollectorPlugin().create(ConfigNode.of(Map.of()), ctx);
        TestAcc acc = new TestAcc();
        c.collect(Instant.now(), acc);
        Thread.sleep(200);
        c.collect(Instant.now(), acc);
        c.close();
        Set<String> measurements = new TreeSet<>();
        Set<String> undeclared = new TreeSet<>();
        for (Point p : acc.points) {
            measurements.add(p.measurement());
            Set<String> fields = schema.get(p.measurement());
            assertThat(fields).as(p.measurement()).isNotNull();
            for (String f : p.fields().keySet()) {
                if (!fields.contains(f)) {
                    undeclared.add(p.measurement() + "." + f);
                }
            }
        }
        assertThat(measurements).contains("cpu", "mem", "system", "disk", "processes");
        assertThat(undeclared).isEmpty();
    }
}
