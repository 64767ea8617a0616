package io.hostpulse.collectors.smart;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmartctlParserTest {

    private static SmartReport parse(String json) throws SmartctlParser.ParseException {
        return SmartctlParser.parse(json, 0);
    }

    @Test
    void emptyOutputIsAClearError() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(SmartctlParser.ParseException.class)
                .hasMessage("smartctl printed nothing");
        assertThatThrownBy(() -> parse("   \n")).hasMessage("smartctl printed nothing");
    }

    @Test
    void truncatedJsonIsAClearError() {
        String whole = Fixtures.read("nvme-intel-660p-ssdpeknw010t8-healthy.json");
        String cut = whole.substring(0, whole.length() / 2);
        assertThatThrownBy(() -> parse(cut)).isInstanceOf(SmartctlParser.ParseException.class)
                .hasMessageStartingWith("smartctl output is not valid JSON (truncated?)");
    }

    @Test
    void textOutputInsteadOfJsonIsAClearError() {
        assertThatThrownBy(() -> parse("smartctl 7.3 2022-02-28 r5338\n=== START OF INFORMATION SECTION ==="))
                .hasMessageStartingWith("smartctl output is not valid JSON");
        assertThatThrownBy(() -> parse("[1, 2]")).hasMessage("smartctl output is not a JSON object");
    }

    @Test
    void unknownKeysAreIgnoredAndMissingSectionsGiveNulls() throws Exception {
        SmartReport r = parse("{\"smartctl\": {\"exit_status\": 0, \"future_key\": {\"x\": 1}},"
                + " \"device\": {\"name\": \"/dev/sdz\", \"type\": \"sat\", \"protocol\": \"ATA\"},"
                + " \"brand_new_section\": [1, 2, 3], \"smart_status\": {\"passed\": true}}");
        assertThat(r.deviceName()).isEqualTo("/dev/sdz");
        assertThat(r.smartPassed()).isTrue();
        assertThat(r.model()).isNull();
        assertThat(r.serial()).isNull();
        assertThat(r.attributes()).isEmpty();
        assertThat(r.temperatureC()).isNull();
        assertThat(r.lastSelfTest()).isNull();
        assertThat(r.problems()).isEmpty();
        // health from the drive's verdict alone
        assertThat(new HealthAnalyzer(10).analyze(r, null).status()).isEqualTo(Health.PASSED);
    }

    @Test
    void numbersAsStringsAreReadAndNoted() throws Exception {
        SmartReport r = parse("{\"smartctl\": {\"exit_status\": \"4\"}, \"device\": {\"protocol\": \"NVMe\"},"
                + " \"temperature\": {\"current\": \"41\"},"
                + " \"nvme_smart_health_information_log\": {\"critical_warning\": \"0\", \"media_errors\": \"3\","
                + " \"data_units_written\": \"340282366920938463463374607431768211455\", \"percentage_used\": \"n/a\"}}");
        assertThat(r.exitStatus()).isEqualTo(4);
        assertThat(r.temperatureC()).isEqualTo(41);
        assertThat(r.nvme().get("media_errors")).isEqualTo(3L);
        assertThat(r.nvme().get("data_units_written")).isInstanceOf(java.math.BigInteger.class); // 128-bit counter
        assertThat(r.nvme()).doesNotContainKey("percentage_used");
        assertThat(r.problems()).contains("exit_status is a number written as text",
                "percentage_used is not a number: \"n/a\"");
    }

    @Test
    void exitStatusFallsBackToTheProcessWhenJsonLacksIt() throws Exception {
        assertThat(SmartctlParser.parse("{\"device\": {\"name\": \"/dev/sda\"}}", 2).exitStatus()).isEqualTo(2);
    }

    @Test
    void smartctl6AttributesWithoutWhenFailedAreJudgedFromValueWorstThreshold() throws Exception {
        // pre-7.0 JSON had no when_failed: value <= threshold is "now", worst <= threshold "past"
        SmartReport r = parse("{\"json_format_version\": [0, 1], \"smartctl\": {\"version\": [6, 6]},"
                + " \"device\": {\"protocol\": \"ATA\"}, \"ata_smart_attributes\": {\"table\": ["
                + "{\"id\": 5, \"name\": \"Reallocated_Sector_Ct\", \"value\": 100, \"worst\": 30, \"thresh\": 36,"
                + "  \"flags\": {\"prefailure\": true}, \"raw\": {\"value\": 12, \"string\": \"12\"}},"
                + "{\"id\": 10, \"name\": \"Spin_Retry_Count\", \"value\": 50, \"worst\": 50, \"thresh\": 97,"
                + "  \"flags\": {\"prefailure\": true}, \"raw\": {\"value\": 0, \"string\": \"0\"}},"
                + "{\"id\": 9, \"name\": \"Power_On_Hours\", \"value\": 1, \"worst\": 1, \"thresh\": 0,"
                + "  \"raw\": {\"value\": 1234}}]}}");
        assertThat(r.attribute(5).whenFailed()).isEqualTo("past");
        assertThat(r.attribute(10).whenFailed()).isEqualTo("now");
        assertThat(r.attribute(9).whenFailed()).isEmpty(); // threshold 0 never fails
        assertThat(r.attribute(9).flags()).isNull();
        assertThat(r.powerOnHours()).isEqualTo(1234);
        Verdict v = new HealthAnalyzer(10).analyze(r, null);
        assertThat(v.threshold()).isEqualTo(Health.FAILED);
        assertThat(v.reason()).contains("Spin_Retry_Count is failing now (value 50 at or below threshold 97)");
    }

    @Test
    void attributeWithoutIdIsSkippedAndNoted() throws Exception {
        SmartReport r = parse("{\"device\": {\"protocol\": \"ATA\"}, \"ata_smart_attributes\": {\"table\": ["
                + "{\"name\": \"Broken\"}, {\"id\": 194, \"name\": \"Temperature_Celsius\", \"raw\": {\"value\": 167504969753}}]}}");
        assertThat(r.attributes()).hasSize(1);
        assertThat(r.temperatureC()).isEqualTo(25); // 167504969753 & 0xFF = 0x19 (no raw string)
        assertThat(r.problems()).contains("an ATA attribute has no id");
    }

    @Test
    void scanOutputs() throws Exception {
        List<SmartctlParser.ScanEntry> flatcar = SmartctlParser.parseScan(Fixtures.read("smartctl-scan-flatcar-7-scsi.json"));
        assertThat(flatcar).hasSize(7).allMatch(e -> e.type().equals("scsi"));
        assertThat(flatcar.get(6).name()).isEqualTo("/dev/sdg");

        // two disks behind one controller: same name, told apart by type only
        List<SmartctlParser.ScanEntry> mega = SmartctlParser.parseScan(Fixtures.read("smartctl-scan-megaraid.json"));
        assertThat(mega).extracting(SmartctlParser.ScanEntry::name).containsExactly("/dev/bus/0", "/dev/bus/0");
        assertThat(mega).extracting(SmartctlParser.ScanEntry::type).containsExactly("megaraid,0", "megaraid,1");

        assertThat(SmartctlParser.parseScan(Fixtures.read("smartctl-scan-sat-nvme-7.5.json")))
                .containsExactly(new SmartctlParser.ScanEntry("/dev/sda", "sat", "ATA", null),
                        new SmartctlParser.ScanEntry("/dev/nvme0", "nvme", "NVMe", null));
        assertThat(SmartctlParser.parseScan(Fixtures.read("smartctl-scan-open-nvme-debian13-EXTRACTED.json")))
                .containsExactly(new SmartctlParser.ScanEntry("/dev/nvme0", "nvme", "NVMe", null));
        // recorded here: a host without SMART devices has no "devices" key at all
        assertThat(SmartctlParser.parseScan(Fixtures.read("recorded-debian12-smartctl-7.3-scan-open-no-devices.json"))).isEmpty();
    }

    @Test
    void scanOpenErrorIsKept() throws Exception {
        assertThat(SmartctlParser.parseScan("{\"devices\": [{\"name\": \"/dev/sdb\", \"type\": \"scsi\","
                + " \"open_error\": \"Permission denied\"}, {\"type\": \"scsi\"}]}"))
                .containsExactly(new SmartctlParser.ScanEntry("/dev/sdb", "scsi", null, "Permission denied"));
    }

    @Test
    void ataSelfTestAgeHandlesThe16BitWrap() {
        assertThat(SmartctlParser.ataAge(1730L, 1708L)).isEqualTo(22);
        assertThat(SmartctlParser.ataAge(65592L, 42L)).isEqualTo(14);
        assertThat(SmartctlParser.ataAge(100L, 200L)).isNull();
        assertThat(SmartctlParser.ataAge(null, 1L)).isNull();
    }

    @Test
    void decimalsWithCommaOrPoint() {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        assertThat(SmartctlParser.decimal(f.textNode("9235.838"))).isEqualTo(9235.838);
        assertThat(SmartctlParser.decimal(f.textNode("2124,590"))).isEqualTo(2124.59);
        assertThat(SmartctlParser.decimal(f.textNode("1,234.5"))).isEqualTo(1234.5);
        assertThat(SmartctlParser.decimal(f.numberNode(3))).isEqualTo(3.0);
        assertThat(SmartctlParser.decimal(f.textNode("n/a"))).isNull();
    }
}
