package io.hostpulse.collectors.smart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every edge of every failure-rate bucket, against Scrutiny's table (AnalogJ/scrutiny
 * webapp/backend/pkg/thresholds/ata_attribute_metadata.go@80f4660) read with Scrutiny's own rule: a bucket
 * {@code Low, High} holds {@code Low < v <= High}, or exactly {@code Low} when {@code Low == High}. The ranges
 * below are that reading written out by hand as inclusive ranges ({@code 261-1100} is the source's 260, 1100);
 * {@code -} marks a value the source has no bucket for; the last range is open ({@code 17001+}).
 */
class FailureRatesTest {

    @ParameterizedTest(name = "attribute {0}")
    @CsvSource(delimiter = ';', value = {
        "5;   0=0.025 1=- 2-4=0.027 5-16=0.075 17-70=0.236 71-260=0.362 261-1100=0.568 1101-4500=1.503"
                + " 4501-17000=2.066 17001+=1.776",
        "187; 0=0.028 1=0.339 2-3=0.241 4-6=0.501 7-11=0.380 12-20=0.535 21-35=0.843 36-65=1.443 66+=1.619",
        "188; 0=0.025 1-13=0.100 14-26=0.334 27-39=0.367 40-52=0.298 53-65=0.220 66-78=0.302 79-91=0.329"
                + " 92+=0.285",
        "196; 0=0.007 1=0.027 2=0.025 3-4=0.032 5-7=0.043 8-11=0.034 12-17=0.170 18-27=0.059 28+=0.247",
        "197; 0=0.026 1=- 2=0.342 3-6=0.682 7-16=0.611 17-40=0.956 41-100=1.652 101-250=2.514 251-650=3.320"
                + " 651+=3.133",
        "198; 0=0.029 1-2=0.814 3-4=1.117 5-6=1.356 7-8=0.732 9-10=0.578 11-12=1.746 13-14=2.645 15+=0.797",
        "199; 0=- 1=0.041 2=0.151 3-4=0.168 5-8=0.154 9-16=0.149 17-35=0.209 36-70=0.137 71-130=0.223"
                + " 131+=0.183",
    })
    void everyEdgeOfEveryBucketIsWhereTheSourcePutsIt(int id, String spec) {
        List<long[]> seen = new ArrayList<>();
        for (String range : spec.trim().split("\\s+")) {
            String[] kv = range.split("=");
            String r = kv[0];
            long first = Long.parseLong(r.replace("+", "").split("-")[0]);
            long last = r.endsWith("+") ? Long.MAX_VALUE : r.contains("-") ? Long.parseLong(r.split("-")[1]) : first;
            if (kv[1].equals("-")) {
                for (long v = first; v <= last; v++) {
                    assertThat(FailureRates.lookup(id, v)).as("attribute %d raw %d: no bucket in the source", id, v)
                            .isNull();
                }
                continue;
            }
            double afr = Double.parseDouble(kv[1]);
            FailureRates.Bucket b = FailureRates.lookup(id, first);
            assertThat(b).as("attribute %d raw %d (first of %s)", id, first, r).isNotNull();
            assertThat(b.afr()).as("attribute %d raw %d", id, first).isEqualTo(afr);
            assertThat(b.label()).isEqualTo(r);
            assertThat(FailureRates.lookup(id, last)).as("attribute %d raw %d (last of %s)", id, last, r).isEqualTo(b);
            if (first > 0) {
                assertThat(FailureRates.lookup(id, first - 1)).as("attribute %d raw %d (before %s)", id, first - 1, r)
                        .isNotEqualTo(b);
            }
            if (last != Long.MAX_VALUE) {
                assertThat(FailureRates.lookup(id, last + 1)).as("attribute %d raw %d (after %s)", id, last + 1, r)
                        .isNotEqualTo(b);
            }
            seen.add(new long[] {first, last});
        }
        assertThat(FailureRates.TABLE.get(id)).as("attribute %d: one bucket per range", id).hasSize(seen.size());
    }

    @Test
    void theReportedEdgesReadAsTheSourceDoes() {
        // issue 13: 1100 reallocated sectors are in the source's 260-1100 bucket (56.8 %), not 1100-4500 (150 %)
        assertThat(FailureRates.lookup(5, 1100).afr()).isEqualTo(0.568);
        assertThat(FailureRates.lookup(5, 1101).afr()).isEqualTo(1.503);
        // offline-uncorrectable 2 is in the source's 0-2 bucket, 6 in its 4-6 bucket
        assertThat(FailureRates.lookup(198, 2).afr()).isEqualTo(0.814);
        assertThat(FailureRates.lookup(198, 6).afr()).isEqualTo(1.356);
    }

    @Test
    void attributesWithoutATableAndNegativeValuesHaveNoBucket() {
        assertThat(FailureRates.lookup(9, 100)).isNull();
        assertThat(FailureRates.lookup(5, -1)).isNull();
    }
}
