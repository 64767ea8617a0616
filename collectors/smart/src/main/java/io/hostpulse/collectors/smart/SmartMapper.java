package io.hostpulse.collectors.smart;

import io.hostpulse.core.Point;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Pure: turns a report and its verdict into {@code smart_device} and {@code smart_attribute} points. */
final class SmartMapper {
    static final String DEVICE = "smart_device";
    static final String ATTRIBUTE = "smart_attribute";

    private SmartMapper() {
    }

    /** What identifies a disk on a point; the device path is only a display tag. */
    record Identity(String device, String type, String protocol, String model, String serial, String wwn,
                    Long capacity, String diskId) {
    }

    static Identity identity(SmartReport r, String device, String type) {
        return new Identity(device, type, r.protocol(), r.model(), r.serial(), r.wwn(), r.capacityBytes(),
                diskId(r.wwn(), r.model(), r.serial()));
    }

    /** WWN, else model and serial (serial alone when the model is unknown); null when neither is known. */
    static String diskId(String wwn, String model, String serial) {
        if (wwn != null && !wwn.isBlank()) {
            return "wwn:" + wwn;
        }
        if (serial != null && !serial.isBlank()) {
            return "serial:" + (model == null ? "" : model + "/") + serial;
        }
        return null;
    }

    private static Point.Builder device(Identity id, Instant now) {
        return Point.builder(DEVICE).time(now)
                .tag("device", id.device()).tag("type", id.type()).tag("protocol", id.protocol())
                .tag("model", id.model()).tag("serial_no", id.serial()).tag("wwn", id.wwn())
                .tag("capacity", id.capacity() == null ? null : Long.toString(id.capacity()))
                .field("disk_id", id.diskId());
    }

    static List<Point> map(SmartReport r, Verdict v, Identity id, Instant now, boolean withAttributes) {
        List<Point> out = new ArrayList<>();
        Point.Builder d = device(id, now)
                .field("exit_status", (long) r.exitStatus())
                .field("health_ok", r.smartPassed())
                .field("health_status", v.status().label())
                .field("health_reason", v.reason())
                .field("health_smart", v.smart().label())
                .field("health_threshold", v.threshold().label())
                .field("health_failure_rate", v.failureRate().label())
                .field("health_counters", v.counters().label())
                .field("failure_rate", v.worstFailureRate())
                .field("firmware", r.firmware())
                .field("temp_c", r.temperatureC())
                .field("power_on_hours", r.powerOnHours())
                .field("power_cycle_count", r.powerCycles())
                .field("power_mode", r.powerMode() == null ? "active" : r.powerMode().toLowerCase())
                .field("standby", false)
                .field("reading_age_s", 0L)
                .field("life_remaining_percent", v.lifeRemainingPercent())
                .field("error_log_count", r.errorLogCount())
                .field("self_test_failed_count", r.selfTestFailures());
        SmartReport.SelfTest st = r.lastSelfTest();
        if (st != null) {
            d.field("self_test_last_type", st.type()).field("self_test_last_result", st.result())
                    .field("self_test_last_passed", st.passed()).field("self_test_last_age_hours", st.ageHours());
        }
        // Telegraf inputs.smart copies these ATA attributes onto smart_device
        attributeField(d, r, 1, "read_error_rate");
        attributeField(d, r, 7, "seek_error");
        attributeField(d, r, 199, "udma_crc_errors");
        for (Map.Entry<String, Number> e : r.nvme().entrySet()) {
            d.field(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Number> e : r.scsi().entrySet()) {
            d.field(e.getKey(), e.getValue());
        }
        out.add(d.build());
        if (!withAttributes) {
            return out;
        }
        for (SmartReport.AtaAttribute a : r.attributes()) {
            Verdict.AttributeVerdict av = v.attributes().get(a.id());
            Point.Builder p = Point.builder(ATTRIBUTE).time(now)
                    .tag("device", id.device()).tag("type", id.type())
                    .tag("model", id.model()).tag("serial_no", id.serial()).tag("wwn", id.wwn())
                    .tag("capacity", id.capacity() == null ? null : Long.toString(id.capacity()))
                    .tag("id", Integer.toString(a.id())).tag("name", a.name()).tag("flags", a.flags())
                    .tag("fail", Boolean.toString(!a.whenFailed().isEmpty()))
                    .field("value", a.value()).field("worst", a.worst()).field("threshold", a.threshold())
                    .field("raw_value", a.decoded()).field("raw", a.raw()).field("raw_string", a.rawString())
                    .field("when_failed", a.whenFailed())
                    .field("failing_now", "now".equalsIgnoreCase(a.whenFailed()))
                    .field("failed_past", "past".equalsIgnoreCase(a.whenFailed()))
                    .field("exit_status", (long) r.exitStatus());
            long[] mm = a.id() == 190 || a.id() == 194 ? AtaRawDecoder.minMax(a.rawString()) : null;
            if (mm != null) {
                p.field("min", mm[0]).field("max", mm[1]);
            }
            if (av != null) {
                p.field("critical", av.critical()).field("status", av.status().label());
                if (!av.reason().isEmpty()) {
                    p.field("status_reason", av.reason());
                }
                if (av.bucket() != null) {
                    p.field("failure_rate", av.bucket().afr()).field("failure_rate_bucket", av.bucket().label());
                }
                p.field("increase_since_last", av.increaseSinceLast())
                        .field("increase_since_baseline", av.increaseSinceBaseline());
            }
            out.add(p.build());
        }
        return out;
    }

    private static void attributeField(Point.Builder d, SmartReport r, int id, String field) {
        SmartReport.AtaAttribute a = r.attribute(id);
        if (a != null) {
            d.field(field, a.decoded());
        }
    }

    /** A device that could not be read this time: health unknown (never "failed"), with the reason. */
    static Point unknown(Identity id, Instant now, Integer exitStatus, String reason) {
        return device(id, now)
                .field("exit_status", exitStatus == null ? null : (long) exitStatus)
                .field("health_status", Health.UNKNOWN.label())
                .field("health_reason", reason)
                .build();
    }

    /**
     * A disk asleep: not woken, so it keeps its last known health and says how old that reading is.
     */
    static Point standby(Identity id, Instant now, int exitStatus, String lastStatus, String lastReason,
                         Long ageSeconds) {
        String reason = lastStatus == null
                ? "disk in standby, not woken; no reading yet"
                : lastReason + " (disk in standby, not woken; last reading " + ageSeconds + " s ago)";
        return device(id, now)
                .field("exit_status", (long) exitStatus)
                .field("power_mode", "standby")
                .field("standby", true)
                .field("health_status", lastStatus == null ? Health.UNKNOWN.label() : lastStatus)
                .field("health_reason", reason)
                .field("reading_age_s", ageSeconds)
                .build();
    }
}
