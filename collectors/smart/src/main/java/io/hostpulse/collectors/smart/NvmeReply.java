package io.hostpulse.collectors.smart;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.hostpulse.collectors.smart.SmartctlParser.anyNumber;
import static io.hostpulse.collectors.smart.SmartctlParser.number;
import static io.hostpulse.collectors.smart.SmartctlParser.text;

/** The NVMe sections of a {@code smartctl --json} reply: the SMART/health log and the self-test log. */
final class NvmeReply {
    private NvmeReply() {
    }

    /** The health log under smartctl's own names (without nsid); temperature sensors as temperature_sensor_N. */
    static SmartReport.Nvme parse(JsonNode root, List<String> problems) {
        Map<String, Number> out = new LinkedHashMap<>();
        JsonNode log = root.path("nvme_smart_health_information_log");
        if (!log.isObject()) {
            return new SmartReport.Nvme(out);
        }
        for (Map.Entry<String, JsonNode> e : log.properties()) {
            String k = e.getKey();
            if (k.equals("nsid")) {
                continue;
            }
            if (k.equals("temperature_sensors") && e.getValue().isArray()) {
                int i = 1;
                for (JsonNode t : e.getValue()) {
                    Number n = anyNumber(t, problems, k);
                    if (n != null) {
                        out.put("temperature_sensor_" + i, n);
                    }
                    i++;
                }
                continue;
            }
            Number n = anyNumber(e.getValue(), problems, k);
            if (n != null) {
                out.put(k, n);
            }
        }
        return new SmartReport.Nvme(out);
    }

    /** Results 4 to 7 are failures (NVMe base spec, Device Self-test Status); null when the log is empty. */
    static SmartReport.SelfTests selfTests(JsonNode root, Long powerOnHours, List<String> problems) {
        JsonNode table = root.path("nvme_self_test_log").path("table");
        if (!table.isArray() || table.size() == 0) {
            return null;
        }
        long failed = 0;
        for (JsonNode t : table) {
            long v = t.path("self_test_result").path("value").asLong(0);
            if (v >= 4 && v <= 7) {
                failed++;
            }
        }
        JsonNode t = table.get(0);
        long v = t.path("self_test_result").path("value").asLong(-1);
        Long hours = number(t, "power_on_hours", problems);
        Boolean passed = v == 0 ? Boolean.TRUE : v >= 4 && v <= 7 ? Boolean.FALSE : null;
        return new SmartReport.SelfTests(new SmartReport.SelfTest(text(t.path("self_test_code"), "string"),
                text(t.path("self_test_result"), "string"), passed,
                powerOnHours != null && hours != null && powerOnHours >= hours ? powerOnHours - hours : null), failed);
    }
}
