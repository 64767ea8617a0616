package io.hostpulse.collectors.smart;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HealthAnalyzerTest {
    private final HealthAnalyzer analyzer = new HealthAnalyzer(10);

    private static SmartReport ata(String attributes) throws Exception {
        return SmartctlParser.parse("{\"device\": {\"protocol\": \"ATA\"}, \"rotation_rate\": 7200,"
                + " \"smart_status\": {\"passed\": true}, \"ata_smart_attributes\": {\"table\": [" + attributes + "]}}", 0);
    }

    private static String attr(int id, String name, long raw) {
        return "{\"id\": " + id + ", \"name\": \"" + name + "\", \"value\": 100, \"worst\": 100, \"thresh\": 10,"
                + " \"when_failed\": \"\", \"flags\": {\"prefailure\": true}, \"raw\": {\"value\": " + raw
                + ", \"string\": \"" + raw + "\"}}";
    }

    private static SmartReport nvme(String log) throws Exception {
        return SmartctlParser.parse("{\"device\": {\"protocol\": \"NVMe\"}, \"smart_status\": {\"passed\": true},"
                + " \"nvme_smart_health_information_log\": {" + log + "}}", 0);
    }

    @Test
    void growingReallocatedSectorsIsAFailureTrend() throws Exception {
        SmartReport now = ata(attr(5, "Reallocated_Sector_Ct", 310));
        var history = new HealthAnalyzer.History(Map.of("5", 308L), Map.of("5", 304L), false, "2026-11-01");
        Verdict v = analyzer.analyze(now, history);
        assertThat(v.status()).isEqualTo(Health.FAILED);
        assertThat(v.reason()).contains("Reallocated_Sector_Ct grew from 304 to 310 since the baseline of 2026-11-01"
                + " (+2 since the last reading)");
        assertThat(v.attributes().get(5).increaseSinceLast()).isEqualTo(2);
        assertThat(v.attributes().get(5).increaseSinceBaseline()).isEqualTo(6);
    }

    @Test
    void growthSinceTheBaselineStaysAFailureWhenTheLastReadingIsUnchanged() throws Exception {
        // no flapping back to warning once the counter stops growing: the baseline remembers
        var history = new HealthAnalyzer.History(Map.of("197", 3L), Map.of("197", 0L), false, "2026-11-01");
        Verdict v = analyzer.analyze(ata(attr(197, "Current_Pending_Sector", 3)), history);
        assertThat(v.status()).isEqualTo(Health.FAILED);
        assertThat(v.reason()).contains("Current_Pending_Sector grew from 0 to 3 since the baseline of 2026-11-01")
                .doesNotContain("since the last reading");
    }

    @Test
    void stableNonZeroCriticalCounterIsAWarningUntilAcknowledged() throws Exception {
        SmartReport r = ata(attr(5, "Reallocated_Sector_Ct", 8));
        var auto = new HealthAnalyzer.History(Map.of("5", 8L), Map.of("5", 8L), false, "2026-11-01");
        assertThat(analyzer.analyze(r, auto).status()).isEqualTo(Health.WARNING);
        var acked = new HealthAnalyzer.History(Map.of("5", 8L), Map.of("5", 8L), true, "2026-11-20");
        Verdict v = analyzer.analyze(r, acked);
        // Backblaze still rates 4-15 reallocations at 7.5 %: under the 10 % warning line
        assertThat(v.status()).isEqualTo(Health.PASSED);
        assertThat(v.reason()).contains("Reallocated_Sector_Ct is 8, acknowledged in the baseline");
    }

    @Test
    void failureRateAtOrAbove100PercentFailsAHardDisk() throws Exception {
        Verdict v = analyzer.analyze(ata(attr(198, "Offline_Uncorrectable", 3)), null);
        assertThat(v.failureRate()).isEqualTo(Health.FAILED);
        assertThat(v.status()).isEqualTo(Health.FAILED);
        assertThat(v.reason()).contains("Offline_Uncorrectable 3 is in Backblaze's 3-4 bucket (111.7 % annual failure rate)");
    }

    @Test
    void failureRateUnder100PercentIsAWarning() throws Exception {
        // the source's bucket 0, 2 holds 1 and 2: 81.4 %, a warning, not yet a failure
        Verdict v = analyzer.analyze(ata(attr(198, "Offline_Uncorrectable", 2)), null);
        assertThat(v.failureRate()).isEqualTo(Health.WARNING);
        assertThat(v.reason()).contains("Offline_Uncorrectable 2 is in Backblaze's 1-2 bucket (81.4 % annual failure rate)");
    }

    @Test
    void oldAgeAttributeFailingNowIsAWarningAndPrefailInThePastToo() throws Exception {
        SmartReport r = ata("{\"id\": 190, \"name\": \"Airflow_Temperature_Cel\", \"value\": 40, \"worst\": 40,"
                + " \"thresh\": 45, \"when_failed\": \"now\", \"flags\": {\"prefailure\": false},"
                + " \"raw\": {\"value\": 60, \"string\": \"60\"}},"
                + "{\"id\": 3, \"name\": \"Spin_Up_Time\", \"value\": 90, \"worst\": 20, \"thresh\": 21,"
                + " \"when_failed\": \"past\", \"flags\": {\"prefailure\": true}, \"raw\": {\"value\": 0}}");
        Verdict v = analyzer.analyze(r, null);
        assertThat(v.threshold()).isEqualTo(Health.WARNING);
        assertThat(v.reason()).contains("Airflow_Temperature_Cel is failing now (value 40 at or below threshold 45)")
                .contains("Spin_Up_Time was at or below its threshold in the past (worst 20, threshold 21)");
    }

    @Test
    void nvmeCriticalWarningBitsAreDecodedOneByOne() throws Exception {
        // 0x0B = spare below threshold (1) + temperature (2) + read-only (8)
        Verdict v = analyzer.analyze(nvme("\"critical_warning\": 11, \"available_spare\": 5,"
                + " \"available_spare_threshold\": 10, \"percentage_used\": 3"), null);
        assertThat(v.status()).isEqualTo(Health.FAILED);
        assertThat(v.findings()).extracting(Verdict.Finding::text).contains(
                "NVMe critical_warning 11 (0xb): available spare is below its threshold",
                "NVMe critical_warning 11 (0xb): temperature is above or below its threshold",
                "NVMe critical_warning 11 (0xb): media has been placed in read-only mode",
                "available_spare 5 % is under its threshold of 10 %");
        assertThat(v.findings()).filteredOn(f -> f.text().contains("temperature"))
                .extracting(Verdict.Finding::level).containsExactly(Health.WARNING);
    }

    @Test
    void nvmeTemperatureBitAloneIsAWarning() throws Exception {
        assertThat(analyzer.analyze(nvme("\"critical_warning\": 2"), null).status()).isEqualTo(Health.WARNING);
    }

    @Test
    void nvmeWornOutAt100PercentFails() throws Exception {
        Verdict v = analyzer.analyze(nvme("\"critical_warning\": 0, \"percentage_used\": 104"), null);
        assertThat(v.status()).isEqualTo(Health.FAILED);
        assertThat(v.lifeRemainingPercent()).isZero();
        assertThat(v.reason()).contains("percentage_used is 104 %");
    }

    @Test
    void nvmeErrorLogEntriesAloneNeverFail() throws Exception {
        // Telegraf's own NVMe fixture shows 4871 entries on a healthy drive
        Verdict v = analyzer.analyze(nvme("\"critical_warning\": 0, \"media_errors\": 0, \"num_err_log_entries\": 4871"), null);
        assertThat(v.status()).isEqualTo(Health.PASSED);
        assertThat(v.reason()).contains("num_err_log_entries is 4871 (informational");
        assertThat(v.tracked()).containsEntry("num_err_log_entries", 4871L);
    }

    @Test
    void nvmeMediaErrorsGrowingIsAWarningAndAcknowledgedOnesPass() throws Exception {
        var grown = new HealthAnalyzer.History(Map.of("media_errors", 7L), Map.of("media_errors", 7L), true, "2026-11-20");
        Verdict v = analyzer.analyze(nvme("\"media_errors\": 9"), grown);
        assertThat(v.status()).isEqualTo(Health.WARNING);
        assertThat(v.reason()).isEqualTo("media_errors grew from 7 to 9 since the baseline of 2026-11-20"
                + " (+2 since the last reading)");
        assertThat(analyzer.analyze(nvme("\"media_errors\": 7"), grown).status()).isEqualTo(Health.PASSED);
    }

    @Test
    void ssdNearTheEndOfItsLifeIsAWarning() throws Exception {
        Verdict v = analyzer.analyze(nvme("\"percentage_used\": 93"), null);
        assertThat(v.status()).isEqualTo(Health.WARNING);
        assertThat(v.reason()).isEqualTo("the SSD has 7 % of its rated life left");
        assertThat(new HealthAnalyzer(5).analyze(nvme("\"percentage_used\": 93"), null).status()).isEqualTo(Health.PASSED);
    }

    @Test
    void failedLastSelfTestIsAWarning() throws Exception {
        SmartReport r = SmartctlParser.parse("{\"device\": {\"protocol\": \"ATA\"}, \"smart_status\": {\"passed\": true},"
                + " \"power_on_time\": {\"hours\": 500}, \"ata_smart_self_test_log\": {\"standard\": {\"table\": ["
                + "{\"type\": {\"string\": \"Extended offline\"}, \"status\": {\"string\": \"Completed: read failure\","
                + " \"passed\": false}, \"lifetime_hours\": 480}]}}}", 0);
        Verdict v = analyzer.analyze(r, null);
        assertThat(v.status()).isEqualTo(Health.WARNING);
        assertThat(v.reason()).isEqualTo("the last self-test (Extended offline) failed: Completed: read failure,"
                + " 20 power-on hours ago");
    }

    @Test
    void scsiGrownDefectsGrowingFailsAndAFewUncorrectedErrorsWarn() throws Exception {
        SmartReport r = SmartctlParser.parse("{\"device\": {\"protocol\": \"SCSI\"}, \"smart_status\": {\"passed\": true},"
                + " \"scsi_grown_defect_list\": 12, \"scsi_error_counter_log\": {\"read\": {\"total_uncorrected_errors\": 2}}}", 0);
        assertThat(analyzer.analyze(r, null).status()).isEqualTo(Health.WARNING);
        var history = new HealthAnalyzer.History(Map.of("scsi_grown_defect_list", 10L),
                Map.of("scsi_grown_defect_list", 10L), false, "2026-11-01");
        Verdict v = analyzer.analyze(r, history);
        assertThat(v.status()).isEqualTo(Health.FAILED);
        assertThat(v.reason()).startsWith("scsi_grown_defect_list grew from 10 to 12");
    }

    @Test
    void reportWithoutAnythingToJudgeIsUnknown() throws Exception {
        Verdict v = analyzer.analyze(SmartctlParser.parse("{\"device\": {\"name\": \"/dev/sdx\"}}", 0), null);
        assertThat(v.status()).isEqualTo(Health.UNKNOWN);
        assertThat(v.smart()).isEqualTo(Health.UNKNOWN);
    }
}
