package io.hostpulse.collectors.smart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SCSI rules: grown defects follow the counter rule, pending defects are a warning, uncorrected errors (read,
 * write and verify together) a warning and from 10 or growing since the baseline a failure, the endurance
 * indicator at 100 % a failure.
 */
final class ScsiHealth {
    /** The counters followed, keyed like the state file (scsi_grown_defect_list, scsi_uncorrected_errors). */
    record Result(Map<String, Long> tracked) {
    }

    private ScsiHealth() {
    }

    static Result judge(SmartReport r, Findings f) {
        Map<String, Long> tracked = new LinkedHashMap<>();
        Map<String, Number> s = r.scsi();
        f.pass("counters");
        Number grown = s.get("scsi_grown_defect_list");
        if (grown != null) {
            tracked.put("scsi_grown_defect_list", grown.longValue());
            f.counterRule("scsi_grown_defect_list", grown.longValue(), "scsi_grown_defect_list", Health.FAILED,
                    "sectors remapped in the field");
        }
        Number pending = s.get("scsi_pending_defects");
        if (pending != null && pending.longValue() > 0) {
            f.add("counters", Health.WARNING, "scsi_pending_defects is " + pending);
        }
        uncorrected(s, f, tracked);
        Number endurance = s.get("percentage_used_endurance_indicator");
        if (endurance != null && endurance.longValue() >= 100) {
            f.add("counters", Health.FAILED, "percentage used endurance indicator is " + endurance + " %");
        }
        return new Result(tracked);
    }

    private static void uncorrected(Map<String, Number> s, Findings f, Map<String, Long> tracked) {
        long uncorrected = 0;
        boolean any = false;
        List<String> parts = new ArrayList<>();
        for (String dir : new String[] {"read", "write", "verify"}) {
            Number u = s.get(dir + "_total_uncorrected_errors");
            if (u != null) {
                any = true;
                uncorrected += u.longValue();
                if (u.longValue() > 0) {
                    parts.add(dir + " " + u);
                }
            }
        }
        if (!any) {
            return;
        }
        String key = "scsi_uncorrected_errors";
        tracked.put(key, uncorrected);
        Long base = f.baseline(key);
        boolean acked = f.acknowledged(key, uncorrected);
        if (base != null && uncorrected > base) {
            f.add("counters", Health.FAILED, "uncorrected errors grew from " + base + " to " + uncorrected
                    + " since the baseline");
        } else if (uncorrected >= 10 && !acked) {
            f.add("counters", Health.FAILED, uncorrected + " uncorrected errors (" + String.join(", ", parts)
                    + "): the drive could not deliver data repeatedly");
        } else if (uncorrected > 0 && !acked) {
            f.add("counters", Health.WARNING, uncorrected + " uncorrected errors (" + String.join(", ", parts) + ")");
        } else if (uncorrected > 0) {
            f.add("counters", Health.PASSED, uncorrected + " uncorrected errors, acknowledged in the baseline");
        }
    }
}
