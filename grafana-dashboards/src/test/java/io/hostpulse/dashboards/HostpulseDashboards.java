package io.hostpulse.dashboards;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostpulse.dashboards.Grafana.Dashboard;
import io.hostpulse.dashboards.Grafana.Panel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.hostpulse.dashboards.Grafana.thresholds;
import static io.hostpulse.dashboards.Grafana.valueColours;

/**
 * The source of the dashboards in {@code grafana-dashboards/dashboards/}: every panel and query, written once.
 * The committed JSON is what users mount; {@code DashboardsUpToDateTest} fails when it differs from what this
 * class generates, and {@code -Ddashboards.write=true} on that test rewrites it.
 *
 * <p>Names are those of docs/SCHEMA.md (Telegraf's where Telegraf has the same data). Queries are InfluxQL, so they
 * work on InfluxDB 1.x, 2.x (DBRP mapping) and 3.x; tag filters are regexes ({@code =~ /^$host$/}) so that one, many
 * and "All" values work alike.
 */
public final class HostpulseDashboards {
    static final String HOST_UID = "hostpulse-host";
    static final String CONTAINERS_UID = "hostpulse-containers";
    static final String NETWORKS_UID = "hostpulse-networks";
    static final String DISKS_UID = "hostpulse-disks";
    static final String AGENT_UID = "hostpulse-agent";
    static final String EVENTS_UID = "hostpulse-events";

    private static final String HOST = "`host` =~ /^$host$/ AND $timeFilter";
    private static final String T = "GROUP BY time($__interval)";
    private static final String EVENT_SOURCES = "source=~\"docker|smart|alert|agent\"";

    private HostpulseDashboards() {
    }

    /** File name -> dashboard, in the order of the README. */
    static Map<String, ObjectNode> all() {
        Map<String, ObjectNode> m = new LinkedHashMap<>();
        m.put("hostpulse-host.json", host());
        m.put("hostpulse-containers.json", containers());
        m.put("hostpulse-networks.json", networks());
        m.put("hostpulse-disks.json", disks());
        m.put("hostpulse-agent.json", agent());
        m.put("hostpulse-events.json", events());
        return m;
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "grafana-dashboards/dashboards"));
    }

    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, ObjectNode> e : all().entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), render(e.getValue()));
        }
    }

    static String render(ObjectNode dashboard) throws IOException {
        return Grafana.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(dashboard) + "\n";
    }

    private static Dashboard links(Dashboard d) {
        return d.link("Host", HOST_UID).link("Containers", CONTAINERS_UID).link("Docker networks", NETWORKS_UID)
                .link("Disks", DISKS_UID).link("Agent", AGENT_UID).link("Events", EVENTS_UID);
    }

    // ---------------------------------------------------------------------------------------------------- Host

    static ObjectNode host() {
        Dashboard d = new Dashboard(HOST_UID, "hostpulse / Host",
                "One host or many: CPU, load, memory, file systems, disk I/O, network, pressure, processes (collector host, "
                        + "Telegraf's cpu, system, mem, swap, disk, diskio, net, processes, kernel and pressure measurements). "
                        + "Sensor rows: temperatures from measurement temp (tag sensor, field temp) and sensors (tags chip, feature; "
                        + "fields temp_input, fan_input, in_input, power_average), GPUs from nvidia_smi and amd_rocm_smi (Telegraf's names), "
                        + "power from rapl.power_watts (CPU packages), sensors.power_average, nvidia_smi.power_draw and amd_rocm_smi.power_draw; "
                        + "they stay empty until the sensors collector writes them. "
                        + "Events from Loki (datasource variable loki) as a panel and as annotations.",
                "host");
        d.influxVariable().lokiVariable().queryVariable("host", "Host", "SHOW TAG VALUES FROM `system` WITH KEY = `host`");
        links(d);
        d.lokiAnnotation("Host events", "{host=~\"$host\", " + EVENT_SOURCES + ", level=~\"warning|error\"}", "red");

        d.row("Overview");
        d.add(Panel.stat("Uptime", "Time since boot (system.uptime).", "dtdurations")
                .thresholds("orange", 3600, "green")
                .influx("SELECT last(`uptime`) FROM `system` WHERE " + HOST + " GROUP BY `host`", "$tag_host"), 4, 4);
        d.add(Panel.gauge("CPU busy", "100 − idle over the last interval, all CPUs (cpu-total).", "percent")
                .thresholds("green", 80, "orange", 95, "red")
                .influx("SELECT 100 - last(`usage_idle`) FROM `cpu` WHERE " + HOST + " AND `cpu` = 'cpu-total' GROUP BY `host`", "$tag_host"), 4, 4);
        d.add(Panel.stat("Load per core", "1-minute load average divided by the number of CPUs: over 1 means work waits.", "none")
                .decimals(2).thresholds("green", 1, "orange", 2, "red")
                .influx("SELECT last(`load1`) / last(`n_cpus`) FROM `system` WHERE " + HOST + " GROUP BY `host`", "$tag_host"), 4, 4);
        d.add(Panel.gauge("Memory used", "100 − available %: memory that cannot be reclaimed without swapping.", "percent")
                .thresholds("green", 85, "orange", 95, "red")
                .influx("SELECT 100 - last(`available_percent`) FROM `mem` WHERE " + HOST + " GROUP BY `host`", "$tag_host"), 4, 4);
        d.add(Panel.gauge("Fullest file system", "The highest used % among the host's file systems (see the table below).", "percent")
                .thresholds("green", 80, "orange", 90, "red")
                .influx("SELECT max(`used`) FROM (SELECT last(`used_percent`) AS `used` FROM `disk` WHERE " + HOST
                        + " GROUP BY `host`, `path`) GROUP BY `host`", "$tag_host"), 4, 4);
        d.add(Panel.stat("Zombie processes", "Processes in state Z: their parent does not reap them.", "none")
                .thresholds("green", 1, "orange", 20, "red")
                .influx("SELECT last(`zombies`) FROM `processes` WHERE " + HOST + " GROUP BY `host`", "$tag_host"), 4, 4);

        d.row("CPU");
        d.add(Panel.timeseries("CPU usage", "Share of CPU time by mode, all CPUs (cpu-total); stacked to 100 with idle left out.", "percent")
                .max(100).stacked()
                .influx("SELECT mean(`usage_user`) AS `user`, mean(`usage_system`) AS `system`, mean(`usage_iowait`) AS `iowait`, "
                        + "mean(`usage_steal`) AS `steal`, mean(`usage_irq`) + mean(`usage_softirq`) AS `irq`, mean(`usage_nice`) AS `nice` "
                        + "FROM `cpu` WHERE " + HOST + " AND `cpu` = 'cpu-total' " + T + ", `host` fill(null)", "$tag_host $col"), 12, 8);
        d.add(Panel.timeseries("CPU per core", "Busy % (100 − idle) of each core.", "percent")
                .max(100).thresholds("green", 90, "red")
                .influx("SELECT 100 - mean(`usage_idle`) FROM `cpu` WHERE " + HOST + " AND `cpu` != 'cpu-total' " + T
                        + ", `host`, `cpu` fill(null)", "$tag_host $tag_cpu"), 12, 8);
        d.add(Panel.timeseries("I/O wait and steal", "iowait: idle while disk I/O was pending; steal: time the hypervisor gave to others.", "percent")
                .thresholds("green", 10, "orange", 25, "red")
                .influx("SELECT mean(`usage_iowait`) AS `iowait`, mean(`usage_steal`) AS `steal` FROM `cpu` WHERE " + HOST
                        + " AND `cpu` = 'cpu-total' " + T + ", `host` fill(null)", "$tag_host $col"), 12, 8);
        d.add(Panel.timeseries("Load per core", "Load averages divided by the number of CPUs: 1 = every core busy.", "none")
                .thresholds("green", 1, "orange", 2, "red")
                .influx("SELECT mean(`load1`) / mean(`n_cpus`) AS `1m`, mean(`load5`) / mean(`n_cpus`) AS `5m`, "
                        + "mean(`load15`) / mean(`n_cpus`) AS `15m` FROM `system` WHERE " + HOST + " " + T + ", `host` fill(null)",
                        "$tag_host $col"), 12, 8);

        d.row("Memory and swap");
        d.add(Panel.timeseries("Memory", "used (not reclaimable), cached and buffered (reclaimable), free.", "bytes").stacked()
                .influx("SELECT mean(`used`) AS `used`, mean(`cached`) AS `cached`, mean(`buffered`) AS `buffered`, mean(`free`) AS `free` "
                        + "FROM `mem` WHERE " + HOST + " " + T + ", `host` fill(null)", "$tag_host $col"), 8, 8);
        d.add(Panel.timeseries("Memory available", "MemAvailable as % of total: under 10 % the kernel starts reclaiming hard.", "percent")
                .max(100).thresholds("red", 10, "orange", 20, "green")
                .influx("SELECT mean(`available_percent`) FROM `mem` WHERE " + HOST + " " + T + ", `host` fill(null)", "$tag_host"), 8, 8);
        d.add(Panel.timeseries("Swap", "Swap used, and pages swapped in and out per second (right axis).", "bytes")
                .influx("SELECT mean(`used`) AS `used` FROM `swap` WHERE " + HOST + " " + T + ", `host` fill(null)", "$tag_host swap $col")
                .influx("SELECT non_negative_derivative(max(`in`), 1s) AS `in/s`, non_negative_derivative(max(`out`), 1s) AS `out/s` "
                        + "FROM `swap` WHERE " + HOST + " " + T + ", `host` fill(none)", "$tag_host swap $col")
                .override("/.*\\/s$/", "custom.axisPlacement", "right", "unit", "Bps"), 8, 8);

        d.row("File systems");
        d.add(Panel.table("File systems", "Every file system, fullest first: space and inodes.")
                .influxTable("SELECT last(`used_percent`) AS `used`, last(`inodes_used_percent`) AS `inodes used`, last(`total`) AS `size`, "
                        + "last(`free`) AS `free` FROM `disk` WHERE " + HOST + " GROUP BY `host`, `path`, `device`, `fstype`")
                .merged()
                .colouredColumn("used", "percent", thresholds("green", 80, "orange", 90, "red"), null)
                .colouredColumn("inodes used", "percent", thresholds("green", 80, "orange", 90, "red"), null)
                .column("size", "bytes").column("free", "bytes")
                .sortBy("used", true), 12, 8);
        d.add(Panel.timeseries("File system usage", "Used % of each file system over time.", "percent")
                .max(100).thresholds("green", 80, "orange", 90, "red")
                .influx("SELECT mean(`used_percent`) FROM `disk` WHERE " + HOST + " " + T + ", `host`, `path` fill(null)",
                        "$tag_host $tag_path"), 12, 8);

        d.row("Disk I/O");
        d.add(Panel.timeseries("Disk throughput", "Bytes read and written per second per block device (diskio).", "Bps")
                .influx("SELECT non_negative_derivative(max(`read_bytes`), 1s) AS `read`, non_negative_derivative(max(`write_bytes`), 1s) AS `write` "
                        + "FROM `diskio` WHERE " + HOST + " " + T + ", `host`, `name` fill(none)", "$tag_host $tag_name $col"), 8, 8);
        d.add(Panel.timeseries("Disk IOPS", "Completed reads and writes per second.", "iops")
                .influx("SELECT non_negative_derivative(max(`reads`), 1s) AS `reads`, non_negative_derivative(max(`writes`), 1s) AS `writes` "
                        + "FROM `diskio` WHERE " + HOST + " " + T + ", `host`, `name` fill(none)", "$tag_host $tag_name $col"), 8, 8);
        d.add(Panel.timeseries("Disk utilisation", "Share of time the device was busy (io_time: ms busy per s / 10).", "percent")
                .max(100).thresholds("green", 80, "orange", 95, "red")
                .influx("SELECT non_negative_derivative(max(`io_time`), 1s) / 10 FROM `diskio` WHERE " + HOST + " " + T
                        + ", `host`, `name` fill(none)", "$tag_host $tag_name"), 8, 8);

        d.row("Network");
        d.add(Panel.timeseries("Network traffic", "Bits per second in and out per interface (container veths are on the Containers dashboard).", "bps")
                .influx("SELECT non_negative_derivative(max(`bytes_recv`), 1s) * 8 AS `in`, non_negative_derivative(max(`bytes_sent`), 1s) * 8 AS `out` "
                        + "FROM `net` WHERE " + HOST + " AND `interface` !~ /^veth/ " + T + ", `host`, `interface` fill(none)",
                        "$tag_host $tag_interface $col"), 12, 8);
        d.add(Panel.timeseries("Network errors and drops", "Packets per second that failed or were dropped: anything above 0 deserves a look.", "pps")
                .thresholds("green", 1, "red")
                .influx("SELECT non_negative_derivative(max(`err_in`), 1s) AS `err in`, non_negative_derivative(max(`err_out`), 1s) AS `err out`, "
                        + "non_negative_derivative(max(`drop_in`), 1s) AS `drop in`, non_negative_derivative(max(`drop_out`), 1s) AS `drop out` "
                        + "FROM `net` WHERE " + HOST + " AND `interface` !~ /^veth/ " + T + ", `host`, `interface` fill(none)",
                        "$tag_host $tag_interface $col"), 12, 8);

        d.row("Pressure and processes");
        d.add(Panel.timeseries("Pressure (PSI)", "Share of the last 10 s in which tasks stalled waiting for CPU, memory or I/O "
                        + "(some: at least one task; full: all). Needs a kernel with /proc/pressure.", "percent")
                .thresholds("green", 10, "orange", 40, "red")
                .influx("SELECT mean(`avg10`) FROM `pressure` WHERE " + HOST + " " + T + ", `host`, `resource`, `type` fill(null)",
                        "$tag_host $tag_resource $tag_type"), 8, 8);
        d.add(Panel.timeseries("Processes", "Processes by state: blocked (D) ones wait for I/O; zombies are not reaped.", "none")
                .influx("SELECT mean(`running`) AS `running`, mean(`blocked`) AS `blocked`, mean(`zombies`) AS `zombies`, mean(`total`) AS `total` "
                        + "FROM `processes` WHERE " + HOST + " " + T + ", `host` fill(null)", "$tag_host $col"), 8, 8);
        d.add(Panel.timeseries("Context switches and forks", "Per second, from /proc/stat (kernel).", "ops")
                .influx("SELECT non_negative_derivative(max(`context_switches`), 1s) AS `context switches`, "
                        + "non_negative_derivative(max(`processes_forked`), 1s) AS `forks` FROM `kernel` WHERE " + HOST + " " + T
                        + ", `host` fill(none)", "$tag_host $col"), 8, 8);

        d.row("Temperatures, fans, GPU and power (sensors collector)");
        d.add(Panel.timeseries("Temperatures", "Measurement temp (tag sensor, field temp, °C), as Telegraf's inputs.temp.", "celsius")
                .thresholds("green", 70, "orange", 85, "red")
                .influx("SELECT mean(`temp`) FROM `temp` WHERE " + HOST + " " + T + ", `host`, `sensor` fill(null)", "$tag_host $tag_sensor"), 8, 8);
        d.add(Panel.timeseries("Chip temperatures", "Measurement sensors, field temp_input (°C), per chip and feature (Telegraf's inputs.sensors).", "celsius")
                .thresholds("green", 70, "orange", 85, "red")
                .influx("SELECT mean(`temp_input`) FROM `sensors` WHERE " + HOST + " " + T + ", `host`, `chip`, `feature` fill(null)",
                        "$tag_host $tag_chip $tag_feature"), 8, 8);
        d.add(Panel.timeseries("Fans", "Measurement sensors, field fan_input (RPM): a fan at 0 has stopped.", "rotrpm")
                .thresholds("red", 1, "green")
                .influx("SELECT mean(`fan_input`) FROM `sensors` WHERE " + HOST + " " + T + ", `host`, `chip`, `feature` fill(null)",
                        "$tag_host $tag_chip $tag_feature"), 8, 8);
        d.add(Panel.timeseries("Voltages", "Measurement sensors, field in_input (V).", "volt")
                .influx("SELECT mean(`in_input`) FROM `sensors` WHERE " + HOST + " " + T + ", `host`, `chip`, `feature` fill(null)",
                        "$tag_host $tag_chip $tag_feature"), 8, 8);
        d.add(Panel.timeseries("GPU utilisation and temperature", "Measurements nvidia_smi and amd_rocm_smi (Telegraf's inputs.nvidia_smi "
                        + "and inputs.amd_rocm_smi): utilization_gpu, utilization_memory (%) and NVIDIA's temperature_gpu (°C, right axis).", "percent")
                .influx("SELECT mean(`utilization_gpu`) AS `gpu %`, mean(`utilization_memory`) AS `memory %` FROM `nvidia_smi` WHERE " + HOST + " "
                        + T + ", `host`, `index`, `name` fill(null)", "$tag_host GPU $tag_index $col")
                .influx("SELECT mean(`temperature_gpu`) AS `°C` FROM `nvidia_smi` WHERE " + HOST + " " + T + ", `host`, `index`, `name` fill(null)",
                        "$tag_host GPU $tag_index $col")
                .influx("SELECT mean(`utilization_gpu`) AS `gpu %`, mean(`utilization_memory`) AS `memory %` FROM `amd_rocm_smi` WHERE " + HOST
                        + " " + T + ", `host`, `name`, `gpu_id` fill(null)", "$tag_host $tag_name $col")
                .override("/°C$/", "unit", "celsius", "custom.axisPlacement", "right"), 8, 8);
        d.add(Panel.timeseries("GPU memory", "nvidia_smi memory_used of memory_total (MiB); amd_rocm_smi the same in bytes.", "decmbytes")
                .influx("SELECT mean(`memory_used`) AS `used`, mean(`memory_total`) AS `total` FROM `nvidia_smi` WHERE " + HOST + " " + T
                        + ", `host`, `index`, `name` fill(null)", "$tag_host GPU $tag_index $col")
                .influx("SELECT mean(`memory_used`) AS `used`, mean(`memory_total`) AS `total` FROM `amd_rocm_smi` WHERE " + HOST + " " + T
                        + ", `host`, `name`, `gpu_id` fill(null)", "$tag_host $tag_name (AMD) $col")
                .override("/\\(AMD\\)/", "unit", "bytes"), 8, 8);
        d.add(Panel.timeseries("Power", "Watts: rapl.power_watts (CPU packages, Intel RAPL / AMD), sensors.power_average (hwmon power "
                        + "sensors), nvidia_smi.power_draw and amd_rocm_smi.power_draw (GPUs).", "watt")
                .influx("SELECT mean(`power_watts`) FROM `rapl` WHERE " + HOST + " " + T + ", `host`, `name` fill(null)", "$tag_host $tag_name")
                .influx("SELECT mean(`power_average`) FROM `sensors` WHERE " + HOST + " " + T + ", `host`, `chip`, `feature` fill(null)",
                        "$tag_host $tag_chip $tag_feature")
                .influx("SELECT mean(`power_draw`) FROM `nvidia_smi` WHERE " + HOST + " " + T + ", `host`, `index`, `name` fill(null)",
                        "$tag_host GPU $tag_index")
                .influx("SELECT mean(`power_draw`) FROM `amd_rocm_smi` WHERE " + HOST + " " + T + ", `host`, `name`, `gpu_id` fill(null)",
                        "$tag_host $tag_name"), 8, 8);

        d.row("Events");
        d.add(Panel.logs("Events on this host", "Container, disk, alert and agent events from Loki (labels host, source, level).",
                "{host=~\"$host\", " + EVENT_SOURCES + "}"), 24, 8);
        return d.root;
    }

    // ---------------------------------------------------------------------------------------------- Containers

    private static final String CT = HOST + " AND `container_name` =~ /^$container$/";
    private static final String CT_LINK = "/d/" + CONTAINERS_UID + "?var-datasource=${datasource}&var-loki=${loki}"
            + "&var-host=${__data.fields.host}&var-container=${__value.raw}&${__url_time_range}";

    static ObjectNode containers() {
        Dashboard d = new Dashboard(CONTAINERS_UID, "hostpulse / Containers",
                "Every container of the selected hosts (collector docker, Telegraf's docker_container_* names): state, health, CPU, "
                        + "memory, network, block I/O, restarts. Click a container name to show only that container. "
                        + "Events (deaths with exit codes, OOM kills, health changes, restart loops) from Loki.",
                "docker");
        d.influxVariable().lokiVariable()
                .queryVariable("host", "Host", "SHOW TAG VALUES FROM `docker_container_status` WITH KEY = `host`")
                .queryVariableAll("container", "Container",
                        "SHOW TAG VALUES FROM `docker_container_status` WITH KEY = `container_name` WHERE `host` =~ /^$host$/");
        links(d);
        d.lokiAnnotation("Container events", "{host=~\"$host\", source=\"docker\", container_name=~\"$container\"} "
                + "| action=~\"die|oom|restart_loop|health_status\"", "orange");

        d.row("Overview");
        d.add(Panel.stat("Running", "Containers running (engine /info).", "none").thresholds("blue")
                .influx("SELECT last(`n_containers_running`) FROM `docker` WHERE " + HOST + " GROUP BY `host`", "$tag_host"), 4, 4);
        d.add(Panel.stat("Stopped", "Containers not running: exited, created or dead.", "none").thresholds("green", 1, "orange")
                .influx("SELECT last(`n_containers_stopped`) FROM `docker` WHERE " + HOST + " GROUP BY `host`", "$tag_host"), 4, 4);
        d.add(Panel.stat("Restarts", "Restarts by the restart policy in the time range, all containers.", "none")
                .thresholds("green", 1, "orange", 5, "red")
                .influx("SELECT sum(`restarts`) FROM (SELECT spread(`restart_count`) AS `restarts` FROM `docker_container_status` WHERE "
                        + HOST + " GROUP BY `host`, `container_name`) GROUP BY `host`", "$tag_host"), 4, 4);
        d.add(Panel.stat("Unhealthy", "Containers whose healthcheck fails now (none: 0).", "none").thresholds("green", 1, "red").noValue("0")
                .influx("SELECT count(`health`) FROM (SELECT last(`health_status`) AS `health` FROM `docker_container_health` WHERE "
                        + HOST + " GROUP BY `host`, `container_name`) WHERE `health` = 'unhealthy' GROUP BY `host`", "$tag_host"), 4, 4);
        d.add(Panel.stat("Images", "Images on the engine.", "none").thresholds("blue")
                .influx("SELECT last(`n_images`) FROM `docker` WHERE " + HOST + " GROUP BY `host`", "$tag_host"), 4, 4);
        d.add(Panel.stat("Docker networks", "Networks on the engine.", "none").thresholds("blue")
                .influx("SELECT last(`n_networks`) FROM `docker` WHERE " + HOST + " GROUP BY `host`", "$tag_host"), 4, 4);

        d.add(Panel.table("Containers", "One row per container (latest values). State and health are coloured; CPU % of host is "
                        + "0..N×100 like docker stats, % of limit only for containers with a CPU limit. Click a name to drill down.")
                .influxTable("SELECT last(`restart_count`) AS `restarts`, `container_status` AS `state`, `exitcode` AS `exit code`, "
                        + "`oomkilled` AS `OOM killed`, `uptime_ns` / 1000000000 AS `uptime` FROM `docker_container_status` WHERE " + CT
                        + " GROUP BY `host`, `container_name`")
                .influxTable("SELECT last(`health_status`) AS `health`, `failing_streak` AS `failing checks` FROM `docker_container_health` WHERE "
                        + CT + " GROUP BY `host`, `container_name`")
                .influxTable("SELECT last(`usage_percent`) AS `CPU %`, `usage_percent_of_limit` AS `CPU % of limit` FROM `docker_container_cpu` WHERE "
                        + CT + " GROUP BY `host`, `container_name`")
                .influxTable("SELECT last(`usage`) AS `memory`, `limit` AS `memory limit`, `usage_percent` AS `memory %` FROM `docker_container_mem` WHERE "
                        + CT + " GROUP BY `host`, `container_name`")
                .influxTable("SELECT last(`rx`) AS `net rx/s`, last(`tx`) AS `net tx/s` FROM (SELECT non_negative_derivative(last(`rx_bytes`), 1s) AS `rx`, "
                        + "non_negative_derivative(last(`tx_bytes`), 1s) AS `tx` FROM `docker_container_net` WHERE " + CT + " AND `network` = 'total' "
                        + T + ", `host`, `container_name`) GROUP BY `host`, `container_name`")
                .influxTable("SELECT last(`r`) AS `disk read/s`, last(`w`) AS `disk write/s` FROM (SELECT non_negative_derivative(last(`io_service_bytes_recursive_read`), 1s) AS `r`, "
                        + "non_negative_derivative(last(`io_service_bytes_recursive_write`), 1s) AS `w` FROM `docker_container_blkio` WHERE " + CT
                        + " AND `device` = 'total' " + T + ", `host`, `container_name`) GROUP BY `host`, `container_name`")
                .merged()
                .colouredColumn("state", null, null, valueColours("running", "green", "restarting", "red", "exited", "orange",
                        "dead", "red", "paused", "blue", "created", "yellow", "removing", "purple"))
                .colouredColumn("health", null, null, valueColours("healthy", "green", "unhealthy", "red", "starting", "yellow"))
                .colouredColumn("OOM killed", null, null, valueColours("true", "red", "false", "transparent"))
                .colouredColumn("restarts", "none", thresholds("transparent", 1, "orange", 5, "red"), null)
                .colouredColumn("CPU % of limit", "percent", thresholds("green", 80, "orange", 95, "red"), null)
                .colouredColumn("memory %", "percent", thresholds("green", 80, "orange", 95, "red"), null)
                .column("CPU %", "percent").column("memory", "bytes").column("memory limit", "bytes").column("uptime", "dtdurations")
                .column("net rx/s", "Bps").column("net tx/s", "Bps").column("disk read/s", "Bps").column("disk write/s", "Bps")
                .columnLink("container_name", "Only this container", CT_LINK)
                .sortBy("CPU %", true), 24, 10);

        d.row("Top consumers");
        d.add(Panel.timeseries("CPU by container", "CPU % of the host (0..N×100), biggest first in the legend.", "percent")
                .influx("SELECT mean(`usage_percent`) FROM `docker_container_cpu` WHERE " + CT + " " + T + ", `host`, `container_name` fill(null)",
                        "$tag_container_name"), 12, 8);
        d.add(Panel.timeseries("Memory by container", "Memory in use without page cache (docker stats' figure).", "bytes")
                .influx("SELECT mean(`usage`) FROM `docker_container_mem` WHERE " + CT + " " + T + ", `host`, `container_name` fill(null)",
                        "$tag_container_name"), 12, 8);
        d.add(Panel.timeseries("Memory % of limit", "usage / limit: at 100 % the kernel's OOM killer stops the container. "
                        + "Without a limit the limit is the host's memory.", "percent")
                .max(100).thresholds("green", 80, "orange", 95, "red")
                .influx("SELECT mean(`usage_percent`) FROM `docker_container_mem` WHERE " + CT + " " + T + ", `host`, `container_name` fill(null)",
                        "$tag_container_name"), 12, 8);
        d.add(Panel.timeseries("Network by container", "Bytes per second into (rx) and out of (tx) each container, all its interfaces.", "Bps")
                .influx("SELECT non_negative_derivative(last(`rx_bytes`), 1s) AS `rx`, non_negative_derivative(last(`tx_bytes`), 1s) AS `tx` "
                        + "FROM `docker_container_net` WHERE " + CT + " AND `network` = 'total' " + T + ", `host`, `container_name` fill(none)",
                        "$tag_container_name $col"), 12, 8);
        d.add(Panel.timeseries("Block I/O by container", "Bytes per second read and written by each container (blkio, all devices).", "Bps")
                .influx("SELECT non_negative_derivative(last(`io_service_bytes_recursive_read`), 1s) AS `read`, "
                        + "non_negative_derivative(last(`io_service_bytes_recursive_write`), 1s) AS `write` FROM `docker_container_blkio` WHERE "
                        + CT + " AND `device` = 'total' " + T + ", `host`, `container_name` fill(none)", "$tag_container_name $col"), 12, 8);
        d.add(Panel.timeseries("Processes by container", "PIDs in each running container.", "none")
                .influx("SELECT mean(`pids_current`) FROM `docker_container_status` WHERE " + CT + " " + T + ", `host`, `container_name` fill(null)",
                        "$tag_container_name"), 12, 8);

        d.row("Restarts and OOM kills");
        d.add(Panel.bars("Restarts", "Restarts by the restart policy per interval.", "none")
                .thresholds("green", 1, "red")
                .influx("SELECT non_negative_difference(max(`restart_count`)) FROM `docker_container_status` WHERE " + CT + " " + T
                        + ", `host`, `container_name` fill(none)", "$tag_container_name"), 12, 8);
        d.add(Panel.states("OOM killed", "Whether the container's last exit was an OOM kill.")
                .mappings(valueColours("true", "red", "false", "green"))
                .influx("SELECT last(`oomkilled`) FROM `docker_container_status` WHERE " + CT + " " + T + ", `host`, `container_name` fill(none)",
                        "$tag_container_name"), 12, 8);
        d.add(Panel.states("Exit codes", "Last exit code (0 = clean, 137 = killed, 143 = stopped by SIGTERM).")
                .mappings(valueColours("0", "green")).thresholds("green", 1, "red")
                .influx("SELECT last(`exitcode`) FROM `docker_container_status` WHERE " + CT + " " + T + ", `host`, `container_name` fill(none)",
                        "$tag_container_name"), 24, 6);

        d.row("Events");
        d.add(Panel.logs("Container events", "Starts, stops, deaths with exit codes, OOM kills, health changes and restart loops (Loki).",
                "{host=~\"$host\", source=\"docker\", container_name=~\"$container\"}"), 16, 8);
        d.add(Panel.logs("Deaths with an error", "die events with a non-zero exit code.",
                "{host=~\"$host\", source=\"docker\", container_name=~\"$container\"} | action=\"die\" | exit_code!=\"0\""), 8, 8);
        return d.root;
    }

    // ------------------------------------------------------------------------------------------------ Networks

    private static final String NET = HOST + " AND `network` =~ /^$network$/";

    static ObjectNode networks() {
        Dashboard d = new Dashboard(NETWORKS_UID, "hostpulse / Docker networks",
                "Every Docker network (frontend, backend, db, monitoring...): members, traffic in and out, top talkers, and which "
                        + "container is on which network (measurements docker_network and docker_container_network). "
                        + "rx = into the containers.",
                "docker");
        // loki only travels on to the Containers dashboard through the table's container links
        d.influxVariable().lokiVariable()
                .queryVariable("host", "Host", "SHOW TAG VALUES FROM `docker_network` WITH KEY = `host`")
                .queryVariableAll("network", "Network", "SHOW TAG VALUES FROM `docker_network` WITH KEY = `network` WHERE `host` =~ /^$host$/");
        links(d);

        d.row("All networks");
        d.add(Panel.table("Networks", "One row per network: members (running containers attached) and current traffic.")
                .influxTable("SELECT last(`containers`) AS `members`, `rx_bytes_per_second` AS `in/s`, `tx_bytes_per_second` AS `out/s`, "
                        + "`internal` AS `internal` FROM `docker_network` WHERE " + NET + " GROUP BY `host`, `network`, `driver`, `scope`")
                .merged()
                .column("in/s", "Bps").column("out/s", "Bps")
                .colouredColumn("members", "none", thresholds("transparent", 1, "green"), null)
                .columnLink("network", "Only this network", "/d/" + NETWORKS_UID + "?var-datasource=${datasource}&var-host=${__data.fields.host}"
                        + "&var-network=${__value.raw}&${__url_time_range}")
                .sortBy("members", true), 12, 8);
        d.add(Panel.table("Containers × networks", "Which container is on which network, through which interface, and its traffic so far.")
                .influxTable("SELECT last(`rx_bytes`) AS `received`, `tx_bytes` AS `sent`, `rx_errors` + `tx_errors` AS `errors` "
                        + "FROM `docker_container_network` WHERE " + NET + " "
                        + "GROUP BY `host`, `network`, `container_name`, `interface`")
                .merged()
                .column("received", "bytes").column("sent", "bytes")
                .colouredColumn("errors", "none", thresholds("transparent", 1, "red"), null)
                .columnLink("container_name", "Container", CT_LINK)
                .sortBy("network", false), 12, 8);
        d.add(Panel.timeseries("Traffic into networks", "Bytes per second received by the members of each network.", "Bps")
                .influx("SELECT mean(`rx_bytes_per_second`) FROM `docker_network` WHERE " + NET + " " + T + ", `host`, `network` fill(null)",
                        "$tag_network"), 12, 8);
        d.add(Panel.timeseries("Traffic out of networks", "Bytes per second sent by the members of each network.", "Bps")
                .influx("SELECT mean(`tx_bytes_per_second`) FROM `docker_network` WHERE " + NET + " " + T + ", `host`, `network` fill(null)",
                        "$tag_network"), 12, 8);

        d.row("Network map: who talks to whom");
        d.add(Panel.table("Observed edges", "Who talks to whom, from each container's sockets (measurement docker_flow): client, "
                        + "server, the server's port, the network crossed, connections at the last collection and bytes/s where "
                        + "nf_conntrack accounting is on. host = the host or Docker's proxy of a published port; outside = any "
                        + "address off the host. The diagram: hostpulse map, or the live view.")
                .influxTable("SELECT last(`connections`) AS `connections`, `published` AS `published`, `first_seen` * 1000 AS `first seen` "
                        + "FROM `docker_flow` WHERE " + NET + " GROUP BY `host`, `network`, `client`, `server`, `port`, `proto`")
                .merged()
                .column("first seen", "dateTimeAsIso")
                .sortBy("connections", true), 16, 8);
        d.add(Panel.table("Segmentation breaches", "Connections and containers that break a rule of collectors.docker.network_map.rules "
                        + "(measurement docker_segmentation; each is a critical alert, rule segmentation).")
                .influxTable("SELECT last(`violations`) AS `connections`, `message` AS `what` FROM `docker_segmentation` WHERE "
                        + HOST + " GROUP BY `host`, `rule`, `client`, `server`, `port`, `network`")
                .merged()
                .colouredColumn("connections", "none", thresholds("transparent", 1, "red"), null), 8, 8);
        d.add(Panel.timeseries("Connections per edge", "Established connections of each edge over time (docker_flow).", "none")
                .influx("SELECT last(`connections`) FROM `docker_flow` WHERE " + NET + " " + T
                        + ", `host`, `client`, `server`, `port` fill(none)", "$tag_client → $tag_server:$tag_port"), 12, 8);
        d.add(Panel.timeseries("Traffic per edge", "Bytes per second both ways of each edge's connections, from nf_conntrack "
                        + "(needs net.netfilter.nf_conntrack_acct=1 and read access to /proc/net/nf_conntrack).", "Bps")
                .influx("SELECT mean(`bytes_per_second`) FROM `docker_flow` WHERE " + NET + " " + T
                        + ", `host`, `client`, `server`, `port` fill(null)", "$tag_client → $tag_server:$tag_port"), 12, 8);

        d.row("Network $network", "network");
        d.add(Panel.stat("Members", "Running containers attached to $network.", "none").thresholds("orange", 1, "green")
                .influx("SELECT last(`containers`) FROM `docker_network` WHERE " + NET + " GROUP BY `host`", "$tag_host"), 4, 8);
        d.add(Panel.timeseries("Traffic on $network", "In = into the members, out = sent by them.", "Bps")
                .influx("SELECT mean(`rx_bytes_per_second`) AS `in`, mean(`tx_bytes_per_second`) AS `out` FROM `docker_network` WHERE "
                        + NET + " " + T + ", `host` fill(null)", "$tag_host $col"), 10, 8);
        d.add(Panel.timeseries("Top talkers on $network", "Per member container: bytes per second it received (rx) and sent (tx) on $network.", "Bps")
                .influx("SELECT non_negative_derivative(last(`rx_bytes`), 1s) AS `rx`, non_negative_derivative(last(`tx_bytes`), 1s) AS `tx` "
                        + "FROM `docker_container_network` WHERE " + NET + " " + T
                        + ", `host`, `container_name` fill(none)", "$tag_container_name $col"), 10, 8);
        return d.root;
    }

    // --------------------------------------------------------------------------------------------------- Disks

    private static final String DISK = HOST + " AND `serial_no` =~ /^$disk$/";
    private static final String CRITICAL_IDS = "`id` =~ /^(5|10|184|187|188|196|197|198|199)$/";
    private static final ObjectNode VERDICT = valueColours("passed", "green", "warning", "orange", "failed", "red", "unknown", "text");

    static ObjectNode disks() {
        Dashboard d = new Dashboard(DISKS_UID, "hostpulse / Disks",
                "SMART health of every disk (collector smart, measurements smart_device and smart_attribute, Telegraf's inputs.smart names): "
                        + "the verdict and the reason for it, temperatures, power-on hours, the critical attributes and their growth since "
                        + "the baseline, SSD wear, NVMe spare, self-tests. Disks are identified by serial number (device names move "
                        + "between boots). SMART health changes come from Loki.",
                "smart");
        d.influxVariable().lokiVariable()
                .queryVariable("host", "Host", "SHOW TAG VALUES FROM `smart_device` WITH KEY = `host`")
                .queryVariableAll("disk", "Disk (serial)", "SHOW TAG VALUES FROM `smart_device` WITH KEY = `serial_no` WHERE `host` =~ /^$host$/");
        links(d);
        d.lokiAnnotation("SMART health changes", "{host=~\"$host\", source=\"smart\"}", "red");

        d.row("All disks");
        d.add(Panel.table("Disks", "One row per disk: the combined verdict (worst of the drive's own, the thresholds', the failure-rate "
                        + "and the counters' verdicts) and why. Click a serial to show only that disk.")
                .influxTable("SELECT last(`health_status`) AS `verdict`, `health_reason` AS `reason`, `temp_c` AS `temperature`, "
                        + "`power_on_hours` AS `power-on`, `life_remaining_percent` AS `life left`, `failure_rate` AS `annual failure rate`, "
                        + "`reading_age_s` AS `reading age` FROM `smart_device` WHERE " + DISK + " GROUP BY `host`, `device`, `model`, `serial_no`")
                .merged()
                .colouredColumn("verdict", null, null, VERDICT)
                .colouredColumn("temperature", "celsius", thresholds("green", 50, "orange", 60, "red"), null)
                .colouredColumn("life left", "percent", thresholds("red", 10, "orange", 30, "green"), null)
                .colouredColumn("annual failure rate", "percentunit", thresholds("green", 0.1, "orange", 1, "red"), null)
                .column("power-on", "h").column("reading age", "s")
                .columnLink("serial_no", "Only this disk", "/d/" + DISKS_UID + "?var-datasource=${datasource}&var-loki=${loki}"
                        + "&var-host=${__data.fields.host}&var-disk=${__value.raw}&${__url_time_range}")
                .sortBy("verdict", true), 24, 8);
        d.add(Panel.table("Verdict sources", "The four judgements behind each verdict: the drive's own SMART status, the manufacturer "
                        + "thresholds, Backblaze failure rates (hard disks) and hostpulse's counter rules.")
                .influxTable("SELECT last(`health_smart`) AS `drive`, `health_threshold` AS `thresholds`, `health_failure_rate` AS `failure rate`, "
                        + "`health_counters` AS `counters` FROM `smart_device` WHERE " + DISK + " GROUP BY `host`, `model`, `serial_no`")
                .merged()
                .colouredColumn("drive", null, null, VERDICT).colouredColumn("thresholds", null, null, VERDICT)
                .colouredColumn("failure rate", null, null, VERDICT).colouredColumn("counters", null, null, VERDICT), 12, 8);
        d.add(Panel.timeseries("Temperatures", "Every disk's temperature (°C).", "celsius")
                .thresholds("green", 50, "orange", 60, "red")
                .influx("SELECT mean(`temp_c`) FROM `smart_device` WHERE " + DISK + " " + T + ", `host`, `model`, `serial_no` fill(none)",
                        "$tag_model $tag_serial_no"), 12, 8);

        d.row("Disk $disk", "disk");
        d.add(Panel.stat("Verdict", "passed, warning, failed, or unknown (nothing to judge by; never bad in itself).", "none")
                .mappings(VERDICT).option("reduceOptions", Grafana.obj().put("values", false).put("fields", "/.*/")
                        .set("calcs", Grafana.arr().add("lastNotNull")))
                .influx("SELECT last(`health_status`) FROM `smart_device` WHERE " + DISK, "verdict"), 4, 6);
        d.add(Panel.text("Reason", "The attributes and values that decided the verdict.")
                .influx("SELECT last(`health_reason`) FROM `smart_device` WHERE " + DISK, "reason"), 12, 6);
        d.add(Panel.stat("Power-on", "Power-on hours.", "h").thresholds("blue")
                .influx("SELECT last(`power_on_hours`) FROM `smart_device` WHERE " + DISK, "power-on"), 4, 6);
        d.add(Panel.stat("Model", "Model and device path (the path is display only).", "none")
                .option("reduceOptions", Grafana.obj().put("values", false).put("fields", "/.*/").set("calcs", Grafana.arr().add("lastNotNull")))
                .influx("SELECT last(`firmware`) AS `firmware` FROM `smart_device` WHERE " + DISK + " GROUP BY `model`, `device`",
                        "$tag_model $tag_device firmware"), 4, 6);
        d.add(Panel.timeseries("Temperature", "Drive temperature (°C).", "celsius")
                .thresholds("green", 50, "orange", 60, "red")
                .influx("SELECT mean(`temp_c`) FROM `smart_device` WHERE " + DISK + " " + T + " fill(none)", "temperature"), 8, 8);
        d.add(Panel.timeseries("Critical attributes", "Raw values of the ATA attributes that predict failure (5, 10, 184, 187, 188, 196, "
                        + "197, 198) and CRC errors (199, a cable problem): above 0 is a warning, growing is a failure trend.", "none")
                .thresholds("green", 1, "red")
                .influx("SELECT last(`raw_value`) FROM `smart_attribute` WHERE " + DISK + " AND " + CRITICAL_IDS + " " + T
                        + ", `id`, `name` fill(none)", "$tag_id $tag_name"), 8, 8);
        d.add(Panel.timeseries("Growth since baseline", "How much each critical counter grew since the baseline (reset with baseline_reset).", "none")
                .thresholds("green", 1, "red")
                .influx("SELECT last(`increase_since_baseline`) FROM `smart_attribute` WHERE " + DISK + " AND " + CRITICAL_IDS + " " + T
                        + ", `id`, `name` fill(none)", "$tag_name"), 8, 8);
        d.add(Panel.timeseries("SSD life left", "Remaining rated endurance (NVMe: 100 − percentage_used; SATA: the vendor's wear attribute).", "percent")
                .max(100).thresholds("red", 10, "orange", 30, "green")
                .influx("SELECT last(`life_remaining_percent`) FROM `smart_device` WHERE " + DISK + " " + T + " fill(none)", "life left"), 8, 8);
        d.add(Panel.timeseries("NVMe spare and wear", "available_spare against its threshold, and percentage_used (may pass 100).", "percent")
                .influx("SELECT last(`available_spare`) AS `spare`, last(`available_spare_threshold`) AS `spare threshold`, "
                        + "last(`percentage_used`) AS `used` FROM `smart_device` WHERE " + DISK + " " + T + " fill(none)", "$col"), 8, 8);
        d.add(Panel.timeseries("Error counters", "Error-log entries, NVMe media errors and unsafe shutdowns.", "none")
                .influx("SELECT last(`error_log_count`) AS `error log`, last(`media_errors`) AS `media errors`, "
                        + "last(`unsafe_shutdowns`) AS `unsafe shutdowns` FROM `smart_device` WHERE " + DISK + " " + T + " fill(none)", "$col"), 8, 8);
        d.add(Panel.table("Self-tests", "The newest self-test and how many failed.")
                .influxTable("SELECT last(`self_test_last_type`) AS `last test`, `self_test_last_result` AS `result`, "
                        + "`self_test_last_age_hours` AS `hours ago`, `self_test_failed_count` AS `failed tests` FROM `smart_device` WHERE "
                        + DISK + " GROUP BY `serial_no`")
                .merged()
                .colouredColumn("failed tests", "none", thresholds("green", 1, "red"), null)
                .column("hours ago", "h"), 12, 6);
        d.add(Panel.table("All attributes", "Every ATA attribute: normalized value, worst, threshold and raw value; failing ones in red.")
                .influxTable("SELECT last(`value`) AS `value`, `worst` AS `worst`, `threshold` AS `threshold`, `raw_value` AS `raw`, "
                        + "`status` AS `status` FROM `smart_attribute` WHERE " + DISK + " GROUP BY `id`, `name`, `flags`")
                .merged()
                .colouredColumn("status", null, null, VERDICT), 12, 6);

        d.row("Events");
        d.add(Panel.logs("SMART health changes", "passed → warning → failed and back, with the reason (Loki).",
                "{host=~\"$host\", source=\"smart\"}"), 24, 8);
        return d.root;
    }

    // --------------------------------------------------------------------------------------------------- Agent

    private static final String AG = "FROM `hostpulse_agent` WHERE " + HOST;

    static ObjectNode agent() {
        Dashboard d = new Dashboard(AGENT_UID, "hostpulse / Agent",
                "The agent's own health (measurement hostpulse_agent): how long each collector takes and how often it fails, what "
                        + "each output wrote, retried, dropped, buffers and spools, the JVM's memory, and the agent's CPU and RSS.",
                "agent");
        d.influxVariable().queryVariable("host", "Host", "SHOW TAG VALUES FROM `hostpulse_agent` WITH KEY = `host`");
        links(d);

        d.row("Overview");
        d.add(Panel.stat("Agent uptime", "Since the agent process started.", "dtdurations").thresholds("orange", 600, "green")
                .influx("SELECT last(`process_uptime_seconds`) " + AG + " GROUP BY `host`", "$tag_host"), 6, 4);
        d.add(Panel.stat("Resident memory", "The agent's RSS (VmRSS).", "bytes").thresholds("green", 200e6, "orange", 400e6, "red")
                .influx("SELECT last(`process_resident_memory`) " + AG + " GROUP BY `host`", "$tag_host"), 6, 4);
        d.add(Panel.stat("Agent CPU", "CPU used by the agent, as a share of the whole machine.", "percentunit")
                .decimals(2).thresholds("green", 0.05, "orange", 0.2, "red")
                .influx("SELECT mean(`process_cpu_usage`) " + AG + " GROUP BY `host`", "$tag_host"), 6, 4);
        d.add(Panel.stat("Collectors failing", "Collectors whose last run had an error.", "none").thresholds("green", 1, "red")
                .influx("SELECT sum(`failing`) FROM (SELECT 1 - last(`collector_success`) AS `failing` " + AG + " AND `collector` != '' "
                        + "GROUP BY `host`, `collector`) GROUP BY `host`", "$tag_host"), 6, 4);

        d.row("Collectors");
        d.add(Panel.timeseries("Collection time", "Mean duration of one collection per collector, over each interval.", "s")
                .influx("SELECT non_negative_derivative(last(`collector_duration_sum_seconds`)) / non_negative_derivative(last(`collector_duration_count`)) "
                        + AG + " " + T + ", `host`, `collector` fill(none)", "$tag_host $tag_collector"), 8, 8);
        d.add(Panel.timeseries("Slowest collection", "Recent maximum duration of one collection per collector.", "s")
                .influx("SELECT max(`collector_duration_max_seconds`) " + AG + " " + T + ", `host`, `collector` fill(none)",
                        "$tag_host $tag_collector"), 8, 8);
        d.add(Panel.bars("Collector errors", "Failed collections and failed parts (one container, one disk) per interval.", "none")
                .thresholds("green", 1, "red")
                .influx("SELECT non_negative_difference(max(`collector_errors`)) " + AG + " " + T + ", `host`, `collector` fill(none)",
                        "$tag_host $tag_collector"), 8, 8);
        d.add(Panel.states("Collector success", "1 = the last collection had no error.")
                .mappings(valueColours("1", "green", "0", "red"))
                .influx("SELECT last(`collector_success`) " + AG + " AND `collector` != '' " + T + ", `host`, `collector` fill(none)",
                        "$tag_host $tag_collector"), 12, 8);
        d.add(Panel.timeseries("Points collected", "Points per second per collector.", "short")
                .influx("SELECT non_negative_derivative(max(`collector_points`), 1s) " + AG + " " + T + ", `host`, `collector` fill(none)",
                        "$tag_host $tag_collector"), 12, 8);

        d.row("Outputs");
        d.add(Panel.timeseries("Points written", "Points (events, for Loki) per second acknowledged by each output's server.", "short")
                .influx("SELECT non_negative_derivative(max(`output_points_written`), 1s) " + AG + " " + T + ", `host`, `output` fill(none)",
                        "$tag_host $tag_output"), 8, 8);
        d.add(Panel.timeseries("Points retried and dropped", "Per second: kept for a retry after a failed write, and lost (by reason: "
                        + "overflow, rejected, too_large, unencodable, corrupt, shutdown).", "short")
                .thresholds("green", 0.001, "red")
                .influx("SELECT non_negative_derivative(max(`output_points_retried`), 1s) AS `retried` " + AG + " " + T
                        + ", `host`, `output` fill(none)", "$tag_host $tag_output $col")
                .influx("SELECT non_negative_derivative(max(`output_points_dropped`), 1s) AS `dropped` " + AG + " " + T
                        + ", `host`, `output`, `reason` fill(none)", "$tag_host $tag_output $col $tag_reason"), 8, 8);
        d.add(Panel.timeseries("Buffered and spooled", "Points queued in memory (left axis) and bytes of spool files on disk (right).", "short")
                .influx("SELECT mean(`output_buffer_points`) AS `buffered points` " + AG + " " + T + ", `host`, `output` fill(null)",
                        "$tag_host $tag_output $col")
                .influx("SELECT mean(`output_spool_bytes`) AS `spool bytes` " + AG + " " + T + ", `host`, `output` fill(null)",
                        "$tag_host $tag_output $col")
                .override("/spool bytes$/", "unit", "bytes", "custom.axisPlacement", "right"), 8, 8);
        d.add(Panel.timeseries("Write latency", "Mean duration of one write attempt per output (failed ones included).", "s")
                .influx("SELECT non_negative_derivative(last(`output_write_latency_sum_seconds`)) / non_negative_derivative(last(`output_write_latency_count`)) "
                        + AG + " " + T + ", `host`, `output` fill(none)", "$tag_host $tag_output"), 12, 8);
        d.add(Panel.timeseries("Events produced", "Events per second by source (docker, smart, alert, agent).", "short")
                .influx("SELECT non_negative_derivative(max(`events`), 1s) " + AG + " " + T + ", `host`, `source` fill(none)",
                        "$tag_host $tag_source"), 12, 8);

        d.row("JVM and process");
        d.add(Panel.timeseries("JVM memory", "Heap and non-heap in use (sum of the pools) and the heap maximum.", "bytes")
                .influx("SELECT sum(`used`) FROM (SELECT mean(`jvm_memory_used`) AS `used` " + AG + " " + T + ", `host`, `area`, `id`) "
                        + "WHERE $timeFilter " + T + ", `host`, `area` fill(none)", "$tag_host $tag_area")
                .influx("SELECT sum(`max`) FROM (SELECT mean(`jvm_memory_max`) AS `max` " + AG + " AND `area` = 'heap' " + T + ", `host`, `id`) "
                        + "WHERE $timeFilter " + T + ", `host` fill(none)", "$tag_host heap max"), 8, 8);
        d.add(Panel.timeseries("Agent CPU and RSS", "The agent's CPU share of the machine (left) and resident memory (right).", "percentunit")
                .influx("SELECT mean(`process_cpu_usage`) AS `cpu` " + AG + " " + T + ", `host` fill(null)", "$tag_host $col")
                .influx("SELECT mean(`process_resident_memory`) AS `rss` " + AG + " " + T + ", `host` fill(null)", "$tag_host $col")
                .override("/rss$/", "unit", "bytes", "custom.axisPlacement", "right"), 8, 8);
        d.add(Panel.timeseries("GC time", "Share of time spent in garbage-collection pauses.", "percentunit")
                .influx("SELECT non_negative_derivative(max(`jvm_gc_pause_sum_seconds`), 1s) " + AG + " " + T + ", `host`, `gc` fill(none)",
                        "$tag_host $tag_gc"), 8, 8);
        return d.root;
    }

    // -------------------------------------------------------------------------------------------------- Events

    static ObjectNode events() {
        Dashboard d = new Dashboard(EVENTS_UID, "hostpulse / Events",
                "Everything that happened, from Loki (the agent's loki output): container deaths with exit codes, OOM kills, health "
                        + "changes, restart loops, SMART health changes, alert transitions, agent starts, stops and output outages. "
                        + "Stream labels: host, source, level, compose_project, compose_service, container_name; the rest is structured "
                        + "metadata (action, exit_code, health_status, device...).",
                "events");
        d.influxVariable().lokiVariable().queryVariable("host", "Host", "SHOW TAG VALUES FROM `system` WITH KEY = `host`");
        links(d);
        d.lokiAnnotation("Warnings and errors", "{host=~\"$host\", " + EVENT_SOURCES + ", level=~\"warning|error\"}", "red");

        d.add(Panel.lokiBars("Events per interval", "By source and level.",
                "sum by (source, level) (count_over_time({host=~\"$host\", " + EVENT_SOURCES + "} [$__interval]))", "{{source}} {{level}}"), 24, 6);
        d.add(Panel.logs("All events", "Newest first.", "{host=~\"$host\", " + EVENT_SOURCES + "}"), 24, 10);
        d.add(Panel.logs("Container deaths with an error", "die events with a non-zero exit code (137 = killed, 143 = SIGTERM).",
                "{host=~\"$host\", source=\"docker\"} | action=\"die\" | exit_code!=\"0\""), 12, 8);
        d.add(Panel.logs("OOM kills", "Containers killed by the kernel's OOM killer.",
                "{host=~\"$host\", source=\"docker\"} | action=\"oom\""), 12, 8);
        d.add(Panel.logs("Health changes", "healthcheck status changes.",
                "{host=~\"$host\", source=\"docker\"} | action=\"health_status\""), 12, 8);
        d.add(Panel.logs("Restart loops", "Containers restarting over and over (agent.restart_loop).",
                "{host=~\"$host\", source=\"docker\", level=\"error\"} | action=\"restart_loop\""), 12, 8);
        d.add(Panel.logs("SMART health changes", "Disk verdict changes with the reason.", "{host=~\"$host\", source=\"smart\"}"), 12, 8);
        d.add(Panel.logs("Alert transitions", "Alerts firing and resolved.", "{host=~\"$host\", source=\"alert\"}"), 12, 8);
        d.add(Panel.logs("Agent starts, stops and output outages", "From the agent itself.",
                "{host=~\"$host\", source=\"agent\"} | action=~\"start|stop|output_outage|output_recovered\""), 12, 8);
        d.add(Panel.logs("Agent warnings and errors", "The agent's own log lines at warning and above.",
                "{host=~\"$host\", source=\"agent_log\", level=~\"warning|error\"}"), 12, 8);
        return d.root;
    }
}
