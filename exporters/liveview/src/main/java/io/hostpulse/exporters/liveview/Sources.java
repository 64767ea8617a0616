package io.hostpulse.exporters.liveview;

/** Which collector a measurement comes from, by Telegraf's names; one batch is always one collector's. */
final class Sources {
    static final String HOST = "host";
    static final String DOCKER = "docker";
    static final String SMART = "smart";
    static final String AGENT = "agent";
    static final String PROCESSES = "processes";
    /** The sensors collector: hwmon chips, thermal zones, amdgpu cards, RAPL, power supplies. */
    static final String SENSORS = "sensors";
    /** The nvidia_smi collector. */
    static final String NVIDIA = "nvidia_smi";
    static final String OTHER = "other";

    private Sources() {
    }

    static String of(String measurement) {
        if (measurement.equals("docker") || measurement.startsWith("docker_")) {
            return DOCKER;
        }
        if (measurement.startsWith("smart_")) {
            return SMART;
        }
        if (measurement.startsWith("hostpulse_")) {
            return AGENT;
        }
        if (measurement.startsWith("nvidia_smi")) {
            return NVIDIA;
        }
        return switch (measurement) {
            case "sensors", "temp", "amd_rocm_smi", "rapl", "power_supply" -> SENSORS;
            case "cpu", "mem", "swap", "system", "disk", "diskio", "net", "processes", "kernel", "pressure", "procstat" -> HOST;
            default -> OTHER + ":" + measurement;
        };
    }
}
