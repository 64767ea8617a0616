package io.hostpulse.collectors.smart;

import java.util.List;
import java.util.Map;

/**
 * Observed annualized failure rates (AFR) of hard disks by ATA attribute and raw value: the "failure-rate
 * evidence" source of the verdict.
 *
 * <p>Source: Backblaze's public Drive Stats data (daily SMART snapshots of its fleet, published quarterly at
 * https://www.backblaze.com/cloud-storage/resources/hard-drive-test-data; the attributes are the ones
 * Backblaze names as failure predictors in "What SMART Stats Tell Us About Hard Drives", Andy Klein,
 * 2016-10-06, https://www.backblaze.com/blog/what-smart-stats-indicate-hard-drive-failures/: 5, 187, 188,
 * 197, 198). The per-bucket figures are the AFRs computed from that data by the Scrutiny project
 * (AnalogJ/scrutiny, webapp/backend/pkg/thresholds/ata_attribute_metadata.go, commit 80f4660), rounded here
 * to 0.1 % and merged into fewer buckets where neighbouring buckets were thin. A fleet with no findings
 * fails at about 2.5 % a year; a value of 1.0 means "as many failures per year as drives".
 *
 * <p>The data is for hard disks in a data centre: {@link HealthAnalyzer} does not apply it to SSDs.
 */
final class FailureRates {

    /** Raw values from {@code low} to {@code high} inclusive ({@code high} = Long.MAX_VALUE for "and more"). */
    record Bucket(long low, long high, double afr) {
        boolean contains(long v) {
            return v >= low && v <= high;
        }

        String label() {
            return low == high ? Long.toString(low) : high == Long.MAX_VALUE ? low + "+" : low + "-" + high;
        }
    }

    private static final long MAX = Long.MAX_VALUE;

    static final Map<Integer, List<Bucket>> TABLE = Map.of(
            5, List.of(new Bucket(0, 0, 0.025), new Bucket(1, 3, 0.027), new Bucket(4, 15, 0.075),
                    new Bucket(16, 69, 0.236), new Bucket(70, 259, 0.362), new Bucket(260, 1099, 0.568),
                    new Bucket(1100, 4499, 1.503), new Bucket(4500, MAX, 1.776)),
            187, List.of(new Bucket(0, 0, 0.028), new Bucket(1, 1, 0.339), new Bucket(2, 2, 0.241),
                    new Bucket(3, 5, 0.501), new Bucket(6, 10, 0.380), new Bucket(11, 19, 0.535),
                    new Bucket(20, 34, 0.843), new Bucket(35, 64, 1.443), new Bucket(65, MAX, 1.619)),
            188, List.of(new Bucket(0, 99, 0.025), new Bucket(100, MAX, 0.100)),
            196, List.of(new Bucket(0, 0, 0.007), new Bucket(1, 10, 0.034), new Bucket(11, 16, 0.170),
                    new Bucket(17, 26, 0.059), new Bucket(27, MAX, 0.247)),
            197, List.of(new Bucket(0, 0, 0.026), new Bucket(1, 1, 0.342), new Bucket(2, 5, 0.682),
                    new Bucket(6, 15, 0.611), new Bucket(16, 39, 0.956), new Bucket(40, 99, 1.652),
                    new Bucket(100, 249, 2.514), new Bucket(250, MAX, 3.320)),
            198, List.of(new Bucket(0, 0, 0.029), new Bucket(1, 1, 0.814), new Bucket(2, 3, 1.117),
                    new Bucket(4, 5, 1.356), new Bucket(6, 9, 0.655), new Bucket(10, MAX, 1.746)),
            199, List.of(new Bucket(0, 0, 0.041), new Bucket(1, 1, 0.151), new Bucket(2, 3, 0.168),
                    new Bucket(4, 15, 0.151), new Bucket(16, 34, 0.209), new Bucket(35, 129, 0.180),
                    new Bucket(130, MAX, 0.183)));

    /** AFR at or above this is a warning (four times the fleet's baseline). */
    static final double WARNING_AFR = 0.10;
    /** AFR at or above this is a failure: more failures per year than drives. */
    static final double FAILED_AFR = 1.0;

    private FailureRates() {
    }

    static Bucket lookup(int id, long decodedRaw) {
        List<Bucket> buckets = TABLE.get(id);
        if (buckets == null || decodedRaw < 0) {
            return null;
        }
        for (Bucket b : buckets) {
            if (b.contains(decodedRaw)) {
                return b;
            }
        }
        return null;
    }
}
