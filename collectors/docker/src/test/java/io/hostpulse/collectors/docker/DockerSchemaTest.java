package io.hostpulse.collectors.docker;

import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema the plugin declares (for alert-rule checks) covers every field of two collections from the recorded engine. */
class DockerSchemaTest {

    @Test
    void everyFieldOfARecordedEngineIsDeclared() throws Exception {
        Map<String, Set<String>> schema = new DockerCollectorPlugin().schema();
        Set<String> undeclared = new TreeSet<>();
        Set<String> measurements = new TreeSet<>();
        try (FixtureEngine engine = new FixtureEngine(3)) {
            DockerCollector c = DockerCollector.create(DockerConfig.from(ConfigNode.of(Map.of("endpoint", engine.endpoint(),
                    "events", false, "container_timeout", "2s")), HostPaths.defaults(), Map.of()));
            ListAccumulator acc = new ListAccumulator();
            c.collect(Instant.now(), acc);
            c.collect(Instant.now().plusSeconds(10), acc);
            c.close();
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
        }
        assertThat(measurements).contains("docker", "docker_container_cpu", "docker_container_status", "docker_network",
                "docker_container_net", "docker_container_network");
        assertThat(undeclared).isEmpty();
    }

    private static boolean declared(Set<String> fields, String f) {
        for (String d : fields) {
            if (d.equals("*") || d.equals(f) || d.endsWith("*") && f.startsWith(d.substring(0, d.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
