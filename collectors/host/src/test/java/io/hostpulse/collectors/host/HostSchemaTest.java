package io.hostpulse.collectors.host;

import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        // every part, the optional ones included (conntrack only where the kernel has it)
        List<String> parts = new ArrayList<>(HostConfig.ALL_PARTS);
        HostConfig.OPTIONAL_PARTS.stream()
                .filter(p -> !p.equals("conntrack") || Files.exists(Path.of("/proc/sys/net/netfilter/nf_conntrack_max")))
                .forEach(parts::add);
        Collector c = new HostCollectorPlugin().create(ConfigNode.of(Map.of("parts", parts, "net_protocol_stats", true)),
                ctx);
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
                if (!declared(fields, f)) {
                    undeclared.add(p.measurement() + "." + f);
                }
            }
        }
        assertThat(measurements).contains("cpu", "mem", "system", "disk", "processes", "netstat", "nstat",
                "linux_sysctl_fs", "interrupts", "soft_interrupts");
        assertThat(undeclared).isEmpty();
    }

    /** As the alert rules read the schema: {@code *} any field, {@code prefix*} any field starting so. */
    private static boolean declared(Set<String> fields, String f) {
        return fields.stream().anyMatch(d -> d.equals(f) || d.equals("*")
                || d.endsWith("*") && f.startsWith(d.substring(0, d.length() - 1)));
    }
}
