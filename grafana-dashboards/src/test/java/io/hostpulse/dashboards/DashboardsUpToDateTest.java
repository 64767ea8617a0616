package io.hostpulse.dashboards;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed JSON (what users mount) is exactly what {@link HostpulseDashboards} generates. After changing the
 * generator: {@code mvn -pl grafana-dashboards -am verify -Dtest=DashboardsUpToDateTest -Ddashboards.write=true
 * -Dsurefire.failIfNoSpecifiedTests=false} rewrites the files.
 */
class DashboardsUpToDateTest {

    @Test
    void committedDashboardsAreTheGeneratedOnes() throws Exception {
        if (Boolean.getBoolean("dashboards.write")) {
            HostpulseDashboards.write(ShippedDashboards.DIR);
        }
        Map<String, ObjectNode> generated = HostpulseDashboards.all();
        Set<String> committed = new TreeSet<>();
        try (Stream<Path> s = Files.list(ShippedDashboards.DIR)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).forEach(committed::add);
        }
        assertThat(committed).as("dashboard files").containsExactlyInAnyOrderElementsOf(generated.keySet());
        for (Map.Entry<String, ObjectNode> e : generated.entrySet()) {
            assertThat(Files.readString(ShippedDashboards.DIR.resolve(e.getKey())))
                    .as("%s is out of date: regenerate with -Ddashboards.write=true", e.getKey())
                    .isEqualTo(HostpulseDashboards.render(e.getValue()));
        }
    }
}
