package io.hostpulse.collectors.smart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ATA attribute rules: each attribute against its threshold (now and in the past), its Backblaze failure-rate
 * bucket (hard disks only) and, for the critical counters and CRC errors, the counter rule.
 */
final class AtaHealth {
    /** Reallocated, spin retry, end-to-end, reported uncorrectable, command timeout, reallocation events,
     *  pending and offline-uncorrectable sectors: the attributes whose raw value counts real trouble. */
    static final Set<Integer> CRITICAL = Set.of(5, 10, 184, 187, 188, 196, 197, 198);
    static final int CRC = 199;

    /** Per-attribute verdicts, the counters followed (keyed by attribute id) and the worst bucket's AFR (or null). */
    record Result(Map<Integer, Verdict.AttributeVerdict> attributes, Map<String, Long> tracked, Double worstAfr) {
    }

    private AtaHealth() {
    }

    static Result judge(SmartReport r, Findings f) {
        Map<Integer, Verdict.AttributeVerdict> attrs = new LinkedHashMap<>();
        Map<String, Long> tracked = new LinkedHashMap<>();
        HealthAnalyzer.History history = f.history();
        Double worstAfr = null;
        for (SmartReport.AtaAttribute a : r.attributes()) {
            Health st = Health.PASSED;
            List<String> why = new ArrayList<>();
            f.pass("threshold");
            if ("now".equalsIgnoreCase(a.whenFailed())) {
                Health h = a.prefailure() ? Health.FAILED : Health.WARNING;
                String t = a.name() + " is failing now (value " + a.value() + " at or below threshold "
                        + a.threshold() + ")";
                f.add("threshold", h, t);
                st = Health.worst(st, h);
                why.add(t);
            } else if ("past".equalsIgnoreCase(a.whenFailed())) {
                Health h = a.prefailure() ? Health.WARNING : Health.PASSED;
                String t = a.name() + " was at or below its threshold in the past (worst " + a.worst()
                        + ", threshold " + a.threshold() + ")";
                f.add("threshold", h, t);
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
                            + " bucket (" + HealthAnalyzer.percent(bucket.afr()) + " annual failure rate)";
                    f.add("failure_rate", h, t);
                    why.add(t);
                } else {
                    f.pass("failure_rate");
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
                Health h = f.counterRule(key, a.decoded(), a.name(), critical ? Health.FAILED : Health.WARNING,
                        critical ? "critical attribute above zero"
                                : "interface CRC errors: check the cable and connector");
                st = Health.worst(st, h);
                if (h != Health.PASSED) {
                    why.add(f.lastText());
                }
            }
            attrs.put(a.id(), new Verdict.AttributeVerdict(st, String.join("; ", why), critical, bucket,
                    sinceLast, sinceBase));
        }
        if (r.isAta() && !r.attributes().isEmpty()) {
            f.pass("counters");
        }
        return new Result(attrs, tracked, worstAfr);
    }

    private static Long increase(Map<String, Long> before, String key, long now) {
        if (before == null || before.get(key) == null) {
            return null;
        }
        return now - before.get(key);
    }
}
