package io.hostpulse.collectors.smart;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every recorded smartctl reply parses, and gets the verdict a disk expert would give. The expected values
 * were read off the JSON by hand (see SOURCES.md for what each device is); comments explain the verdicts
 * that are not obvious.
 */
class FixtureVerdictTest {

    private static final Set<String> DEVICE_FIXTURES_WITH_A_TEST = Set.of(
            "sata-hdd-wd-wd140edfz-healthy-selftest-log.json",
            "sata-hdd-seagate-st3500418as-reallocated-304.json",
            "sata-hdd-seagate-st3200820as-error-log-exit64.json",
            "sata-hdd-seagate-exos-x18-farm-log-7.5.json",
            "usb-jmicron-sata-hdd-hitachi-hds721050dle630-failing.json",
            "sata-ssd-samsung-860-evo-wear.json",
            "sata-ssd-intel-s4500-ssdsc2kb240g7.json",
            "sata-ssd-micron-5300-percent-lifetime.json",
            "sata-ssd-kingston-sa400-life-left-exit4.json",
            "sata-ssd-unknown-p3-2tb-crc-errors-7.5-exit64.json",
            "nvme-intel-660p-ssdpeknw010t8-healthy.json",
            "nvme-samsung-970-evo-media-errors.json",
            "nvme-samsung-pm1725b-critical-warning-exit8.json",
            "nvme-intel-p4510-ssdpe2kx020t7-75pct-used.json",
            "nvme-micron-7450-nn132-no-namespace-list.json",
            "nvme-peladn-512gb-7.5-full.json",
            "scsi-sas-seagate-exos-st18000nm004j-healthy.json",
            "scsi-sas-yadro-wuh721414al4204-decimal-comma.json",
            "scsi-sas-seagate-st1200mm0088-smartctl-6.7.json",
            "scsi-seagate-st373453lc-grown-defects-uncorrected.json",
            "megaraid-sas-toshiba-al15seb24eqy.json",
            "megaraid-sat-wd4000fyyx-reallocated-exit4.json",
            "error-nonexistent-device-exit1.json",
            "error-sata-standby-exit2.json",
            "error-windows-open-failed-exit2.json",
            "error-intel-raid1-volume-no-smart-exit4.json",
            "recorded-debian12-smartctl-7.3-vda-sat-not-permitted-exit2.json");
    // the four scan outputs and the recorded empty scan are asserted in SmartctlParserTest

    @Test
    void everyFixtureIsCovered() throws IOException {
        try (var files = Files.list(Fixtures.path("error-nonexistent-device-exit1.json").getParent())) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .filter(n -> !n.contains("scan")).collect(Collectors.toList());
            assertThat(names).containsExactlyInAnyOrderElementsOf(DEVICE_FIXTURES_WITH_A_TEST);
        }
    }

    // ---- ATA hard disks

    @Test
    void wdHealthyHddPasses() {
        SmartReport r = Fixtures.report("sata-hdd-wd-wd140edfz-healthy-selftest-log.json");
        Verdict v = Fixtures.verdict("sata-hdd-wd-wd140edfz-healthy-selftest-log.json");
        assertThat(v.status()).isEqualTo(Health.PASSED);
        assertThat(v.reason()).isEqualTo("all checks passed");
        assertThat(r.wwn()).isEqualTo("5000cca264eb01d7"); // naa 5, oui 3274 = 0x000cca, id 10283057623 = 0x264eb01d7
        assertThat(r.model()).isEqualTo("WDC WD140EDFZ-11A0VA0");
        assertThat(r.temperatureC()).isEqualTo(32);
        assertThat(r.powerOnHours()).isEqualTo(1730);
        // 194 raw 163210330144 packs min/max: smartctl's string "32 (Min/Max 24/38)"
        assertThat(r.attribute(194).decoded()).isEqualTo(32);
        assertThat(AtaRawDecoder.minMax(r.attribute(194).rawString())).containsExactly(24, 38);
        // Spin_Up_Time raw 30089675132 is "380 (Average 380)"
        assertThat(r.attribute(3).decoded()).isEqualTo(380);
        // newest self-test first: short offline at 1708 h, the disk is at 1730 h
        assertThat(r.lastSelfTest().type()).isEqualTo("Short offline");
        assertThat(r.lastSelfTest().passed()).isTrue();
        assertThat(r.lastSelfTest().ageHours()).isEqualTo(22);
        assertThat(r.selfTestFailures()).isZero();
        assertThat(v.lifeRemainingPercent()).isNull(); // a 5400 rpm disk has no wear gauge
    }

    @Test
    void seagateWith304ReallocatedSectorsIsAWarningNotAFailure() {
        // The drive says PASSED and attribute 5 (normalized 93) is far above its threshold 36, but 304
        // remapped sectors put it in Backblaze's 261-1100 bucket (56.8 % AFR vs 2.5 % for zero). Nothing is
        // pending or uncorrectable, so an expert says: back it up and plan the replacement (warning), not
        // "failed". A growing count would make it a failure trend (see HealthAnalyzerTest).
        SmartReport r = Fixtures.report("sata-hdd-seagate-st3500418as-reallocated-304.json");
        Verdict v = Fixtures.verdict("sata-hdd-seagate-st3500418as-reallocated-304.json");
        assertThat(v.status()).isEqualTo(Health.WARNING);
        assertThat(v.smart()).isEqualTo(Health.PASSED);
        assertThat(v.threshold()).isEqualTo(Health.PASSED);
        assertThat(v.failureRate()).isEqualTo(Health.WARNING);
        assertThat(v.counters()).isEqualTo(Health.WARNING);
        assertThat(v.reason()).contains("Reallocated_Sector_Ct 304 is in Backblaze's 261-1100 bucket (56.8 %")
                .contains("Reallocated_Sector_Ct is 304 (critical attribute above zero)");
        assertThat(v.worstFailureRate()).isEqualTo(0.568);
        // Seagate 48-bit raw: Seek_Error_Rate 12834215976973 = 2988 errors (upper 16 bits) over
        // 853696525 seeks (lower 32 bits); 1 and 195 (234151754 < 2^32) hold no error count
        assertThat(r.attribute(7).decoded()).isEqualTo(2988);
        assertThat(r.attribute(1).decoded()).isZero();
        assertThat(r.attribute(195).decoded()).isZero();
        // 194 "33 (0 19 0 0 0)" and 190 "33 (Min/Max 24/36)"
        assertThat(r.attribute(194).decoded()).isEqualTo(33);
        assertThat(r.attribute(190).decoded()).isEqualTo(33);
        // High_Fly_Writes 2 is informational: it is not a critical attribute and not in the table
        assertThat(v.attributes().get(189).status()).isEqualTo(Health.PASSED);
        assertThat(v.attributes().get(5).bucket().label()).isEqualTo("261-1100");
    }

    @Test
    void oldSeagateWithAFullErrorLogButCleanAttributesPasses() {
        // exit 64 (bit 6): the error log holds 98 entries. All five logged ones are IDNF errors at the same
        // LBA right after SET/READ NATIVE MAX ADDRESS (a host tool probing the HPA) at 7042 h, ~93000 h ago;
        // every critical attribute is 0. Historical and host-made: informational, the disk passes.
        Verdict v = Fixtures.verdict("sata-hdd-seagate-st3200820as-error-log-exit64.json");
        SmartReport r = Fixtures.report("sata-hdd-seagate-st3200820as-error-log-exit64.json");
        assertThat(v.status()).isEqualTo(Health.PASSED);
        assertThat(v.reason()).contains("the ATA error log holds 98 entries (informational)");
        assertThat(r.exitStatus()).isEqualTo(64);
        assertThat(ExitStatus.decode(r.exitStatus())).containsExactly("bit 6: the device error log contains errors");
        assertThat(r.powerOnHours()).isEqualTo(100161);
        assertThat(r.wwn()).isNull();
    }

    @Test
    void farmLogOnlyOutputIsUnknownNotFailed() {
        // `smartctl --log=farm` output: identity but no SMART status or attributes. Nothing to judge by.
        SmartReport r = Fixtures.report("sata-hdd-seagate-exos-x18-farm-log-7.5.json");
        Verdict v = Fixtures.verdict("sata-hdd-seagate-exos-x18-farm-log-7.5.json");
        assertThat(v.status()).isEqualTo(Health.UNKNOWN);
        assertThat(v.reason()).contains("no SMART health data");
        assertThat(r.serial()).isEqualTo("ZJV0PMA6");
        assertThat(r.family()).isEqualTo("Seagate Exos X18");
    }

    @Test
    void failingHitachiBehindJmicronUsbBridgeFails() {
        // exit 216 = bits 3, 4, 6, 7. The drive's own verdict is FAILED, prefail attribute 5 is failing now
        // (normalized 1 <= threshold 5) with 1975 remapped sectors (Backblaze 1101-4500: 150 % AFR), plus
        // 3831 reallocation events and 8 pending sectors.
        SmartReport r = Fixtures.report("usb-jmicron-sata-hdd-hitachi-hds721050dle630-failing.json");
        Verdict v = Fixtures.verdict("usb-jmicron-sata-hdd-hitachi-hds721050dle630-failing.json");
        assertThat(v.status()).isEqualTo(Health.FAILED);
        assertThat(v.smart()).isEqualTo(Health.FAILED);
        assertThat(v.threshold()).isEqualTo(Health.FAILED);
        assertThat(v.failureRate()).isEqualTo(Health.FAILED);
        assertThat(v.reason()).startsWith("the drive's own SMART health check says FAILED")
                .contains("Reallocated_Sector_Ct is failing now (value 1 at or below threshold 5)")
                .contains("150.3 %")
                .contains("Current_Pending_Sector is 8");
        assertThat(r.type()).isEqualTo("usbjmicron");
        assertThat(ExitStatus.decode(216)).hasSize(4);
        assertThat(v.attributes().get(5).status()).isEqualTo(Health.FAILED);
        assertThat(v.attributes().get(197).bucket().afr()).isEqualTo(0.611);
        // 65592 power-on hours: the 16-bit self-test clock wrapped; newest test at 42 = 65578 h, 14 h ago
        assertThat(r.lastSelfTest().ageHours()).isEqualTo(14);
        assertThat(r.lastSelfTest().passed()).isTrue();
        assertThat(r.selfTestFailures()).isEqualTo(3); // three "Completed: read failure" entries
        assertThat(r.errorLogCount()).isEqualTo(56);
    }

    // ---- SATA SSDs

    @Test
    void samsung860EvoWithWearPassesWith81PercentLifeLeft() {
        // Wear_Leveling_Count normalized 81 is Samsung's remaining-life gauge (raw 278 = average P/E cycles).
        SmartReport r = Fixtures.report("sata-ssd-samsung-860-evo-wear.json");
        Verdict v = Fixtures.verdict("sata-ssd-samsung-860-evo-wear.json");
        assertThat(v.status()).isEqualTo(Health.PASSED);
        assertThat(v.lifeRemainingPercent()).isEqualTo(81);
        assertThat(v.failureRate()).isEqualTo(Health.UNKNOWN); // Backblaze's data is for hard disks only
        assertThat(r.isSolidState()).isTrue();
        assertThat(r.errorLogCount()).isZero(); // -x output: the extended error log
        assertThat(r.lastSelfTest().ageHours()).isEqualTo(14551 - 14417);
    }

    @Test
    void intelS4500WithFourRetiredBlocksIsAWarning() {
        // Attribute 5 raw 4 on an SSD counts retired NAND blocks: a critical counter above zero, so a warning
        // ("watch it"), not a failure. Media_Wearout_Indicator 55 = 55 % life left. Program_Fail_Count 1 is
        // reported but not critical. No Backblaze rate: that data is for hard disks.
        Verdict v = Fixtures.verdict("sata-ssd-intel-s4500-ssdsc2kb240g7.json");
        SmartReport r = Fixtures.report("sata-ssd-intel-s4500-ssdsc2kb240g7.json");
        assertThat(v.status()).isEqualTo(Health.WARNING);
        assertThat(v.reason()).isEqualTo("Reallocated_Sector_Ct is 4 (critical attribute above zero)");
        assertThat(v.lifeRemainingPercent()).isEqualTo(55);
        assertThat(v.attributes().get(5).bucket()).isNull();
        // "22 (304 9536)" and "23 (Min/Max 20/31)": the leading number is the value
        assertThat(r.attribute(175).decoded()).isEqualTo(22);
        assertThat(r.attribute(190).decoded()).isEqualTo(23);
        assertThat(r.powerOnHours()).isEqualTo(49466);
    }

    @Test
    void micron5300WithEightCommandTimeoutsIsAWarning() {
        // Command_Timeout is one of Backblaze's five predictors, so a non-zero count is a warning (Backblaze's
        // rates are for hard disks and do not apply to this SSD); a handful of timeouts is often a cable or
        // power glitch, which the reason lets the user judge.
        // Percent_Lifetime_Remain: normalized 99 is the life left (raw 1 is the percentage used).
        Verdict v = Fixtures.verdict("sata-ssd-micron-5300-percent-lifetime.json");
        assertThat(v.status()).isEqualTo(Health.WARNING);
        assertThat(v.reason()).isEqualTo("Command_Timeout is 8 (critical attribute above zero)");
        assertThat(v.lifeRemainingPercent()).isEqualTo(99);
    }

    @Test
    void kingstonA400WithExit4Passes() {
        // exit 4 (bit 2): one SMART command failed (no error log in the output), but the health check and
        // all attributes are fine. SSD_Life_Left 98. Bad_Block_Rate 4 is a factory bad-block figure.
        SmartReport r = Fixtures.report("sata-ssd-kingston-sa400-life-left-exit4.json");
        Verdict v = Fixtures.verdict("sata-ssd-kingston-sa400-life-left-exit4.json");
        assertThat(v.status()).isEqualTo(Health.PASSED);
        assertThat(v.lifeRemainingPercent()).isEqualTo(98);
        assertThat(v.reason()).contains("a SMART command failed (exit status bit 2)");
        assertThat(r.attribute(173).decoded()).isEqualTo(50); // "50 (Average 17)"
        assertThat(r.attribute(170).decoded()).isZero(); // "0/6"
    }

    @Test
    void offBrandSsdWithCrcErrorsIsAWarningAboutTheCable() {
        // UDMA_CRC_Error_Count 131 (and 131 error-log entries, ABRT): transfer errors between disk and
        // controller, usually the cable or port, not the flash. Worth a warning that says so. The self-tests
        // were "Aborted by host", which is neither pass nor fail. smartctl 7.5's endurance_used 0 = 100 % left.
        SmartReport r = Fixtures.report("sata-ssd-unknown-p3-2tb-crc-errors-7.5-exit64.json");
        Verdict v = Fixtures.verdict("sata-ssd-unknown-p3-2tb-crc-errors-7.5-exit64.json");
        assertThat(v.status()).isEqualTo(Health.WARNING);
        assertThat(v.reason()).isEqualTo("UDMA_CRC_Error_Count is 131 (interface CRC errors: check the cable and connector)");
        assertThat(r.lastSelfTest().passed()).isNull();
        assertThat(r.lastSelfTest().result()).isEqualTo("Aborted by host");
        assertThat(r.enduranceUsedPercent()).isZero();
        assertThat(v.lifeRemainingPercent()).isEqualTo(100);
        assertThat(r.messages()).extracting(SmartReport.Message::severity).containsExactly("warning");
        assertThat(r.firstError()).isNull();
    }

    // ---- NVMe

    @Test
    void intel660pHealthyPasses() {
        SmartReport r = Fixtures.report("nvme-intel-660p-ssdpeknw010t8-healthy.json");
        Verdict v = Fixtures.verdict("nvme-intel-660p-ssdpeknw010t8-healthy.json");
        assertThat(v.status()).isEqualTo(Health.PASSED);
        assertThat(r.nvme()).containsEntry("critical_warning", 0L).containsEntry("available_spare", 100L)
                .containsEntry("data_units_written", 7773431L).containsEntry("unsafe_shutdowns", 43L);
        assertThat(r.capacityBytes()).isEqualTo(1024209543168L);
        assertThat(v.lifeRemainingPercent()).isEqualTo(100);
    }

    @Test
    void samsung970EvoWithMediaErrorsIsAWarningAndErrorLogIsOnlyANote() {
        // Scrutiny marks this drive failed (media_errors > 0, num_err_log_entries > 0). The drive says
        // PASSED, critical_warning is 0 and spare is 99 %. 7 media errors are real unrecovered reads: a
        // warning (acknowledgeable by a baseline reset); 62 error-log entries alone mean nothing.
        Verdict v = Fixtures.verdict("nvme-samsung-970-evo-media-errors.json");
        SmartReport r = Fixtures.report("nvme-samsung-970-evo-media-errors.json");
        assertThat(v.status()).isEqualTo(Health.WARNING);
        assertThat(v.reason()).isEqualTo("media_errors is 7 (unrecovered data integrity errors)");
        assertThat(v.findings()).anyMatch(f -> f.level() == Health.PASSED && f.text().contains("num_err_log_entries is 62"));
        assertThat(r.nvme()).containsEntry("temperature_sensor_1", 35L).containsEntry("temperature_sensor_2", 39L);
        assertThat(v.lifeRemainingPercent()).isEqualTo(97);
    }

    @Test
    void pm1725bWithVolatileMemoryBackupFailedFails() {
        // critical_warning 16 = bit 4: the volatile memory backup (power-loss capacitors) failed; the drive
        // itself says FAILED (exit 8).
        Verdict v = Fixtures.verdict("nvme-samsung-pm1725b-critical-warning-exit8.json");
        assertThat(v.status()).isEqualTo(Health.FAILED);
        assertThat(v.reason()).isEqualTo("the drive's own SMART health check says FAILED; "
                + "NVMe critical_warning 16 (0x10): volatile memory backup device has failed");
    }

    @Test
    void p4510At75PercentUsedPassesWith25PercentLeft() {
        Verdict v = Fixtures.verdict("nvme-intel-p4510-ssdpe2kx020t7-75pct-used.json");
        assertThat(v.status()).isEqualTo(Health.PASSED);
        assertThat(v.lifeRemainingPercent()).isEqualTo(25);
    }

    @Test
    void micron7450WithoutNamespaceListPasses() {
        SmartReport r = Fixtures.report("nvme-micron-7450-nn132-no-namespace-list.json");
        assertThat(Fixtures.verdict("nvme-micron-7450-nn132-no-namespace-list.json").status()).isEqualTo(Health.PASSED);
        assertThat(r.capacityBytes()).isEqualTo(3200631791616L); // from nvme_total_capacity
        assertThat(r.nvme()).containsEntry("temperature_sensor_3", 33L);
    }

    @Test
    void peladnFromSmartctl75Passes() {
        SmartReport r = Fixtures.report("nvme-peladn-512gb-7.5-full.json");
        Verdict v = Fixtures.verdict("nvme-peladn-512gb-7.5-full.json");
        assertThat(v.status()).isEqualTo(Health.PASSED);
        assertThat(r.temperatureC()).isEqualTo(61);
        assertThat(r.nvme()).doesNotContainKey("nsid").containsEntry("available_spare_threshold", 32L);
        assertThat(r.lastSelfTest()).isNull(); // a self-test log with no table
    }

    // ---- SAS / SCSI

    @Test
    void exosSasHealthyPasses() {
        SmartReport r = Fixtures.report("scsi-sas-seagate-exos-st18000nm004j-healthy.json");
        Verdict v = Fixtures.verdict("scsi-sas-seagate-exos-st18000nm004j-healthy.json");
        assertThat(v.status()).isEqualTo(Health.PASSED);
        assertThat(r.wwn()).isEqualTo("5000c500d7c94dff");
        assertThat(r.model()).isEqualTo("SEAGATE ST18000NM004J");
        assertThat(r.scsi()).containsEntry("scsi_grown_defect_list", 0L).containsEntry("scsi_pending_defects", 0L)
                .containsEntry("read_gigabytes_processed", 9235.838);
        assertThat(r.powerCycles()).isEqualTo(4);
        assertThat(r.lastSelfTest().type()).isEqualTo("Background short");
        assertThat(r.lastSelfTest().ageHours()).isEqualTo(10);
    }

    @Test
    void decimalCommaGigabytesAreRead() {
        // smartctl ran under a locale with a decimal comma: "3,641" GB and "2124,590" GB
        SmartReport r = Fixtures.report("scsi-sas-yadro-wuh721414al4204-decimal-comma.json");
        assertThat(Fixtures.verdict("scsi-sas-yadro-wuh721414al4204-decimal-comma.json").status()).isEqualTo(Health.PASSED);
        assertThat(r.scsi()).containsEntry("read_gigabytes_processed", 3.641)
                .containsEntry("write_gigabytes_processed", 2124.590);
    }

    @Test
    void smartctl67JsonWithOldKeyNamesParses() {
        // json_format_version [0, 1]: vendor/product/revision instead of scsi_*. 1.4 billion ECC-corrected
        // reads are normal for SAS disks (the "fast" ECC path); uncorrected errors are 0.
        SmartReport r = Fixtures.report("scsi-sas-seagate-st1200mm0088-smartctl-6.7.json");
        assertThat(Fixtures.verdict("scsi-sas-seagate-st1200mm0088-smartctl-6.7.json").status()).isEqualTo(Health.PASSED);
        assertThat(r.model()).isEqualTo("SEAGATE ST1200MM0088");
        assertThat(r.firmware()).isEqualTo("N004");
        assertThat(r.smartctlVersion()).isEqualTo("6.7");
        assertThat(r.protocol()).isEqualTo("SCSI");
    }

    @Test
    void cheetahWith535UncorrectedWriteErrorsFails() {
        // SCSI health "OK", but 535 write and 1 read errors the drive could not correct (each an I/O error
        // to the host) and 260 grown defects after 102880 hours: replace it.
        Verdict v = Fixtures.verdict("scsi-seagate-st373453lc-grown-defects-uncorrected.json");
        assertThat(v.status()).isEqualTo(Health.FAILED);
        assertThat(v.smart()).isEqualTo(Health.PASSED);
        assertThat(v.reason()).startsWith("536 uncorrected errors (read 1, write 535)")
                .contains("also: scsi_grown_defect_list is 260");
    }

    @Test
    void megaraidSasToshibaPasses() {
        // 4 read errors corrected by rereads: corrected means no data was lost (Scrutiny fails disks on
        // any rereads_rewrites count; we do not).
        SmartReport r = Fixtures.report("megaraid-sas-toshiba-al15seb24eqy.json");
        assertThat(Fixtures.verdict("megaraid-sas-toshiba-al15seb24eqy.json").status()).isEqualTo(Health.PASSED);
        assertThat(r.type()).isEqualTo("megaraid,0");
        assertThat(r.deviceName()).isEqualTo("/dev/bus/0");
        assertThat(r.scsi()).containsEntry("read_errors_corrected_by_rereads_rewrites", 4L);
    }

    @Test
    void wdReBehindMegaraidWith387ReallocatedIsAWarning() {
        // exit 4 + "This result is based on an Attribute check": the controller blocked SMART RETURN
        // STATUS, smartctl judged from attributes. 387 reallocated (261-1100 bucket, 56.8 %), 9 events.
        Verdict v = Fixtures.verdict("megaraid-sat-wd4000fyyx-reallocated-exit4.json");
        assertThat(v.status()).isEqualTo(Health.WARNING);
        assertThat(v.reason()).contains("Reallocated_Sector_Ct 387 is in Backblaze's 261-1100 bucket")
                .contains("Reallocated_Event_Count is 9");
        assertThat(Fixtures.report("megaraid-sat-wd4000fyyx-reallocated-exit4.json").type()).isEqualTo("sat+megaraid,1");
    }

    // ---- errors and no data: never "failed"

    @Test
    void nonexistentDeviceIsUnknownWithSmartctlsMessage() {
        SmartReport r = Fixtures.report("error-nonexistent-device-exit1.json");
        Verdict v = Fixtures.verdict("error-nonexistent-device-exit1.json");
        assertThat(v.status()).isEqualTo(Health.UNKNOWN);
        assertThat(r.firstError().text()).isEqualTo("/dev/nonexistent: Unable to detect device type");
        assertThat(v.reason()).contains("Unable to detect device type");
    }

    @Test
    void standbyReplyIsRecognised() {
        // exit 2 with an *information* message: the disk sleeps, smartctl did not wake it
        SmartReport r = Fixtures.report("error-sata-standby-exit2.json");
        assertThat(r.inStandby()).isTrue();
        assertThat(r.firstError()).isNull();
        assertThat(r.powerMode()).isEqualTo("STANDBY");
        assertThat(Fixtures.verdict("error-sata-standby-exit2.json").status()).isEqualTo(Health.UNKNOWN);
    }

    @Test
    void windowsAccessDeniedIsUnknownAndRecognisedAsPrivileges() {
        SmartReport r = Fixtures.report("error-windows-open-failed-exit2.json");
        assertThat(Fixtures.verdict("error-windows-open-failed-exit2.json").status()).isEqualTo(Health.UNKNOWN);
        assertThat(SmartCollector.permissionProblem(r.firstError().text())).isTrue();
        assertThat(r.inStandby()).isFalse();
    }

    @Test
    void raidVolumeWithoutSmartIsUnknown() {
        // An Intel RST volume: identity but no SMART status, no attributes (exit 4). Unknown, not failed.
        SmartReport r = Fixtures.report("error-intel-raid1-volume-no-smart-exit4.json");
        Verdict v = Fixtures.verdict("error-intel-raid1-volume-no-smart-exit4.json");
        assertThat(v.status()).isEqualTo(Health.UNKNOWN);
        assertThat(r.model()).isEqualTo("Intel Raid 1 Volume");
        assertThat(r.serial()).isEqualTo("Volume1");
    }

    @Test
    void recordedOperationNotPermittedIsUnknownAndAPrivilegeProblem() {
        SmartReport r = Fixtures.report("recorded-debian12-smartctl-7.3-vda-sat-not-permitted-exit2.json");
        assertThat(r.exitStatus()).isEqualTo(2);
        assertThat(Fixtures.verdict("recorded-debian12-smartctl-7.3-vda-sat-not-permitted-exit2.json").status())
                .isEqualTo(Health.UNKNOWN);
        assertThat(SmartCollector.permissionProblem(r.firstError().text())).isTrue();
    }
}
