package io.hostpulse.collectors.sensors;

import io.hostpulse.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SensorsConfigTest {
    @Test
    void defaultsAreEveryPartAndTelegrafsTempShape() {
        SensorsConfig c = SensorsConfig.defaults();
        assertThat(c.parts()).containsExactlyInAnyOrderElementsOf(SensorsConfig.ALL_PARTS);
        assertThat(c.thermalZones()).isFalse();
        assertThat(c.deviceTag()).isFalse();
    }

    @Test
    void mistakesAreReportedWithSuggestionsAndTheRestIsKept() {
        ConfigNode n = ConfigNode.of(Map.of("parts", List.of("sensor", "rapl", "nvidia_smi"), "thermal_zones", "maybe",
                "add_devise_tag", true));
        SensorsConfig c = SensorsConfig.from(n);
        n.finish();
        assertThat(c.parts()).containsExactly("rapl");
        String all = String.join("\n", n.problems().all());
        assertThat(all).contains("parts: unknown part 'sensor' (did you mean 'sensors'?)")
                .contains("unknown part 'nvidia_smi'").contains("a collector of their own: collectors.nvidia_smi")
                .contains("thermal_zones: ")
                .contains("add_devise_tag: unknown key (did you mean 'add_device_tag'?)");
    }
}
