package io.hostpulse.collectors.smart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure health analysis of one {@link SmartReport}, given what was seen before. Three sources are judged
 * apart and then combined (the worst wins; UNKNOWN never wins):
 * <ol>
 *   <li>the drive's own SMART verdict ({@code smart_status.passed});</li>
 *   <li>attribute thresholds: an ATA attribute at or below its threshold now (prefail: failed, old-age:
 *       warning) or in the past (prefail: warning);</li>
 *   <li>failure-rate evidence: the Backblaze AFR bucket of the attribute's raw value ({@link FailureRates}),
 *       hard disks only: at or above 100 % a year is a failure, at or above 10 % a warning;</li>
 * </ol>
 * plus hostpulse's counter rules: a critical ATA counter above zero is a warning and a growing one (since the
 * baseline) a failure trend; NVMe critical_warning bits one by one, spare under threshold and 100 % used are
 * failures, media errors a warning, error-log entries informational only; SCSI grown defects and uncorrected
 * errors; SSD wear; the last self-test. A baseline the user reset acknowledges the values it holds.
 */
final class HealthAnalyzer {

    /** Reallocated, spin retry, end-to-end, reported uncorrectable, command timeout, reallocation events,
     *  pending and offline-uncorrectable sectors: the attributes whose raw value counts real trouble. */
    static final Set<Integer> CRITICAL = Set.of(5, 10, 184, 187, 188, 196, 197, 198);
    static final int CRC = 199;

    /** What the state file knew about this disk before this reading; null on first sight. */
    record History(Map<String, Long> last, Map<String, Long> baseline, boolean acknowledged, String baselineSince) {
    }

    private final int wearWarningPercent;

    HealthAnalyzer(int wearWarningPercent) {
        this.wearWarningPercent = wearWarningPercent;
    }

    private static final class Acc {
        final List<Verdict.Finding> findings = new ArrayList<>();
        final Map<String, Health> sources = new LinkedHashMap<>();

        void add(String source, Health level, String text) {
            findings.add(new Verdict.Finding(source, level, text));
            sources.merge(source, level, Health::worst);
        }

        void pass(String source) {
            sources.merge(source, Health.PASSED, Health::worst);
        }

        Health of(String source) {
            return sources.getOrDefault(source, Health.UNKNOWN);
        }
    }

    Verdict analyze(SmartReport r, History history) {
        Acc acc = new Acc();
        Map<Integer, Verdict.AttributeVerdict> attrs = new LinkedHashMap<>();
        Map<String, Long> tracked = new LinkedHashMap<>();

        if (!r.hasHealthData()) {
            String why = r.firstError() != null ? "smartctl: " + r.firstError().text()
                    : "smartctl returned no SMART health data for this device (SMART unsupported or not reachable"
                    + " through this device type)";
            return new Verdict(Health.UNKNOWN, why, Health.UNKNOWN, Health.UNKNOWN, Health.UNKNOWN, Health.UNKNOWN,
                    List.of(new Verdict.Finding("smart", Health.UNKNOWN, why)), attrs, tracked, null, null);
        }

        // 1. the drive's own verdict
        if (Boolean.FALSE.equals(r.smartPassed()) || (r.smartPassed() == null && (r.exitStatus() & 8) != 0)) {
            acc.add("smart", Health.FAILED, "the drive's own SMART health check says FAILED");
        } else if (Boolean.TRUE.equals(r.smartPassed())) {
            acc.pass("smart");
        }

        // 2. + 3. ATA attributes: thresholds and failure rates
        Double worstAfr = null;
        for (SmartReport.AtaAttribute a : r.attributes()) {
            Health st = Health.PASSED;
            List<String> why = new ArrayList<>();
            acc.pass("threshold");
            if ("now".equalsIgnoreCase(a.whenFailed())) {
                Health h = a.prefailure() ? Health.FAILED : Health.WARNING;
                String t = a.name() + " is failing now (value " + a.value() + " at or below threshold "
                        + a.threshold() + ")";
                acc.add("threshold", h, t);
                st = Health.worst(st, h);
                why.add(t);
            } else if ("past".equalsIgnoreCase(a.whenFailed())) {
                Health h = a.prefailure() ? Health.WARNING : Health.PASSED;
                String t = a.name() + " was at or below its threshold in the past (worst " + a.worst()
                        + ", threshold " + a.threshold() + ")";
                acc.add("threshold", h, t);
                st = Health.worst(st, h);
                why.add(t);
            }
            FailureRates.Bucket bucket = r.isSolidState() ? null : FailureRates.lookup(a.id(), a.decoded());
            if (bucket != null) {
                worstAfr = worstAfr == null ? bucket.afr() : Math.max(worstAfr, bucket.afr());
                Health h = bucket.afr() >= FailureRates.FAILED_AFR ? Health.FAILED
                        : bucket.afr() >= FailureRates.WARNING_AFR ? Health.WARNING : Health.PASSED;
                if (h != Health.PASSED) {
                    String t = a.name() + " " + a.decoded() + " is in Backblaze's " + bucket.label()
                            + " bucket (" + percent(bucket.afr()) + " annual failure rate)";
                    acc.add("failure_rate", h, t);
                    why.add(t);
                } else {
                    acc.pass("failure_rate");
                }
                st = Health.worst(st, h);
            }
            boolean critical = CRITICAL.contains(a.id());
            Long sinceLast = null;
            Long sinceBase = null;
            if (critical || a.id() == CRC) {
                String key = Integer.toString(a.id());
                tracked.put(key, a.decoded());
                sinceLast = increase(history == null ? null : history.last(), key, a.decoded());
                sinceBase = increase(history == null ? null : history.baseline(), key, a.decoded());
                Health h = counterRule(acc, history, key, a.decoded(), a.name(),
                        critical ? Health.FAILED : Health.WARNING,
                        critical ? "critical attribute above zero"
                                : "interface CRC errors: check the cable and connector");
                st = Health.worst(st, h);
                if (h != Health.PASSED) {
                    why.add(acc.findings.get(acc.findings.size() - 1).text());
                }
            }
            attrs.put(a.id(), new Verdict.AttributeVerdict(st, String.join("; ", why), critical, bucket,
                    sinceLast, sinceBase));
        }
        if (r.isAta() && !r.attributes().isEmpty()) {
            acc.pass("counters");
        }

        if (r.isNvme() && !r.nvme().isEmpty()) {
            nvme(r, history, acc, tracked);
        }
        if (r.isScsi() && !r.scsi().isEmpty()) {
            scsi(r, history, acc, tracked);
        }

        // wear
        Long life = lifeRemaining(r);
        if (life != null) {
            if (life <= 0) {
                acc.add("counters", Health.FAILED, "the SSD's rated endurance is used up (0 % life left)");
            } else if (life <= wearWarningPercent) {
                acc.add("counters", Health.WARNING, "the SSD has " + life + " % of its rated life left");
            }
        }

        // self-tests
        SmartReport.SelfTest st = r.lastSelfTest();
        if (st != null && Boolean.FALSE.equals(st.passed())) {
            acc.add("counters", Health.WARNING, "the last self-test (" + st.type() + ") failed: " + st.result()
                    + (st.ageHours() == null ? "" : ", " + st.ageHours() + " power-on hours ago"));
        } else if (r.selfTestFailures() != null && r.selfTestFailures() > 0) {
            acc.add("counters", Health.PASSED, r.selfTestFailures() + " older self-test(s) failed; the latest passed");
        }
        if (r.isAta() && r.errorLogCount() != null && r.errorLogCount() > 0) {
            acc.add("counters", Health.PASSED, "the ATA error log holds " + r.errorLogCount()
                    + " entries (informational)");
        }
        if ((r.exitStatus() & 4) != 0) {
            acc.add("counters", Health.PASSED, "a SMART command failed (exit status bit 2); the reading may be incomplete");
        }

        Health smart = acc.of("smart");
        Health threshold = acc.of("threshold");
        Health failureRate = acc.of("failure_rate");
        Health counters = acc.of("counters");
        Health status = Health.worst(Health.worst(smart, threshold), Health.worst(failureRate, counters));
        if (status == Health.UNKNOWN) {
            status = Health.PASSED;
        }
        return new Verdict(status, reason(status, acc.findings), smart, threshold, failureRate, counters,
                List.copyOf(acc.findings), attrs, tracked, life, worstAfr);
    }

    /**
     * A counter that should stay at zero: above zero is a warning (an informational note when the user
     * acknowledged it by resetting the baseline), grown since the baseline is {@code growth}.
     */
    private static Health counterRule(Acc acc, History history, String key, long value, String name,
                                      Health growth, String nonZeroText) {
        Long base = history == null || history.baseline() == null ? null : history.baseline().get(key);
        Long last = history == null || history.last() == null ? null : history.last().get(key);
        if (base != null && value > base) {
            String t = name + " grew from " + base + " to " + value + " since the baseline"
                    + (history.baselineSince() == null ? "" : " of " + history.baselineSince())
                    + (last != null && value > last ? " (+" + (value - last) + " since the last reading)" : "");
            acc.add("counters", growth, t);
            return growth;
        }
        if (value > 0) {
            if (history != null && history.acknowledged() && base != null && value <= base) {
                acc.add("counters", Health.PASSED, name + " is " + value + ", acknowledged in the baseline");
                return Health.PASSED;
            }
            acc.add("counters", Health.WARNING, name + " is " + value + " (" + nonZeroText + ")");
            return Health.WARNING;
        }
        acc.pass("counters");
        return Health.PASSED;
    }

    private static final String[] NVME_BITS = {
        "available spare is below its threshold",
        "temperature is above or below its threshold",
        "NVM subsystem reliability is degraded",
        "media has been placed in read-only mode",
        "volatile memory backup device has failed",
        "persistent memory region is read-only or unreliable",
    };

    private static void nvme(SmartReport r, History history, Acc acc, Map<String, Long> tracked) {
        Map<String, Number> n = r.nvme();
        acc.pass("counters");
        Number cw = n.get("critical_warning");
        if (cw != null && cw.longValue() != 0) {
            long v = cw.longValue();
            for (int bit = 0; bit < 8; bit++) {
                if ((v & (1L << bit)) != 0) {
                    String text = bit < NVME_BITS.length ? NVME_BITS[bit] : "reserved bit " + bit + " is set";
                    Health h = bit == 1 || bit >= NVME_BITS.length ? Health.WARNING : Health.FAILED;
                    acc.add("counters", h, "NVMe critical_warning " + v + " (0x" + Long.toHexString(v)
                            + "): " + text);
                }
            }
        }
        Number spare = n.get("available_spare");
        Number spareMin = n.get("available_spare_threshold");
        if (spare != null && spareMin != null && spare.longValue() < spareMin.longValue()) {
            acc.add("counters", Health.FAILED, "available_spare " + spare + " % is under its threshold of "
                    + spareMin + " %");
        }
        Number used = n.get("percentage_used");
        if (used != null && used.longValue() >= 100) {
            acc.add("counters", Health.FAILED, "percentage_used is " + used + " % (rated endurance used up)");
        }
        Number media = n.get("media_errors");
        if (media != null) {
            tracked.put("media_errors", media.longValue());
            counterRule(acc, history, "media_errors", media.longValue(), "media_errors", Health.WARNING,
                    "unrecovered data integrity errors");
        }
        Number log = n.get("num_err_log_entries");
        if (log != null && log.longValue() > 0) {
            tracked.put("num_err_log_entries", log.longValue());
            acc.add("counters", Health.PASSED, "num_err_log_entries is " + log
                    + " (informational: the log also counts harmless events such as unsupported commands)");
        }
    }

    private static void scsi(SmartReport r, History history, Acc acc, Map<String, Long> tracked) {
        Map<String, Number> s = r.scsi();
        acc.pass("counters");
        Number grown = s.get("scsi_grown_defect_list");
        if (grown != null) {
            tracked.put("scsi_grown_defect_list", grown.longValue());
            counterRule(acc, history, "scsi_grown_defect_list", grown.longValue(), "scsi_grown_defect_list",
                    Health.FAILED, "sectors remapped in the field");
        }
        Number pending = s.get("scsi_pending_defects");
        if (pending != null && pending.longValue() > 0) {
            acc.add("counters", Health.WARNING, "scsi_pending_defects is " + pending);
        }
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
        if (any) {
            tracked.put("scsi_uncorrected_errors", uncorrected);
            Long base = history == null || history.baseline() == null ? null
                    : history.baseline().get("scsi_uncorrected_errors");
            boolean acked = history != null && history.acknowledged() && base != null && uncorrected <= base;
            if (base != null && uncorrected > base) {
                acc.add("counters", Health.FAILED, "uncorrected errors grew from " + base + " to " + uncorrected
                        + " since the baseline");
            } else if (uncorrected >= 10 && !acked) {
                acc.add("counters", Health.FAILED, uncorrected + " uncorrected errors (" + String.join(", ", parts)
                        + "): the drive could not deliver data repeatedly");
            } else if (uncorrected > 0 && !acked) {
                acc.add("counters", Health.WARNING, uncorrected + " uncorrected errors (" + String.join(", ", parts)
                        + ")");
            } else if (uncorrected > 0) {
                acc.add("counters", Health.PASSED, uncorrected + " uncorrected errors, acknowledged in the baseline");
            }
        }
        Number endurance = s.get("percentage_used_endurance_indicator");
        if (endurance != null && endurance.longValue() >= 100) {
            acc.add("counters", Health.FAILED, "percentage used endurance indicator is " + endurance + " %");
        }
    }

    /**
     * Remaining SSD life in percent: NVMe 100 - percentage_used; SCSI 100 - percentage used endurance;
     * smartctl 7.5's endurance_used; else the normalized value of the vendors' life attributes
     * (231 SSD_Life_Left, 233 Media_Wearout_Indicator, 177 Wear_Leveling_Count, 202 Percent_Lifetime_Remain,
     * 169 Remaining_Lifetime_Perc, 232 Available_Reservd_Space is spare, not wear, and is not used).
     */
    static Long lifeRemaining(SmartReport r) {
        if (r.isNvme() && r.nvme().get("percentage_used") != null) {
            return Math.max(0, 100 - r.nvme().get("percentage_used").longValue());
        }
        if (r.scsi().get("percentage_used_endurance_indicator") != null) {
            return Math.max(0, 100 - r.scsi().get("percentage_used_endurance_indicator").longValue());
        }
        if (r.enduranceUsedPercent() != null) {
            return Math.max(0, 100 - r.enduranceUsedPercent());
        }
        if (!r.isSolidState()) {
            return null;
        }
        for (SmartReport.AtaAttribute a : r.attributes()) {
            String n = a.name().toLowerCase();
            boolean life = n.contains("life_left") || n.contains("lifetime_remain") || n.contains("life_remain")
                    || n.contains("remaining_lifetime") || n.contains("wearout") || n.equals("wear_leveling_count")
                    || n.contains("percent_lifetime");
            if (life && a.value() != null && a.value() <= 100) {
                return Math.max(0, a.value());
            }
        }
        return null;
    }

    private static Long increase(Map<String, Long> before, String key, long now) {
        if (before == null || before.get(key) == null) {
            return null;
        }
        return now - before.get(key);
    }

    static String percent(double afr) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", afr * 100);
    }

    private static String reason(Health status, List<Verdict.Finding> findings) {
        List<String> deciding = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Verdict.Finding f : findings) {
            if (f.level() == status && status != Health.PASSED) {
                if (!deciding.contains(f.text())) {
                    deciding.add(f.text());
                }
            } else if (f.level() == Health.PASSED) {
                notes.add(f.text());
            }
        }
        if (status == Health.PASSED) {
            return "all checks passed" + (notes.isEmpty() ? "" : "; note: " + String.join("; ", notes));
        }
        List<String> also = new ArrayList<>();
        if (status == Health.FAILED) {
            for (Verdict.Finding f : findings) {
                if (f.level() == Health.WARNING && !also.contains(f.text())) {
                    also.add(f.text());
                }
            }
        }
        return String.join("; ", deciding) + (also.isEmpty() ? "" : "; also: " + String.join("; ", also));
    }
}
