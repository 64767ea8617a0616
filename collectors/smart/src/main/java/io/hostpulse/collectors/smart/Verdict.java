package io.hostpulse.collectors.smart;

import java.util.List;
import java.util.Map;

/**
 * The health verdict of one disk: the combined status with a short reason, each source's own verdict, the
 * findings behind them and the per-attribute details.
 *
 * @param smart       the drive's own SMART verdict
 * @param threshold   attribute values against the manufacturer's thresholds, now and in the past
 * @param failureRate failure-rate evidence (Backblaze AFR buckets); UNKNOWN when it does not apply (SSD, NVMe)
 * @param counters    hostpulse's rules: critical counters, trends since the baseline, NVMe and SCSI logs,
 *                    wear, self-tests
 * @param tracked     the counters whose trend is followed, keyed like the state file (ATA ids, NVMe/SCSI names)
 */
public record Verdict(Health status, String reason, Health smart, Health threshold, Health failureRate,
                      Health counters, List<Finding> findings, Map<Integer, AttributeVerdict> attributes,
                      Map<String, Long> tracked, Long lifeRemainingPercent, Double worstFailureRate) {

    /** One observation. Level PASSED marks an informational note. */
    public record Finding(String source, Health level, String text) {
    }

    /** What the analysis says about one ATA attribute. */
    public record AttributeVerdict(Health status, String reason, boolean critical, FailureRates.Bucket bucket,
                                   Long increaseSinceLast, Long increaseSinceBaseline) {
    }
}
