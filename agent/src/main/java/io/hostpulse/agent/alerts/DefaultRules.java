package io.hostpulse.agent.alerts;

import io.hostpulse.core.config.ConfigNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in rule set: what a homelab needs, each switched off with {@code alerts.defaults.<name>: false} or
 * tuned by giving only the keys to change. Levels follow Glances' defaults where Glances has one (load per core
 * 0.7/1.0/5.0, hdd temperature 45/52/60) and the homelab figures otherwise; sensor and GPU temperatures take
 * each sensor's own limits ({@code temp_max}, {@code temp_crit}, the GPU's slowdown temperature) where it reports them,
 * so an NVMe drive at 70 °C is quiet and a CPU at 95 °C is not. A rule over a measurement no
 * enabled collector writes (containers without the Docker collector) is inactive, not an error.
 */
final class DefaultRules {
    private DefaultRules() {
    }

    static List<Map<String, Object>> definitions() {
        List<Map<String, Object>> d = new ArrayList<>();
        d.add(rule("disk_used", "disk", "used_percent", ">", null, 85, 95, "1m",
                "file system {path} is {value}% full ({threshold})", "hysteresis", 1));
        d.add(rule("disk_inodes", "disk", "inodes_used_percent", ">", null, 85, 95, "1m",
                "file system {path} has used {value}% of its inodes ({threshold})", "hysteresis", 1));
        d.add(rule("mem_available", "mem", "available_percent", "<", null, 10, 5, "2m",
                "only {value}% of memory available ({threshold})", "hysteresis", 1));
        d.add(rule("swap_used", "swap", "used_percent", ">", null, 80, 95, "5m",
                "swap {value}% used ({threshold})", "hysteresis", 2));
        d.add(rule("load_per_core", "system", "load5", ">", 0.7, 1.0, 5.0, "10m",
                "load {value} per CPU over 5 minutes ({threshold})", "per", "n_cpus"));
        d.add(rule("disk_temperature", "smart_device", "temp_c", ">", 45, 52, 60, "5m",
                "disk {device} ({model} {serial_no}) at {value} °C ({threshold})", "hysteresis", 2));
        d.add(rule("container_unhealthy", "docker_container_health", "health_status", "==", null, null, "unhealthy", "3m",
                "container {container_name} unhealthy for 3 minutes ({failing_streak} failed checks)", "series", List.of("container_name")));
        d.add(rule("container_exited", "docker_container_status", "exitcode", "!=", null, List.of(0, 130, 137, 143), null, "0s",
                "container {container_name} exited with code {value}", "tags", Map.of("container_status", "exited"),
                "series", List.of("container_name")));
        d.add(rule("container_oom_killed", "docker_container_status", "oomkilled", "==", null, null, true, "0s",
                "container {container_name} was killed by the OOM killer", "series", List.of("container_name")));
        d.add(rule("container_restart_loop", "docker_container_status", "restart_count", ">=", null, 3, null, "0s",
                "container {container_name} restarted {value} times in 10 minutes", "increase_within", "10m",
                "series", List.of("container_name")));
        d.add(rule("smart_health", "smart_device", "health_status", "==", null, "warning", "failed", "0s",
                "disk {device} ({model} {serial_no}) health {value}: {health_reason}"));
        d.add(rule("smart_attribute_increased", "smart_attribute", "increase_since_baseline", ">", null, 0, null, "0s",
                "disk {device} ({model} {serial_no}) attribute {id} {name} grew by {value} (raw {raw_value})"));
        d.add(rule("output_failing", "hostpulse_agent", "output_last_error_time", "<", null, null, 120, "5m",
                "output {output} failing for 5 minutes (last error {value} s ago)", "age", true,
                "tags", Map.of("output", "*")));
        d.add(rule("collector_failing", "hostpulse_agent", "collector_success", "<", null, 1, null, "0s",
                "collector {collector} failed 3 collections in a row", "for_count", 3,
                "count_by", "collector_duration_count", "tags", Map.of("collector", "*")));
        // the network map's segmentation rules (collectors.docker.network_map.rules): one series per violation, which
        // resolves when the violating connections stop (its point is missing from the next collection)
        d.add(rule("segmentation", "docker_segmentation", "violations", ">", null, null, 0, "0s",
                "{message}"));
        // sensors and GPUs (collectors/sensors): a sensor's own limits are its thresholds where the chip has them
        d.add(rule("temperature", "sensors", "temp_input", ">", null, 85, 95, "2m",
                "{chip} {feature} at {value} °C ({threshold})", "warning_from", "temp_max", "critical_from", "temp_crit",
                "hysteresis", 2));
        d.add(rule("fan_stopped", "sensors", "fan_input", "<", null, null, null, "1m",
                "fan {chip} {feature} at {value} RPM ({threshold}, the chip's minimum)", "critical_from", "fan_min"));
        d.add(rule("gpu_temperature", "nvidia_smi", "temperature_gpu", ">", null, 85, 92, "2m",
                "GPU {index} {name} at {value} °C ({threshold}); top process {top_process}",
                "critical_from", "temperature_gpu_slowdown_threshold", "hysteresis", 2,
                "series", List.of("uuid", "index", "name")));
        d.add(rule("gpu_memory", "nvidia_smi", "memory_used", ">", null, 0.95, null, "10m",
                "GPU {index} {name}: {memory_used} of {memory_total} MiB memory used ({value} of it, {threshold}); "
                        + "top process {top_process}", "per", "memory_total", "series", List.of("uuid", "index", "name")));
        d.add(rule("amd_gpu_memory", "amd_rocm_smi", "memory_used", ">", null, 0.95, null, "10m",
                "GPU {name} ({gpu_id}): {memory_used} of {memory_total} bytes of VRAM used ({value} of it, {threshold})",
                "per", "memory_total"));
        return d;
    }

    static List<String> names() {
        return definitions().stream().map(m -> (String) m.get("name")).toList();
    }

    /** The built-in rules as parsed rules (they are known to be valid; a test checks it). */
    static Map<String, Rule> rules(Duration repeat) {
        Map<String, Rule> out = new LinkedHashMap<>();
        for (Map<String, Object> m : definitions()) {
            ConfigNode n = ConfigNode.of(m);
            Rule r = Rule.parse(n, null, (String) m.get("name"), repeat);
            n.finish();
            if (!n.problems().isEmpty()) {
                throw new IllegalStateException("built-in rule " + m.get("name") + ": " + n.problems().all());
            }
            out.put(r.name(), r.asBuiltIn());
        }
        return out;
    }

    private static Map<String, Object> rule(String name, String measurement, String field, String op, Object careful,
                                            Object warning, Object critical, String forDuration, String message,
                                            Object... more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("measurement", measurement);
        m.put("field", field);
        m.put("op", op);
        if (careful != null) {
            m.put("careful", careful);
        }
        if (warning != null) {
            m.put("warning", warning);
        }
        if (critical != null) {
            m.put("critical", critical);
        }
        m.put("for", forDuration);
        m.put("message", message);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }
}
