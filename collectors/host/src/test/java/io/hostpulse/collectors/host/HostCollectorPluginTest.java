package io.hostpulse.collectors.host;

import io.hostpulse.core.CollectException;
import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.config.ConfigNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostCollectorPluginTest {

    @Test
    void nameAndAlwaysAvailable(@TempDir Path tmp) {
        HostCollectorPlugin plugin = new HostCollectorPlugin();
        assertThat(plugin.name()).isEqualTo("host");
        CollectorContext nowhere = new CollectorContext(new HostPaths(tmp.resolve("p"), tmp.resolve("s"), tmp),
                Clock.systemUTC(), "h", null, Map.of());
        assertThat(plugin.availableByDefault(nowhere)).isTrue();
    }

    @Test
    void createReadsTheSectionAndBuildsTheConfiguredParts() {
        CollectorContext ctx = new CollectorContext(HostPaths.defaults(), Clock.systemUTC(), "h", null, Map.of());
        Collector c = new HostCollectorPlugin().create(ConfigNode.of(Map.of("parts", List.of("mem", "cpu"))), ctx);
        assertThat(c).isInstanceOf(HostCollector.class);
        assertThat(c.name()).isEqualTo("host");
        assertThat(((HostCollector) c).partNames()).containsExactly("cpu", "mem");
        c.close();
    }

    @Test
    void missingProcAtCreateIsReportedAtCollectWithThePath(@TempDir Path tmp) {
        Path proc = tmp.resolve("host/proc");
        CollectorContext ctx = new CollectorContext(new HostPaths(proc, tmp.resolve("host/sys"), tmp.resolve("host")),
                Clock.systemUTC(), "h", null, Map.of());
        Collector c = new HostCollectorPlugin().create(ConfigNode.of(Map.of()), ctx);
        assertThatThrownBy(() -> c.collect(Instant.now(), new TestAcc())).isInstanceOf(CollectException.class)
                .hasMessageContaining(proc.toString());
    }
}
