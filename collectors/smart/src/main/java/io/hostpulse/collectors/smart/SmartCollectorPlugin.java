package io.hostpulse.collectors.smart;

import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.exec.ProcessCommandRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registers the SMART collector: on by default wherever smartctl is found, every 15 minutes (the agent adds
 * the cron option and the run at start-up).
 */
public final class SmartCollectorPlugin implements CollectorPlugin<SmartConfig> {
    /** Searched after PATH: smartctl lives in sbin, which a non-root PATH often lacks. */
    static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");

    @Override
    public String name() {
        return "smart";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(15);
    }

    @Override
    public boolean availableByDefault(CollectorContext ctx) {
        return resolve("smartctl", ctx.environment() == null ? null : ctx.environment().get("PATH")) != null;
    }

    @Override
    public SmartConfig configure(ConfigNode section, CollectorContext ctx) {
        return SmartConfig.from(section);
    }

    /** Without a data directory in {@code ctx} (hostpulse test) the state lives in memory only: nothing is written. */
    @Override
    public Collector create(SmartConfig config, CollectorContext ctx) {
        String path = ctx.environment() == null ? null : ctx.environment().get("PATH");
        String smartctl = resolve(config.smartctlPath(), path);
        Path stateFile = ctx.dataDir() == null ? null : ctx.dataDir().resolve(config.stateFile());
        return new SmartCollector(config, new ProcessCommandRunner(), smartctl == null ? config.smartctlPath() : smartctl,
                stateFile);
    }

    /**
     * The fields of docs/SCHEMA.md's SMART section; NVMe and SCSI health-log fields keep smartctl's names, so
     * their families are given as prefixes (checked against every recorded smartctl reply by a test).
     */
    @Override
    public Map<String, Set<String>> schema() {
        return Map.of(
                "smart_device", Set.of("disk_id", "health_status", "health_reason", "health_ok", "health_smart",
                        "health_threshold", "health_failure_rate", "health_counters", "failure_rate", "exit_status",
                        "firmware", "temp_c", "power_on_hours", "power_cycle_count", "power_mode", "standby",
                        "reading_age_s", "life_remaining_percent", "error_log_count", "self_test_last_type",
                        "self_test_last_result", "self_test_last_passed", "self_test_last_age_hours",
                        "self_test_failed_count", "read_error_rate", "seek_error", "udma_crc_errors",
                        // NVMe health log
                        "critical_warning", "temperature", "available_spare", "available_spare_threshold",
                        "percentage_used", "data_units_read", "data_units_written", "host_reads", "host_writes",
                        "controller_busy_time", "power_cycles", "unsafe_shutdowns", "media_errors",
                        "num_err_log_entries", "warning_temp_time", "critical_comp_time", "temperature_sensor_*",
                        // SCSI logs
                        "scsi_grown_defect_list", "scsi_pending_defects", "percentage_used_endurance_indicator",
                        "read_*", "write_*", "verify_*"),
                "smart_attribute", Set.of("value", "worst", "threshold", "raw_value", "raw", "raw_string", "min", "max",
                        "when_failed", "failing_now", "failed_past", "critical", "status", "status_reason",
                        "failure_rate", "failure_rate_bucket", "increase_since_last", "increase_since_baseline",
                        "exit_status"));
    }

    /** A path is used as is; a bare name is looked up on PATH, then in the sbin directories. Null: not found. */
    static String resolve(String name, String pathVar) {
        return io.hostpulse.core.exec.Programs.find(name, pathVar, SBIN);
    }
}
