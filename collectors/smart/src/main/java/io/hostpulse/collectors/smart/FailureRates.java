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
 * to 0.1 %. A fleet with no findings fails at about 2.5 % a year; a value of 1.0 means "as many failures per
 * year as drives".
 *
 * <p>The bounds are read as the source defines them (Scrutiny's {@code ValidateThreshold}): a bucket written
 * {@code low, high} holds the raw values {@code low < v <= high}, and one with {@code low == high} holds exactly
 * that value. So {@code 260, 1100} is 261 to 1100, and three values fall in no bucket of the source: attribute 5
 * raw 1, 197 raw 1 and 199 raw 0 (no rate: the other sources still judge them). Above the source's top bucket
 * the top bucket's rate is kept (hostpulse's reading: the source has no drives there, and more only gets worse).
 *
 * <p>The data is for hard disks in a data centre: {@link HealthAnalyzer} does not apply it to SSDs.
 */
final class FailureRates {

    /**
     * The source's bucket {@code (low, high]}, or exactly {@code low} when {@code low == high};
     * {@code high} = Long.MAX_VALUE for "and more".
     */
    record Bucket(long low, long high, double afr) {
        boolean contains(long v) {
            return low == high ? v == low : v > low && v <= high;
        }

        /** The values it holds, inclusive: "0", "2", "261-1100", "17001+". */
        String label() {
            if (low == high) {
                return Long.toString(low);
            }
            long first = low + 1;
            return high == Long.MAX_VALUE ? first + "+" : first == high ? Long.toString(high) : first + "-" + high;
        }
    }

    private static final long MAX = Long.MAX_VALUE;

    private static Bucket exactly(long v, double afr) {
        return new Bucket(v, v, afr);
    }

    private static Bucket above(long low, long high, double afr) {
        return new Bucket(low, high, afr);
    }

    static final Map<Integer, List<Bucket>> TABLE = Map.of(
            5, List.of(exactly(0, 0.025), above(1, 4, 0.027), above(4, 16, 0.075), above(16, 70, 0.236),
                    above(70, 260, 0.362), above(260, 1100, 0.568), above(1100, 4500, 1.503),
                    above(4500, 17000, 2.066), above(17000, MAX, 1.776)),
            187, List.of(exactly(0, 0.028), exactly(1, 0.339), above(1, 3, 0.241), above(3, 6, 0.501),
                    above(6, 11, 0.380), above(11, 20, 0.535), above(20, 35, 0.843), above(35, 65, 1.443),
                    above(65, MAX, 1.619)),
            188, List.of(exactly(0, 0.025), above(0, 13, 0.100), above(13, 26, 0.334), above(26, 39, 0.367),
                    above(39, 52, 0.298), above(52, 65, 0.220), above(65, 78, 0.302), above(78, 91, 0.329),
                    above(91, MAX, 0.285)),
            196, List.of(exactly(0, 0.007), exactly(1, 0.027), above(1, 2, 0.025), above(2, 4, 0.032),
                    above(4, 7, 0.043), above(7, 11, 0.034), above(11, 17, 0.170), above(17, 27, 0.059),
                    above(27, MAX, 0.247)),
            197, List.of(exactly(0, 0.026), above(1, 2, 0.342), above(2, 6, 0.682), above(6, 16, 0.611),
                    above(16, 40, 0.956), above(40, 100, 1.652), above(100, 250, 2.514), above(250, 650, 3.320),
                    above(650, MAX, 3.133)),
            198, List.of(exactly(0, 0.029), above(0, 2, 0.814), above(2, 4, 1.117), above(4, 6, 1.356),
                    above(6, 8, 0.732), above(8, 10, 0.578), above(10, 12, 1.746), above(12, 14, 2.645),
                    above(14, MAX, 0.797)),
            199, List.of(above(0, 1, 0.041), above(1, 2, 0.151), above(2, 4, 0.168), above(4, 8, 0.154),
                    above(8, 16, 0.149), above(16, 35, 0.209), above(35, 70, 0.137), above(70, 130, 0.223),
                    above(130, MAX, 0.183)));

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
