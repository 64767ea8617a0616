package io.hostpulse.collectors.smart;

import io.hostpulse.core.Point;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema the plugin declares (for alert-rule checks) covers every field the mapper writes from real replies. */
class SmartSchemaTest {

    @Test
    void everyFieldWrittenForEveryRecordedReplyIsDeclared() throws IOException {
        Map<String, Set<String>> schema = new SmartCollectorPlugin().schema();
        Set<String> undeclared = new TreeSet<>();
        int points = 0;
        try (var files = Files.list(Fixtures.path("error-nonexistent-device-exit1.json").getParent())) {
            for (String name : files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.contains("scan")).toList()) {
                SmartReport r = Fixtures.report(name);
                Verdict v = Fixtures.verdict(name);
                List<Point> out = SmartMapper.map(r, v, SmartMapper.identity(r, "/dev/x", "sat"), Instant.EPOCH, true);
                for (Point p : out) {
                    points++;
                    assertThat(schema).containsKey(p.measurement());
                    for (String f : p.fields().keySet()) {
                        if (!declared(schema.get(p.measurement()), f)) {
                            undeclared.add(p.measurement() + "." + f + " (" + name + ")");
                        }
                    }
                }
            }
        }
        assertThat(points).isGreaterThan(100);
        assertThat(undeclared).isEmpty();
    }

    @Test
    void aFieldNoReplyHasIsNotDeclared() {
        Set<String> device = new SmartCollectorPlugin().schema().get("smart_device");
        assertThat(declared(device, "temp_c")).isTrue();
        assertThat(declared(device, "temperature_sensor_3")).isTrue();
        assertThat(declared(device, "tempc")).isFalse();
    }

    private static boolean declared(Set<String> fields, String f) {
        for (String d : fields) {
            if (d.endsWith("*") ? f.startsWith(d.substring(0, d.length() - 1)) : d.equals(f)) {
                return true;
            }
        }
        return false;
    }
}
