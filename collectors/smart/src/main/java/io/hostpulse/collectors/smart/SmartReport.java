package io.hostpulse.collectors.smart;

import java.util.List;
import java.util.Map;

/**
 * What one {@code smartctl --json} reply says about one device, already decoded. Produced by
 * {@link SmartctlParser}; everything optional is null when smartctl did not report it.
 *
 * @param exitStatus   smartctl's exit status (from the JSON, else the process's)
 * @param messages     smartctl's messages with their severity
 * @param protocol     ATA, NVMe or SCSI (null when unknown)
 * @param smartPassed  the drive's own overall verdict ({@code smart_status.passed}); null when absent
 * @param powerMode    smartctl's power mode name (STANDBY, SLEEP, ACTIVE or IDLE...), null when not reported
 * @param nvme         the NVMe SMART/health log under smartctl's own names (numbers), empty when not NVMe
 * @param scsi         SCSI counters under our field names (numbers), empty when not SCSI
 * @param problems     things in the reply that were odd but not fatal (numbers as strings, missing sections)
 */
public record SmartReport(
        int exitStatus,
        List<Message> messages,
        String smartctlVersion,
        String deviceName,
        String infoName,
        String type,
        String protocol,
        String model,
        String family,
        String serial,
        String wwn,
        String firmware,
        Long capacityBytes,
        Long rotationRate,
        String powerMode,
        Boolean smartPassed,
        Long temperatureC,
        Long powerOnHours,
        Long powerCycles,
        List<AtaAttribute> attributes,
        Map<String, Number> nvme,
        Map<String, Number> scsi,
        Long enduranceUsedPercent,
        SelfTest lastSelfTest,
        Long selfTestFailures,
        Long errorLogCount,
        List<String> problems) {

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
        return "NVMe".equalsIgnoreCase(protocol);
    }

    public boolean isScsi() {
        return "SCSI".equalsIgnoreCase(protocol);
    }

    public boolean isAta() {
        return "ATA".equalsIgnoreCase(protocol);
    }

    /** The first message of severity error, or null: the only kind that makes a reading fail. */
    public Message firstError() {
        return messages.stream().filter(Message::isError).findFirst().orElse(null);
    }

    /** True when the disk was asleep and smartctl (with --nocheck) did not wake it. */
    public boolean inStandby() {
        if (powerMode != null) {
            String p = powerMode.toUpperCase();
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
        return smartPassed != null || !attributes.isEmpty() || !nvme.isEmpty() || !scsi.isEmpty();
    }

    public AtaAttribute attribute(int id) {
        for (AtaAttribute a : attributes) {
            if (a.id() == id) {
                return a;
            }
        }
        return null;
    }

    /** Rotation 0 means a solid-state drive; NVMe is always solid state. */
    public boolean isSolidState() {
        return isNvme() || (rotationRate != null && rotationRate == 0);
    }
}
