package io.hostpulse.collectors.smart;

import java.util.List;
import java.util.Map;

/**
 * What one {@code smartctl --json} reply says about one device, already decoded. Produced by
 * {@link SmartctlParser}, in groups: how the device was reached, what it is, its vitals, its last self-test and each
 * protocol's own sections. The flat accessors below ({@link #model()}, {@link #powerOnHours()} ...) read through the
 * groups. Everything optional is null when smartctl did not report it.
 *
 * @param exitStatus   smartctl's exit status (from the JSON, else the process's)
 * @param messages     smartctl's messages with their severity
 * @param ata          the ATA attribute table and error log (empty when not ATA)
 * @param nvmeLog      the NVMe SMART/health log (empty when not NVMe)
 * @param scsiLog      the SCSI counters (empty when not SCSI)
 * @param problems     things in the reply that were odd but not fatal (numbers as strings, missing sections)
 */
public record SmartReport(
        int exitStatus,
        List<Message> messages,
        String smartctlVersion,
        Device device,
        Identity identity,
        Vitals vitals,
        SelfTests selfTests,
        Ata ata,
        Nvme nvmeLog,
        Scsi scsiLog,
        List<String> problems) {

    /**
     * How smartctl reached the device.
     *
     * @param protocol ATA, NVMe or SCSI (null when unknown)
     */
    public record Device(String name, String infoName, String type, String protocol) {
    }

    /** What the device is. */
    public record Identity(String model, String family, String serial, String wwn, String firmware,
                           Long capacityBytes, Long rotationRate) {
    }

    /**
     * @param smartPassed the drive's own overall verdict ({@code smart_status.passed}); null when absent
     * @param powerMode   smartctl's power mode name (STANDBY, SLEEP, ACTIVE or IDLE...), null when not reported
     */
    public record Vitals(Boolean smartPassed, String powerMode, Long temperatureC, Long powerOnHours, Long powerCycles,
                         Long enduranceUsedPercent) {
    }

    /** The most recent self-test (null when none is logged) and how many logged ones failed. */
    public record SelfTests(SelfTest last, Long failures) {
        static final SelfTests NONE = new SelfTests(null, null);
    }

    /** The ATA attribute table and the ATA error log's entry count. */
    public record Ata(List<AtaAttribute> attributes, Long errorLogCount) {
        /** Attribute {@code id}, null when the table lacks it. */
        AtaAttribute attribute(int id) {
            for (AtaAttribute a : attributes) {
                if (a.id() == id) {
                    return a;
                }
            }
            return null;
        }

        /** The decoded raw value of attribute {@code id}, null when the table lacks it. */
        Long decoded(int id) {
            AtaAttribute a = attribute(id);
            return a == null ? null : a.decoded();
        }
    }

    /** The NVMe SMART/health log under smartctl's own names (numbers). */
    public record Nvme(Map<String, Number> health) {
        Long longValue(String key) {
            Number n = health.get(key);
            return n == null ? null : n.longValue();
        }
    }

    /** SCSI counters under our field names (numbers). */
    public record Scsi(Map<String, Number> counters) {
    }

    public String deviceName() {
        return device.name();
    }

    public String infoName() {
        return device.infoName();
    }

    public String type() {
        return device.type();
    }

    public String protocol() {
        return device.protocol();
    }

    public String model() {
        return identity.model();
    }

    public String family() {
        return identity.family();
    }

    public String serial() {
        return identity.serial();
    }

    public String wwn() {
        return identity.wwn();
    }

    public String firmware() {
        return identity.firmware();
    }

    public Long capacityBytes() {
        return identity.capacityBytes();
    }

    public Long rotationRate() {
        return identity.rotationRate();
    }

    public String powerMode() {
        return vitals.powerMode();
    }

    public Boolean smartPassed() {
        return vitals.smartPassed();
    }

    public Long temperatureC() {
        return vitals.temperatureC();
    }

    public Long powerOnHours() {
        return vitals.powerOnHours();
    }

    public Long powerCycles() {
        return vitals.powerCycles();
    }

    public Long enduranceUsedPercent() {
        return vitals.enduranceUsedPercent();
    }

    public List<AtaAttribute> attributes() {
        return ata.attributes();
    }

    /** The NVMe SMART/health log under smartctl's own names (numbers), empty when not NVMe. */
    public Map<String, Number> nvme() {
        return nvmeLog.health();
    }

    /** SCSI counters under our field names (numbers), empty when not SCSI. */
    public Map<String, Number> scsi() {
        return scsiLog.counters();
    }

    public SelfTest lastSelfTest() {
        return selfTests.last();
    }

    public Long selfTestFailures() {
        return selfTests.failures();
    }

    /** The ATA error log's entry count, else NVMe's num_err_log_entries. */
    public Long errorLogCount() {
        return ata.errorLogCount() != null ? ata.errorLogCount() : nvmeLog.longValue("num_err_log_entries");
    }

    /** One smartctl message. */
    public record Message(String text, String severity) {
        boolean isError() {
            return "error".equalsIgnoreCase(severity);
        }
    }

    /**
     * One ATA SMART attribute.
     *
     * @param raw        the raw value as smartctl gives it (may be a packed 48-bit number)
     * @param decoded    the raw value decoded to what it counts (see {@link AtaRawDecoder})
     * @param whenFailed "now", "past" or "" (smartctl's WHEN_FAILED)
     */
    public record AtaAttribute(int id, String name, Long value, Long worst, Long threshold, long raw,
                               String rawString, long decoded, String whenFailed, String flags, boolean prefailure) {
    }

    /** The most recent self-test. {@code passed} is null for aborted or running tests. */
    public record SelfTest(String type, String result, Boolean passed, Long ageHours) {
    }

    public boolean isNvme() {
        return "NVMe".equalsIgnoreCase(protocol());
    }

    public boolean isScsi() {
        return "SCSI".equalsIgnoreCase(protocol());
    }

    public boolean isAta() {
        return "ATA".equalsIgnoreCase(protocol());
    }

    /** The first message of severity error, or null: the only kind that makes a reading fail. */
    public Message firstError() {
        return messages.stream().filter(Message::isError).findFirst().orElse(null);
    }

    /** True when the disk was asleep and smartctl (with --nocheck) did not wake it. */
    public boolean inStandby() {
        if (powerMode() != null) {
            String p = powerMode().toUpperCase();
            if (p.contains("STANDBY") || p.contains("SLEEP")) {
                return true;
            }
        }
        return (exitStatus & 2) != 0 && messages.stream().anyMatch(m -> {
            String t = m.text().toUpperCase();
            return (t.contains("STANDBY") || t.contains("SLEEP")) && t.contains("MODE");
        });
    }

    /** True when the reply holds anything to judge health by. */
    public boolean hasHealthData() {
        return smartPassed() != null || !attributes().isEmpty() || !nvme().isEmpty() || !scsi().isEmpty();
    }

    public AtaAttribute attribute(int id) {
        return ata.attribute(id);
    }

    /** Rotation 0 means a solid-state drive; NVMe is always solid state. */
    public boolean isSolidState() {
        return isNvme() || (rotationRate() != null && rotationRate() == 0);
    }
}
