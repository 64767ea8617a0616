package io.hostpulse.collectors.smart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostpulse.core.CollectException;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.exec.ProcessCommandRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The collector end to end, with recorded replies served by a fake smartctl executable. */
class SmartCollectorTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private FakeSmartctl fake;
    private Path stateFile;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(tmp.resolve("bin"));
        fake = new FakeSmartctl(tmp.resolve("bin"));
        stateFile = tmp.resolve("data/smart-state.json");
    }

    private SmartCollector collector(Map<String, Object> config) throws Exception {
        Path script = fake.write();
        return new SmartCollector(SmartConfig.from(ConfigNode.of(config)), new ProcessCommandRunner(),
                script.toString(), stateFile);
    }

    private SmartCollector collector() throws Exception {
        return collector(Map.of());
    }

    private static String scan(String... nameTypePairs) throws Exception {
        StringBuilder s = new StringBuilder("{\"smartctl\": {\"exit_status\": 0}, \"devices\": [");
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            s.append(i == 0 ? "" : ",").append("{\"name\": \"").append(nameTypePairs[i]).append("\", \"type\": \"")
                    .append(nameTypePairs[i + 1]).append("\"}");
        }
        return s.append("]}").toString();
    }

    private Path file(String name, String content) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    /** A fixture with one ATA attribute's raw value changed (the disk got worse). */
    private Path withRaw(String fixture, int id, long raw) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Fixtures.read(fixture));
        for (var a : root.path("ata_smart_attributes").path("table")) {
            if (a.path("id").asInt() == id) {
                ((ObjectNode) a.path("raw")).put("value", raw).put("string", Long.toString(raw));
            }
        }
        return file(fixture.replace(".json", "-" + id + "-" + raw + ".json"), JSON.writeValueAsString(root));
    }

    @Test
    void scanReadsEveryDeviceWithoutWakingItAndWritesTelegrafNamedPoints() throws Exception {
        fake.on("*--scan-open*", file("scan.json", scan("/dev/sda", "sat", "/dev/nvme0", "nvme")), 0)
                .onFixture("*--device=sat*/dev/sda", "sata-hdd-seagate-st3500418as-reallocated-304.json", 0)
                .onFixture("*--device=nvme*/dev/nvme0", "nvme-intel-660p-ssdpeknw010t8-healthy.json", 0);
        RecordingAccumulator acc = new RecordingAccumulator();
        collector().collect(T0, acc);

        assertThat(acc.errors).isEmpty();
        assertThat(fake.calls()).containsExactly("--scan-open --json",
                "--json --xall --nocheck=standby --device=sat /dev/sda",
                "--json --xall --nocheck=standby --device=nvme /dev/nvme0");
        Point sda = acc.device("/dev/sda");
        assertThat(sda.tags()).containsEntry("model", "ST3500418AS").containsEntry("serial_no", "REDACTED")
                .containsEntry("wwn", "5000c500499602d2").containsEntry("capacity", "500107862016")
                .containsEntry("type", "sat").containsEntry("protocol", "ATA");
        assertThat(sda.fields()).containsEntry("health_status", "warning").containsEntry("health_ok", true)
                .containsEntry("temp_c", 33L).containsEntry("power_on_hours", 44668L)
                .containsEntry("power_cycle_count", 26L).containsEntry("exit_status", 0L)
                .containsEntry("health_failure_rate", "warning").containsEntry("health_smart", "passed")
                .containsEntry("seek_error", 2988L).containsEntry("disk_id", "wwn:5000c500499602d2")
                .containsEntry("standby", false);
        assertThat((String) sda.field("health_reason")).contains("Reallocated_Sector_Ct");
        assertThat(acc.measurement(SmartMapper.ATTRIBUTE)).hasSize(22); // the disk reports 22 attributes
        Point realloc = acc.measurement(SmartMapper.ATTRIBUTE).stream().filter(p -> "5".equals(p.tag("id"))).findFirst().orElseThrow();
        assertThat(realloc.tags()).containsEntry("name", "Reallocated_Sector_Ct").containsEntry("flags", "PO--CK")
                .containsEntry("fail", "false").containsEntry("device", "/dev/sda");
        assertThat(realloc.fields()).containsEntry("value", 93L).containsEntry("worst", 93L)
                .containsEntry("threshold", 36L).containsEntry("raw_value", 304L).containsEntry("critical", true)
                .containsEntry("failure_rate", 0.568).containsEntry("failure_rate_bucket", "261-1100")
                .containsEntry("status", "warning");

        Point nvme = acc.device("/dev/nvme0");
        assertThat(nvme.fields()).containsEntry("health_status", "passed").containsEntry("critical_warning", 0L)
                .containsEntry("available_spare", 100L).containsEntry("percentage_used", 0L)
                .containsEntry("media_errors", 0L).containsEntry("life_remaining_percent", 100L);
        // first sight of an unhealthy disk is an event; a healthy one is not
        assertThat(acc.events).hasSize(1);
        Event e = acc.events.get(0);
        assertThat(e.source()).isEqualTo("smart");
        assertThat(e.level()).isEqualTo("warning");
        assertThat(e.labels()).containsEntry("device", "/dev/sda");
        assertThat(e.metadata()).containsEntry("wwn", "5000c500499602d2").containsEntry("previous", "none")
                .containsEntry("current", "warning").containsEntry("model", "ST3500418AS");
        assertThat(e.message()).contains("health is warning").contains("Reallocated_Sector_Ct is 304");
        assertThat(Files.exists(stateFile)).isTrue();
    }

    @Test
    void growthAcrossRestartsIsAFailureTrendAndAnEvent() throws Exception {
        fake.onFixture("*/dev/sda", "sata-hdd-seagate-st3500418as-reallocated-304.json", 0);
        Map<String, Object> cfg = Map.of("devices", List.of(Map.of("device", "/dev/sda", "type", "sat")));
        collector(cfg).collect(T0, new RecordingAccumulator());

        fake.clear();
        fake.on("*/dev/sda", withRaw("sata-hdd-seagate-st3500418as-reallocated-304.json", 5, 310), 0);
        RecordingAccumulator acc = new RecordingAccumulator();
        collector(cfg).collect(T0.plusSeconds(900), acc); // a new collector: the agent restarted

        Point p = acc.device("/dev/sda");
        assertThat(p.fields()).containsEntry("health_status", "failed").containsEntry("health_counters", "failed");
        assertThat((String) p.field("health_reason")).contains("Reallocated_Sector_Ct grew from 304 to 310 since the baseline of 2026-11-25 (+6 since the last reading)");
        Point attr = acc.measurement(SmartMapper.ATTRIBUTE).stream().filter(a -> "5".equals(a.tag("id"))).findFirst().orElseThrow();
        assertThat(attr.fields()).containsEntry("increase_since_last", 6L).containsEntry("increase_since_baseline", 6L);
        assertThat(acc.events).singleElement().satisfies(e -> {
            assertThat(e.level()).isEqualTo("error");
            assertThat(e.metadata()).containsEntry("previous", "warning").containsEntry("current", "failed");
        });
    }

    @Test
    void baselineResetAcknowledgesAndRecoversWithAnInfoEvent() throws Exception {
        fake.onFixture("*/dev/nvme0", "nvme-samsung-970-evo-media-errors.json", 0);
        Map<String, Object> cfg = new HashMap<>(Map.of("devices", List.of(Map.of("device", "/dev/nvme0"))));
        RecordingAccumulator first = new RecordingAccumulator();
        collector(cfg).collect(T0, first);
        assertThat(first.device("/dev/nvme0").field("health_status")).isEqualTo("warning");

        cfg.put("baseline_reset", "2026-11-25 media errors checked");
        SmartCollector c = collector(cfg);
        RecordingAccumulator second = new RecordingAccumulator();
        c.collect(T0.plusSeconds(900), second);
        assertThat(second.device("/dev/nvme0").field("health_status")).isEqualTo("passed");
        assertThat((String) second.device("/dev/nvme0").field("health_reason")).contains("media_errors is 7, acknowledged in the baseline");
        assertThat(second.events).singleElement().satisfies(e -> {
            assertThat(e.level()).isEqualTo("info");
            assertThat(e.metadata()).containsEntry("previous", "warning").containsEntry("current", "passed");
        });
        // applied once: the same token does not reset again, so new errors show
        fake.clear();
        ObjectNode worse = (ObjectNode) JSON.readTree(Fixtures.read("nvme-samsung-970-evo-media-errors.json"));
        ((ObjectNode) worse.path("nvme_smart_health_information_log")).put("media_errors", 8);
        fake.on("*/dev/nvme0", file("worse.json", JSON.writeValueAsString(worse)), 0).write();
        RecordingAccumulator third = new RecordingAccumulator();
        c.collect(T0.plusSeconds(1800), third);
        assertThat(third.device("/dev/nvme0").field("health_status")).isEqualTo("warning");
        assertThat((String) third.device("/dev/nvme0").field("health_reason")).startsWith("media_errors grew from 7 to 8");
    }

    @Test
    void diskInStandbyIsNotWokenAndKeepsItsLastHealth() throws Exception {
        fake.onFixture("*/dev/sdb", "sata-hdd-wd-wd140edfz-healthy-selftest-log.json", 0);
        Map<String, Object> cfg = Map.of("devices", List.of(Map.of("device", "/dev/sdb", "type", "sat")));
        SmartCollector c = collector(cfg);
        c.collect(T0, new RecordingAccumulator());

        fake.clear();
        fake.onFixture("*/dev/sdb", "error-sata-standby-exit2.json", 2).write();
        RecordingAccumulator acc = new RecordingAccumulator();
        c.collect(T0.plusSeconds(3600), acc);

        assertThat(acc.errors).isEmpty();
        assertThat(acc.events).isEmpty();
        Point p = acc.device("/dev/sdb");
        assertThat(p.tags()).containsEntry("wwn", "5000cca264eb01d7").containsEntry("model", "WDC WD140EDFZ-11A0VA0");
        assertThat(p.fields()).containsEntry("standby", true).containsEntry("power_mode", "standby")
                .containsEntry("health_status", "passed").containsEntry("reading_age_s", 3600L)
                .containsEntry("exit_status", 2L);
        assertThat((String) p.field("health_reason")).contains("disk in standby, not woken; last reading 3600 s ago");
        assertThat(fake.calls()).singleElement().asString().contains("--nocheck=standby");
    }

    @Test
    void standbyWithoutAnyEarlierReadingIsUnknown() throws Exception {
        fake.onFixture("*/dev/sdc", "error-sata-standby-exit2.json", 2);
        RecordingAccumulator acc = new RecordingAccumulator();
        collector(Map.of("devices", List.of(Map.of("device", "/dev/sdc")))).collect(T0, acc);
        assertThat(acc.device("/dev/sdc").fields()).containsEntry("health_status", "unknown").containsEntry("standby", true);
        assertThat(acc.errors).isEmpty();
    }

    @Test
    void usbBridgeFallsBackToAWorkingTypeAndRemembersIt() throws Exception {
        // scanned as plain SCSI: the bridge answers without SMART data; -d sat reaches the disk behind it
        fake.on("*--scan-open*", file("scan.json", scan("/dev/sdc", "scsi")), 0)
                .onFixture("*--device=scsi*/dev/sdc", "error-intel-raid1-volume-no-smart-exit4.json", 4)
                .onFixture("*--device=sat*/dev/sdc", "usb-jmicron-sata-hdd-hitachi-hds721050dle630-failing.json", 216);
        SmartCollector c = collector();
        RecordingAccumulator acc = new RecordingAccumulator();
        c.collect(T0, acc);
        assertThat(fake.calls()).containsExactly("--scan-open --json",
                "--json --xall --nocheck=standby --device=scsi /dev/sdc",
                "--json --xall --nocheck=standby --device=sat /dev/sdc");
        Point p = acc.device("/dev/sdc");
        assertThat(p.tags()).containsEntry("type", "sat").containsEntry("serial_no", "MSK423Y20S3HBC");
        assertThat(p.fields()).containsEntry("health_status", "failed").containsEntry("exit_status", 216L)
                .containsEntry("health_ok", false);
        assertThat(acc.events).singleElement().extracting(Event::level).isEqualTo("error");
        assertThat(Files.readString(stateFile)).contains("\"/dev/sdc scsi\" : \"sat\"");

        Files.delete(fake.log());
        c.collect(T0.plusSeconds(900), new RecordingAccumulator());
        assertThat(fake.calls()).containsExactly("--scan-open --json",
                "--json --xall --nocheck=standby --device=sat /dev/sdc");
    }

    @Test
    void configuredTypeIsRespectedWithoutFallback() throws Exception {
        fake.onFixture("*--device=megaraid,1*", "error-nonexistent-device-exit1.json", 1);
        RecordingAccumulator acc = new RecordingAccumulator();
        collector(Map.of("devices", List.of(Map.of("device", "/dev/bus/0", "type", "megaraid,1")))).collect(T0, acc);
        assertThat(fake.calls()).containsExactly("--json --xall --nocheck=standby --device=megaraid,1 /dev/bus/0");
        assertThat(acc.device("/dev/bus/0").fields()).containsEntry("health_status", "unknown");
    }

    @Test
    void hangingSmartctlIsKilledAndOnlyThatDeviceIsUnknown() throws Exception {
        fake.hangOn("*/dev/sda")
                .onFixture("*/dev/sdb", "sata-hdd-wd-wd140edfz-healthy-selftest-log.json", 0);
        RecordingAccumulator acc = new RecordingAccumulator();
        collector(Map.of("command_timeout", "1s", "devices", List.of(Map.of("device", "/dev/sda", "type", "sat"),
                Map.of("device", "/dev/sdb", "type", "sat")))).collect(T0, acc);
        assertThat(acc.device("/dev/sda").fields()).containsEntry("health_status", "unknown");
        assertThat((String) acc.device("/dev/sda").field("health_reason"))
                .isEqualTo("smartctl did not finish within 1s and was killed (a hanging disk or USB bridge?)");
        assertThat(acc.errors).containsOnlyKeys("/dev/sda");
        assertThat(acc.device("/dev/sdb").fields()).containsEntry("health_status", "passed");
    }

    @Test
    void hangingScannedUsbDiskIsNotRetriedWithEveryFallbackType() throws Exception {
        fake.on("*--scan-open*", file("scan.json", scan("/dev/sdd", "scsi")), 0).hangOn("*/dev/sdd");
        RecordingAccumulator acc = new RecordingAccumulator();
        collector(Map.of("command_timeout", "1s")).collect(T0, acc);
        assertThat(fake.calls()).hasSize(2);
        assertThat(acc.device("/dev/sdd").field("health_status")).isEqualTo("unknown");
    }

    @Test
    void truncatedOutputIsUnknownWithAClearMessage() throws Exception {
        String whole = Fixtures.read("sata-ssd-samsung-860-evo-wear.json");
        fake.on("*/dev/sda", file("cut.json", whole.substring(0, 5000)), 0);
        RecordingAccumulator acc = new RecordingAccumulator();
        collector(Map.of("devices", List.of(Map.of("device", "/dev/sda", "type", "sat")))).collect(T0, acc);
        assertThat(acc.device("/dev/sda").fields()).containsEntry("health_status", "unknown");
        assertThat(acc.errors.get("/dev/sda")).hasMessageContaining("smartctl output is not valid JSON (truncated?)");
        assertThat(acc.events).isEmpty();
    }

    @Test
    void unreadableDeviceKeepsItsLastIdentityAndIsNeverMarkedFailed() throws Exception {
        fake.onFixture("*/dev/sda", "usb-jmicron-sata-hdd-hitachi-hds721050dle630-failing.json", 216);
        Map<String, Object> cfg = Map.of("devices", List.of(Map.of("device", "/dev/sda", "type", "sat")));
        SmartCollector c = collector(cfg);
        c.collect(T0, new RecordingAccumulator());
        fake.clear();
        fake.on("*/dev/sda", file("garbage.json", "{\"smartctl\": "), 0).write();
        RecordingAccumulator acc = new RecordingAccumulator();
        c.collect(T0.plusSeconds(900), acc);
        assertThat(acc.device("/dev/sda").tags()).containsEntry("serial_no", "MSK423Y20S3HBC");
        assertThat(acc.device("/dev/sda").fields()).containsEntry("health_status", "unknown");
        assertThat(acc.events).isEmpty(); // unknown is no state change
        assertThat(Files.readString(stateFile)).contains("\"status\" : \"failed\""); // last known health kept
    }

    @Test
    void noPrivilegesGivesOneMessageNamingTheFixAndNoFallbackStorm() throws Exception {
        fake.on("*--scan-open*", file("scan.json", scan("/dev/vda", "sat")), 0)
                .onFixture("*/dev/vda", "recorded-debian12-smartctl-7.3-vda-sat-not-permitted-exit2.json", 2);
        RecordingAccumulator acc = new RecordingAccumulator();
        collector().collect(T0, acc);
        assertThat(fake.calls()).hasSize(2); // scan + one try: fallbacks cannot fix permissions
        assertThat(acc.errors.get("/dev/vda")).hasMessageContaining("Operation not permitted")
                .hasMessageContaining("CAP_SYS_RAWIO").hasMessageContaining("CAP_SYS_ADMIN")
                .hasMessageContaining("exit status 2 (bit 1: device open failed");
        assertThat(acc.device("/dev/vda").fields()).containsEntry("health_status", "unknown");
    }

    @Test
    void scanOpenPermissionErrorIsReportedWithTheFix() throws Exception {
        fake.on("*--scan-open*", file("scan.json", "{\"devices\": [{\"name\": \"/dev/sda\", \"type\": \"scsi\","
                + " \"open_error\": \"/dev/sda: Permission denied\"}]}"), 0);
        RecordingAccumulator acc = new RecordingAccumulator();
        collector().collect(T0, acc);
        assertThat(acc.errors.get("/dev/sda")).hasMessageContaining("Permission denied").hasMessageContaining("run hostpulse as root");
        assertThat(acc.points).isEmpty();
    }

    @Test
    void missingSmartctlFailsTheCollectionWithTheFix() {
        SmartCollector c = new SmartCollector(SmartConfig.defaults(), new ProcessCommandRunner(),
                tmp.resolve("nowhere/smartctl").toString(), null);
        assertThatThrownBy(() -> c.collect(T0, new RecordingAccumulator())).isInstanceOf(CollectException.class)
                .hasMessageContaining("cannot run smartctl").hasMessageContaining("apt install smartmontools")
                .hasMessageContaining("smartctl_path");
    }

    @Test
    void includeAndExcludePatternsFilterScannedDevices() throws Exception {
        fake.on("*--scan-open*", file("scan.json", scan("/dev/sda", "sat", "/dev/sdb", "sat", "/dev/nvme0", "nvme")), 0)
                .onFixture("*/dev/sda", "sata-hdd-wd-wd140edfz-healthy-selftest-log.json", 0)
                .onFixture("*/dev/sdb", "sata-hdd-wd-wd140edfz-healthy-selftest-log.json", 0)
                .onFixture("*/dev/nvme0", "nvme-intel-660p-ssdpeknw010t8-healthy.json", 0);
        RecordingAccumulator acc = new RecordingAccumulator();
        collector(Map.of("include", List.of("/dev/sd*"), "exclude", List.of("/dev/sdb"), "attributes", false))
                .collect(T0, acc);
        assertThat(acc.points).extracting(p -> p.tag("device")).containsExactly("/dev/sda");
    }

    @Test
    void megaraidDisksSharingOneNameAreTwoDevices() throws Exception {
        fake.on("*--scan-open*", Fixtures.path("smartctl-scan-megaraid.json"), 0)
                .onFixture("*--device=megaraid,0*", "megaraid-sas-toshiba-al15seb24eqy.json", 0)
                .onFixture("*--device=megaraid,1*", "megaraid-sat-wd4000fyyx-reallocated-exit4.json", 4);
        RecordingAccumulator acc = new RecordingAccumulator();
        collector().collect(T0, acc);
        assertThat(acc.measurement(SmartMapper.DEVICE)).extracting(p -> p.tag("type") + "=" + p.field("health_status"))
                .containsExactly("megaraid,0=passed", "megaraid,1=warning");
        assertThat(acc.measurement(SmartMapper.DEVICE)).extracting(p -> p.field("disk_id"))
                .doesNotHaveDuplicates();
    }

    @Test
    void corruptStateFileIsResetNotACrash() throws Exception {
        Files.createDirectories(stateFile.getParent());
        Files.writeString(stateFile, "{\"disks\": {\"x\": [1, 2");
        fake.onFixture("*/dev/sda", "sata-hdd-wd-wd140edfz-healthy-selftest-log.json", 0);
        RecordingAccumulator acc = new RecordingAccumulator();
        collector(Map.of("devices", List.of(Map.of("device", "/dev/sda")))).collect(T0, acc);
        assertThat(acc.device("/dev/sda").field("health_status")).isEqualTo("passed");
        assertThat(JSON.readTree(stateFile.toFile()).path("disks").has("wwn:5000cca264eb01d7")).isTrue();
        try (var files = Files.list(stateFile.getParent())) {
            assertThat(files).containsExactly(stateFile); // no temp file left behind
        }
    }
    @Test
    void smartctlWithoutXallIsAskedAgainWithAll() throws Exception {
        fake.on("*--xall*", file("old.txt", "smartctl: unrecognized option '--xall'\n"), 1)
                .onFixture("*--all*/dev/sda", "sata-hdd-wd-wd140edfz-healthy-selftest-log.json", 0);
        RecordingAccumulator acc = new RecordingAccumulator();
        collector(Map.of("devices", List.of(Map.of("device", "/dev/sda", "type", "sat")))).collect(T0, acc);
        assertThat(fake.calls()).containsExactly("--json --xall --nocheck=standby --device=sat /dev/sda",
                "--json --all --nocheck=standby --device=sat /dev/sda");
        assertThat(acc.device("/dev/sda").field("health_status")).isEqualTo("passed");
    }
    @Test
    void deviceWithoutSmartThroughAnyTypeIsUnknownAndFallbacksAreNotRetriedEveryRun() throws Exception {
        fake.on("*--scan-open*", file("scan.json", scan("/dev/sdb", "scsi")), 0)
                .onFixture("*/dev/sdb", "error-intel-raid1-volume-no-smart-exit4.json", 4);
        SmartCollector c = collector();
        RecordingAccumulator acc = new RecordingAccumulator();
        c.collect(T0, acc);
        assertThat(fake.calls()).hasSize(1 + 1 + 4); // scan, scsi, then sat, sntjmicron, sntasmedia, sntrealtek
        Point p = acc.device("/dev/sdb");
        assertThat(p.fields()).containsEntry("health_status", "unknown").containsEntry("disk_id", "serial:Intel Raid 1 Volume/Volume1");
        assertThat((String) p.field("health_reason")).contains("no SMART health data");
        assertThat(acc.errors).isEmpty(); // a device without SMART is no error
        assertThat(acc.events).isEmpty();
        Files.delete(fake.log());
        c.collect(T0.plusSeconds(900), new RecordingAccumulator());
        assertThat(fake.calls()).hasSize(2);
    }
}
