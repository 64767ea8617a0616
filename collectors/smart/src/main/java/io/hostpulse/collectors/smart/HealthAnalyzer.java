package io.hostpulse.collectors.smart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** What the state file knew about this disk before this reading; null on first sight. */
    record History(Map<String, Long> last, Map<String, Long> baseline, boolean acknowledged, String baselineSince) {
    }

    private final int wearWarningPercent;

    HealthAnalyzer(int wearWarningPercent) {
        this.wearWarningPercent = wearWarningPercent;
    }

    /**
     * The drive's own verdict, then the protocol's rules ({@link AtaHealth} for any attribute table,
     * {@link NvmeHealth}, {@link ScsiHealth}), then the rules every protocol shares (wear, self-tests, logs).
     */
    Verdict analyze(SmartReport r, History history) {
        if (!r.hasHealthData()) {
            String why = r.firstError() != null ? "smartctl: " + r.firstError().text()
                    : "smartctl returned no SMART health data for this device (SMART unsupported or not reachable"
                    + " through this device type)";
            return new Verdict(Health.UNKNOWN, why, Health.UNKNOWN, Health.UNKNOWN, Health.UNKNOWN, Health.UNKNOWN,
                    List.of(new Verdict.Finding("smart", Health.UNKNOWN, why)), new LinkedHashMap<>(), new LinkedHashMap<>(),
                    null, null);
        }
        Findings f = new Findings(history);
        if (Boolean.FALSE.equals(r.smartPassed()) || (r.smartPassed() == null && (r.exitStatus() & 8) != 0)) {
            f.add("smart", Health.FAILED, "the drive's own SMART health check says FAILED");
        } else if (Boolean.TRUE.equals(r.smartPassed())) {
            f.pass("smart");
        }

        AtaHealth.Result ata = AtaHealth.judge(r, f);
        Map<String, Long> tracked = new LinkedHashMap<>(ata.tracked());
        if (r.isNvme() && !r.nvme().isEmpty()) {
            tracked.putAll(NvmeHealth.judge(r, f).tracked());
        }
        if (r.isScsi() && !r.scsi().isEmpty()) {
            tracked.putAll(ScsiHealth.judge(r, f).tracked());
        }
        Long life = lifeRemaining(r);
        wear(life, f);
        logs(r, f);

        Health smart = f.of("smart");
        Health threshold = f.of("threshold");
        Health failureRate = f.of("failure_rate");
        Health counters = f.of("counters");
        Health status = Health.worst(Health.worst(smart, threshold), Health.worst(failureRate, counters));
        if (status == Health.UNKNOWN) {
            status = Health.PASSED;
        }
        return new Verdict(status, reason(status, f.list()), smart, threshold, failureRate, counters,
                List.copyOf(f.list()), ata.attributes(), tracked, life, ata.worstAfr());
    }

    private void wear(Long life, Findings f) {
        if (life == null) {
            return;
        }
        if (life <= 0) {
            f.add("counters", Health.FAILED, "the SSD's rated endurance is used up (0 % life left)");
        } else if (life <= wearWarningPercent) {
            f.add("counters", Health.WARNING, "the SSD has " + life + " % of its rated life left");
        }
    }

    /** The last self-test, older failed ones, the ATA error log and a failed SMART command. */
    private static void logs(SmartReport r, Findings f) {
        SmartReport.SelfTest st = r.lastSelfTest();
        if (st != null && Boolean.FALSE.equals(st.passed())) {
            f.add("counters", Health.WARNING, "the last self-test (" + st.type() + ") failed: " + st.result()
                    + (st.ageHours() == null ? "" : ", " + st.ageHours() + " power-on hours ago"));
        } else if (r.selfTestFailures() != null && r.selfTestFailures() > 0) {
            f.add("counters", Health.PASSED, r.selfTestFailures() + " older self-test(s) failed; the latest passed");
        }
        if (r.isAta() && r.errorLogCount() != null && r.errorLogCount() > 0) {
            f.add("counters", Health.PASSED, "the ATA error log holds " + r.errorLogCount()
                    + " entries (informational)");
        }
        if ((r.exitStatus() & 4) != 0) {
            f.add("counters", Health.PASSED, "a SMART command failed (exit status bit 2); the reading may be incomplete");
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
