package io.hostpulse.collectors.sensors;

import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema the two plugins declare (for alert-rule checks) covers every field written from every recording, and
 * docs/SCHEMA.md names every declared measurement and field.
 */
class SensorsSchemaTest {
    @TempDir
    Path tmp;

    private static Map<String, Set<String>> schema() {
        Map<String, Set<String>> s = new HashMap<>(new SensorsCollectorPlugin().schema());
        s.putAll(new NvidiaSmiCollectorPlugin().schema());
        return s;
    }

    private List<Point> everything() throws Exception {
        List<Point> all = new ArrayList<>();
        for (String tree : List.of("node-exporter-sample", "telegraf-temp-k10temp-2nvme")) {
            Path sys = SysfsTrees.copy(tree, tmp.resolve(tree));
            RecordingAccumulator acc = new RecordingAccumulator();
            new SensorsCollector(SensorsConfig.from(ConfigNode.of(Map.of("thermal_zones", true))), sys)
                    .collect(Instant.EPOCH, acc);
            all.addAll(acc.points);
        }
        try (var files = Files.list(SysfsTrees.resource("nvidia-smi"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
                NvidiaSmiParser.Result r = NvidiaSmiParser.parse(Files.readString(f), Instant.EPOCH);
                all.addAll(r.gpus());
                all.addAll(r.mig());
                all.addAll(r.processes());
            }
        }
        return all;
    }

    @Test
    void everyFieldWrittenFromEveryRecordingIsDeclared() throws Exception {
        Map<String, Set<String>> schema = schema();
        Set<String> undeclared = new TreeSet<>();
        List<Point> all = everything();
        for (Point p : all) {
            assertThat(schema).containsKey(p.measurement());
            for (String f : p.fields().keySet()) {
                if (!declared(schema.get(p.measurement()), f)) {
                    undeclared.add(p.measurement() + "." + f);
                }
            }
        }
        assertThat(all).hasSizeGreaterThan(50);
        assertThat(undeclared).isEmpty();
    }

    @Test
    void theSchemaPageListsEveryMeasurementAndField() throws Exception {
        String doc = Files.readString(Path.of("..", "..", "docs", "SCHEMA.md"));
        int start = doc.indexOf("## Sensors and GPUs");
        assertThat(start).isNotNegative();
        int end = doc.indexOf("\n## ", start + 5);
        String section = doc.substring(start, end < 0 ? doc.length() : end);
        schema().forEach((m, fields) -> {
            assertThat(section).as(m).contains("### `" + m + "`");
            for (String f : fields) {
                String name = f.endsWith("*") ? f.substring(0, f.length() - 1) : f;
                assertThat(section).as(m + "." + f).contains("`" + name);
            }
        });
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
