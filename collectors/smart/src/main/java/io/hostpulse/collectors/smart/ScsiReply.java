package io.hostpulse.collectors.smart;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.hostpulse.collectors.smart.SmartctlParser.decimal;
import static io.hostpulse.collectors.smart.SmartctlParser.number;
import static io.hostpulse.collectors.smart.SmartctlParser.text;

/** The SCSI sections of a {@code smartctl --json} reply: defect lists, error counters, start-stop cycles, self-tests. */
final class ScsiReply {
    private static final String[] DIRECTIONS = {"read", "write", "verify"};
    private static final String[] COUNTERS = {"errors_corrected_by_eccfast", "errors_corrected_by_eccdelayed",
        "errors_corrected_by_rereads_rewrites", "total_errors_corrected", "correction_algorithm_invocations",
        "total_uncorrected_errors"};

    private ScsiReply() {
    }

    /** The counters under our field names ({@code <direction>_<counter>}, the defect lists, endurance). */
    static SmartReport.Scsi parse(JsonNode root, List<String> problems) {
        Map<String, Number> out = new LinkedHashMap<>();
        Long grown = number(root, "scsi_grown_defect_list", problems);
        if (grown != null) {
            out.put("scsi_grown_defect_list", grown);
        }
        Long pending = number(root.path("scsi_pending_defects"), "count", problems);
        if (pending != null) {
            out.put("scsi_pending_defects", pending);
        }
        Long endurance = number(root, "scsi_percentage_used_endurance_indicator", problems);
        if (endurance != null) {
            out.put("percentage_used_endurance_indicator", endurance);
        }
        JsonNode log = root.path("scsi_error_counter_log");
        for (String dir : DIRECTIONS) {
            JsonNode d = log.path(dir);
            if (!d.isObject()) {
                continue;
            }
            for (String k : COUNTERS) {
                Long v = number(d, k, problems);
                if (v != null) {
                    out.put(dir + "_" + k, v);
                }
            }
            Double gb = decimal(d.path("gigabytes_processed"));
            if (gb != null) {
                out.put(dir + "_gigabytes_processed", gb);
            }
        }
        return new SmartReport.Scsi(out);
    }

    static Long startStopCycles(JsonNode root, List<String> problems) {
        return number(root.path("scsi_start_stop_cycle_counter"), "accumulated_start_stop_cycles", problems);
    }

    /** Results 3 to 7 are failures (SPC self-test results log); null when the reply has no SCSI self-test. */
    static SmartReport.SelfTests selfTests(JsonNode root, Long powerOnHours, List<String> problems) {
        if (!root.has("scsi_self_test_0")) {
            return null;
        }
        long failed = 0;
        for (int i = 0; i < 20 && root.has("scsi_self_test_" + i); i++) {
            long v = root.path("scsi_self_test_" + i).path("result").path("value").asLong(0);
            if (v >= 3 && v <= 7) {
                failed++;
            }
        }
        JsonNode t = root.path("scsi_self_test_0");
        long v = t.path("result").path("value").asLong(-1);
        Long hours = number(t.path("power_on_time"), "hours", problems);
        Boolean passed = v == 0 ? Boolean.TRUE : v >= 3 && v <= 7 ? Boolean.FALSE : null;
        return new SmartReport.SelfTests(new SmartReport.SelfTest(text(t.path("code"), "string"),
                text(t.path("result"), "string"), passed,
                powerOnHours != null && hours != null && powerOnHours >= hours ? powerOnHours - hours : null), failed);
    }
}
