package io.hostpulse.collectors.smart;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The NVMe health-log rules: critical_warning bit by bit, spare under its threshold and 100 % used are failures,
 * media errors follow the counter rule, error-log entries are informational only.
 */
final class NvmeHealth {
    private static final String[] BITS = {
        "available spare is below its threshold",
        "temperature is above or below its threshold",
        "NVM subsystem reliability is degraded",
        "media has been placed in read-only mode",
        "volatile memory backup device has failed",
        "persistent memory region is read-only or unreliable",
    };

    /** The counters followed, keyed like the state file (media_errors, num_err_log_entries). */
    record Result(Map<String, Long> tracked) {
    }

    private NvmeHealth() {
    }

    static Result judge(SmartReport r, Findings f) {
        Map<String, Long> tracked = new LinkedHashMap<>();
        Map<String, Number> n = r.nvme();
        f.pass("counters");
        Number cw = n.get("critical_warning");
        if (cw != null && cw.longValue() != 0) {
            long v = cw.longValue();
            for (int bit = 0; bit < 8; bit++) {
                if ((v & (1L << bit)) != 0) {
                    String text = bit < BITS.length ? BITS[bit] : "reserved bit " + bit + " is set";
                    Health h = bit == 1 || bit >= BITS.length ? Health.WARNING : Health.FAILED;
                    f.add("counters", h, "NVMe critical_warning " + v + " (0x" + Long.toHexString(v) + "): " + text);
                }
            }
        }
        Number spare = n.get("available_spare");
        Number spareMin = n.get("available_spare_threshold");
        if (spare != null && spareMin != null && spare.longValue() < spareMin.longValue()) {
            f.add("counters", Health.FAILED, "available_spare " + spare + " % is under its threshold of "
                    + spareMin + " %");
        }
        Number used = n.get("percentage_used");
        if (used != null && used.longValue() >= 100) {
            f.add("counters", Health.FAILED, "percentage_used is " + used + " % (rated endurance used up)");
        }
        Number media = n.get("media_errors");
        if (media != null) {
            tracked.put("media_errors", media.longValue());
            f.counterRule("media_errors", media.longValue(), "media_errors", Health.WARNING,
                    "unrecovered data integrity errors");
        }
        Number log = n.get("num_err_log_entries");
        if (log != null && log.longValue() > 0) {
            tracked.put("num_err_log_entries", log.longValue());
            f.add("counters", Health.PASSED, "num_err_log_entries is " + log
                    + " (informational: the log also counts harmless events such as unsupported commands)");
        }
        return new Result(tracked);
    }
}
