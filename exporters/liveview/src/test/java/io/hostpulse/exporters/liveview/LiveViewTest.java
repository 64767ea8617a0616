package io.hostpulse.exporters.liveview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The snapshot document built from scripted batches: every number is the point's own field, joins are right. */
class LiveViewTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static final String ID = "3f1b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809";

    static LiveView view() {
        return new LiveView(LiveViewConfig.defaults(), Clock.fixed(T0, ZoneOffset.UTC));
    }

    static List<Point> hostBatch(Instant t, long readBytes, long recv, double cpu) {
        return List.of(
                Point.builder("cpu").tag("cpu", "cpu-total").tag("host", "nas").field("usage_active", cpu).time(t).build(),
                Point.builder("cpu").tag("cpu", "cpu0").tag("host", "nas").field("usage_active", cpu).time(t).build(),
                Point.builder("mem").tag("host", "nas").field("used_percent", 42.5).field("total", 8L << 30).time(t).build(),
                Point.builder("system").tag("host", "nas").field("load1", 0.5).field("uptime", 3600L).time(t).build(),
                Point.builder("disk").tag("path", "/").tag("fstype", "ext4").field("used_percent", 91.0).time(t).build(),
                Point.builder("diskio").tag("name", "sda").field("read_bytes", readBytes).field("write_bytes", 0L).time(t).build(),
                Point.builder("net").tag("interface", "eth0").field("bytes_recv", recv).field("bytes_sent", 0L).time(t).build());
    }

    static List<Point> dockerBatch(Instant t) {
        return List.of(
                Point.builder("docker_container_status").tag("container_name", "plex").tag("container_status", "running")
                        .tag("container_image", "plexinc/pms").field("container_id", ID).field("restart_count", 2L).time(t).build(),
                Point.builder("docker_container_cpu").tag("container_name", "plex").tag("cpu", "cpu-total")
                        .field("usage_percent", 180.5).time(t).build(),
                Point.builder("docker_container_mem").tag("container_name", "plex").field("usage", 1L << 30)
                        .field("limit", 4L << 30).time(t).build(),
                Point.builder("docker_container_network").tag("container_name", "plex").tag("network", "media")
                        .tag("interface", "eth0").field("rx_bytes", 10L).time(t).build(),
                Point.builder("docker_container_status").tag("container_name", "old").tag("container_status", "exited")
                        .field("container_id", "x").field("exitcode", 1L).time(t).build(),
                Point.builder("docker_network").tag("network", "media").tag("driver", "bridge").field("containers", 1L)
                        .field("rx_bytes_per_second", 12.5).time(t).build());
    }

    static JsonNode snap(LiveView v) throws Exception {
        return JSON.readTree(v.snapshotJson());
    }

    @Test
    void hostNumbersAreThePointsFieldsAndRatesComeFromTwoBatches() throws Exception {
        LiveView v = view();
        v.accept(hostBatch(T0, 1000, 5000, 12.0));
        JsonNode s = snap(v);
        assertThat(s.path("api").asText()).isEqualTo("hostpulse/v1");
        assertThat(s.path("host").asText()).isEqualTo("nas");
        assertThat(s.at("/host_metrics/mem/used_percent").asDouble()).isEqualTo(42.5);
        assertThat(s.at("/host_metrics/cpu/total/usage_active").asDouble()).isEqualTo(12.0);
        assertThat(s.at("/host_metrics/cpu/cores/0/cpu").asText()).isEqualTo("cpu0");
        assertThat(s.at("/host_metrics/filesystems/0/used_percent").asDouble()).isEqualTo(91.0);
        assertThat(s.at("/host_metrics/diskio/0").has("read_bytes_per_second")).isFalse(); // one batch: no rate yet
        v.accept(hostBatch(T0.plusSeconds(10), 21000, 5000 + 10 * 1024, 50.0));
        s = snap(v);
        assertThat(s.at("/host_metrics/diskio/0/read_bytes_per_second").asDouble()).isEqualTo(2000.0);
        assertThat(s.at("/host_metrics/diskio/0/read_bytes").asLong()).isEqualTo(21000);
        assertThat(s.at("/host_metrics/net/0/recv_bytes_per_second").asDouble()).isEqualTo(1024.0);
        assertThat(s.at("/spark/values/cpu:cpu0").asDouble()).isEqualTo(50.0);
        JsonNode h = JSON.readTree(v.historyJson());
        assertThat(h.at("/series/cpu:cpu0")).hasSize(2);
        assertThat(h.at("/series/cpu:cpu0/1/1").asDouble()).isEqualTo(50.0);
        assertThat(h.at("/series/diskio:sda:read/0/1").asDouble()).isEqualTo(2000.0);
    }

    @Test
    void historyIsBoundedToTheWindow() throws Exception {
        LiveView v = view();
        for (int i = 0; i <= 100; i++) {
            v.accept(hostBatch(T0.plusSeconds(i * 10L), i, i, i));
        }
        JsonNode h = JSON.readTree(v.historyJson());
        // 15 minutes at 10 s: the points at 1000-900 .. 1000 s are kept, 91 of them
        assertThat(h.at("/series/cpu:cpu0")).hasSize(91);
        assertThat(h.at("/series/cpu:cpu0/0/0").asDouble()).isEqualTo(T0.plusSeconds(100).getEpochSecond());
    }

    @Test
    void containersNetworksAndProcessesAreJoinedByName() throws Exception {
        LiveView v = view();
        v.accept(dockerBatch(T0));
        Point proc = Point.builder("procstat").tag("process_name", "Plex Media Serv").tag("pid", "77").field("pid", 77L)
                .field("cpu_usage", 180.0).field("container_id", ID).time(T0).build();
        v.processSource(() -> List.of(proc));
        v.accept(hostBatch(T0, 0, 0, 1));
        JsonNode s = snap(v);
        JsonNode plex = s.at("/containers/1");
        assertThat(plex.path("name").asText()).isEqualTo("plex");
        assertThat(plex.path("state").asText()).isEqualTo("running");
        assertThat(plex.path("id").asText()).isEqualTo(ID);
        assertThat(plex.at("/cpu/usage_percent").asDouble()).isEqualTo(180.5);
        assertThat(plex.at("/mem/limit").asLong()).isEqualTo(4L << 30);
        assertThat(plex.at("/status/restart_count").asLong()).isEqualTo(2);
        assertThat(s.at("/containers/0/state").asText()).isEqualTo("exited");
        assertThat(s.at("/networks/0/network").asText()).isEqualTo("media");
        assertThat(s.at("/networks/0/members/0").asText()).isEqualTo("plex"); // from docker_container_network
        assertThat(plex.path("tags").has("interface")).isFalse(); // a row's own tags are not the container's
        assertThat(plex.at("/tags/container_image").asText()).isEqualTo("plexinc/pms");
        assertThat(s.at("/networks/0/rx_bytes_per_second").asDouble()).isEqualTo(12.5);
        assertThat(s.at("/processes/0/container_name").asText()).isEqualTo("plex");
        assertThat(s.at("/processes/0/cpu_usage").asDouble()).isEqualTo(180.0);
        JsonNode section = JSON.readTree(v.sectionJson("containers"));
        assertThat(section.path("containers")).isEqualTo(s.path("containers"));
    }

    @Test
    void containerNetworkAndBlockRatesFromTwoDockerBatches() throws Exception {
        LiveView v = view();
        for (int i = 0; i < 2; i++) {
            Instant t = T0.plusSeconds(10L * i);
            v.accept(List.of(
                    Point.builder("docker_container_status").tag("container_name", "plex").field("container_id", ID).time(t).build(),
                    Point.builder("docker_container_net").tag("container_name", "plex").tag("network", "total")
                            .field("rx_bytes", 1000L + i * 20480L).field("tx_bytes", 500L).time(t).build(),
                    Point.builder("docker_container_blkio").tag("container_name", "plex").tag("device", "total")
                            .field("io_service_bytes_recursive_read", 0L).field("io_service_bytes_recursive_write", i * 1000L).time(t).build()));
            if (i == 0) {
                assertThat(snap(v).at("/containers/0").has("rates")).isFalse();
            }
        }
        JsonNode r = snap(v).at("/containers/0/rates");
        assertThat(r.path("rx_bytes_per_second").asDouble()).isEqualTo(2048.0);
        assertThat(r.path("tx_bytes_per_second").asDouble()).isEqualTo(0.0);
        assertThat(r.path("write_bytes_per_second").asDouble()).isEqualTo(100.0);
        assertThat(snap(v).at("/containers/0/net/rx_bytes").asLong()).isEqualTo(1000L + 20480L);
    }

    @Test
    void aLaterDockerBatchReplacesTheEarlierOne() throws Exception {
        LiveView v = view();
        v.accept(dockerBatch(T0));
        v.accept(List.of(Point.builder("docker").field("n_containers", 0L).time(T0.plusSeconds(10)).build()));
        assertThat(snap(v).path("containers")).isEmpty();
    }

    @Test
    void disksCarryTheirAttributes() throws Exception {
        LiveView v = view();
        v.accept(List.of(
                Point.builder("smart_device").tag("device", "/dev/sda").tag("model", "ST3500418AS").field("health_status", "failed")
                        .field("health_reason", "5 Reallocated_Sector_Ct: 304 sectors reallocated").field("temp_c", 38L).time(T0).build(),
                Point.builder("smart_attribute").tag("device", "/dev/sda").tag("id", "5").tag("name", "Reallocated_Sector_Ct")
                        .field("raw_value", 304L).field("status", "failed").field("status_reason", "304 reallocated").time(T0).build()));
        JsonNode d = snap(v).at("/disks/0");
        assertThat(d.path("health_status").asText()).isEqualTo("failed");
        assertThat(d.path("health_reason").asText()).contains("Reallocated");
        assertThat(d.at("/attributes/0/name").asText()).isEqualTo("Reallocated_Sector_Ct");
        assertThat(d.at("/attributes/0/status_reason").asText()).isEqualTo("304 reallocated");
    }

    @Test
    void alertsFireAndResolveFromAlertEventsAndColourTheHeader() throws Exception {
        LiveView v = view();
        Map<String, String> meta = Map.of("value", "97", "threshold", "> 90", "since", T0.toString(), "measurement", "cpu",
                "cpu", "cpu-total");
        v.accept(new Event(T0, "alert", "error", "critical: CPU 97% (> 90) for 5m",
                Map.of("rule", "cpu_high", "level", "critical", "status", "firing", "subsystem", "host"), meta));
        JsonNode s = snap(v);
        assertThat(s.at("/alerts/0/rule").asText()).isEqualTo("cpu_high");
        assertThat(s.at("/alerts/0/message").asText()).isEqualTo("CPU 97% (> 90) for 5m");
        assertThat(s.at("/levels/cpu").asText()).isEqualTo("critical");
        assertThat(s.at("/levels/mem").asText()).isEqualTo("ok");
        assertThat(s.at("/events/0/source").asText()).isEqualTo("alert");
        Map<String, String> later = new java.util.HashMap<>(meta);
        later.put("value", "20");
        v.accept(new Event(T0.plusSeconds(60), "alert", "info", "resolved: CPU 20%",
                Map.of("rule", "cpu_high", "level", "critical", "status", "resolved", "subsystem", "host"), later));
        s = snap(v);
        assertThat(s.path("alerts")).isEmpty();
        assertThat(s.at("/levels/cpu").asText()).isEqualTo("ok");
        assertThat(JSON.readTree(v.eventsJson()).path("events")).hasSize(2);
    }

    @Test
    void eventsAreBounded() throws Exception {
        LiveView v = new LiveView(new LiveViewConfig("liveview", "", "", "", Duration.ofMinutes(15), 10),
                Clock.fixed(T0, ZoneOffset.UTC));
        for (int i = 0; i < 25; i++) {
            v.accept(new Event(T0.plusSeconds(i), "docker", "info", "event " + i, Map.of(), Map.of()));
        }
        JsonNode e = JSON.readTree(v.eventsJson()).path("events");
        assertThat(e).hasSize(10);
        assertThat(e.get(0).path("message").asText()).isEqualTo("event 15");
        assertThat(snap(v).at("/events/0/message").asText()).isEqualTo("event 24"); // newest first in the snapshot
    }

    @Test
    void subscribersGetEachNewSnapshot() throws Exception {
        LiveView v = view();
        List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        v.subscribe(got::add);
        v.accept(hostBatch(T0, 0, 0, 1));
        long until = System.nanoTime() + 5_000_000_000L;
        while (got.isEmpty() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(got).hasSize(1);
        assertThat(JSON.readTree(got.get(0)).path("sequence").asLong()).isEqualTo(snap(v).path("sequence").asLong());
        v.close();
    }

    @Test
    void theSnapshotSaysWhetherThereIsAMapAndSubscribersLearnWhenItChanges() throws Exception {
        LiveView v = view();
        assertThat(snap(v).path("map").asBoolean(true)).isFalse();
        assertThat(v.map("json")).isNull();
        List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        v.subscribe(got::add);
        v.mapSource(format -> format + " map");
        assertThat(snap(v).path("map").asBoolean()).isTrue();
        assertThat(v.map("plantuml")).isEqualTo("plantuml map");
        long until = System.nanoTime() + 5_000_000_000L;
        while (got.isEmpty() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(got).hasSize(1);
        assertThat(JSON.readTree(got.get(0)).path("map").asBoolean()).isTrue();
        v.mapSource(null);
        assertThat(snap(v).path("map").asBoolean(true)).isFalse();
        v.close();
    }

    /** Shaped as the sensors collector writes them for the node_exporter sysfs recording (collectors/sensors README). */
    static List<Point> sensorsBatch(Instant t) {
        return List.of(
                Point.builder("sensors").tag("chip", "coretemp-isa-0000").tag("feature", "physical_id_0").tag("host", "nas")
                        .field("temp_crit", 100.0).field("temp_crit_alarm", 0.0).field("temp_input", 55.0).field("temp_max", 84.0).time(t).build(),
                Point.builder("sensors").tag("chip", "coretemp-isa-0000").tag("feature", "core_1")
                        .field("temp_crit", 100.0).field("temp_input", 84.0).field("temp_max", 84.0).time(t).build(),
                Point.builder("sensors").tag("chip", "nvme-pci-0100").tag("feature", "composite")
                        .field("temp_crit", 94.85).field("temp_input", 95.85).field("temp_max", 84.85).time(t).build(),
                Point.builder("sensors").tag("chip", "nvme-pci-0100").tag("feature", "sensor_1").field("temp_input", 143.85).time(t).build(),
                Point.builder("sensors").tag("chip", "applesmc-isa-0300").tag("feature", "right_side")
                        .field("fan_input", 1998.0).field("fan_min", 2000.0).time(t).build(),
                Point.builder("sensors").tag("chip", "nct6779-isa-0290").tag("feature", "in0").field("in_input", 0.792).field("in_max", 1.744).time(t).build(),
                Point.builder("sensors").tag("chip", "amdgpu-pci-0300").tag("feature", "ppt").field("power_average", 38.0).time(t).build(),
                Point.builder("temp").tag("sensor", "coretemp_physical_id_0").field("temp", 55.0).time(t).build(),
                Point.builder("temp").tag("sensor", "acpitz").field("temp", 27.8).time(t).build(),
                Point.builder("rapl").tag("name", "package-0").tag("power_zone", "intel-rapl:0")
                        .field("energy_joules", 300.0).field("power_watts", 50.0).time(t).build(),
                Point.builder("power_supply").tag("supply", "BAT0").tag("type", "Battery").field("capacity", 87L)
                        .field("status", "Discharging").field("power_now", 9.5).time(t).build());
    }

    static List<Point> nvidiaBatch(Instant t, long temperature) {
        return List.of(
                Point.builder("nvidia_smi").tag("index", "0").tag("name", "Tesla T4").tag("uuid", "GPU-d37e67a5-91dd-3774-a5cb-99096249601a")
                        .field("temperature_gpu", temperature).field("temperature_gpu_slowdown_threshold", 93L)
                        .field("temperature_gpu_shutdown_threshold", 96L).field("utilization_gpu", 0L).field("memory_used", 1032L)
                        .field("memory_total", 15360L).field("power_draw", 26.78).field("top_process", "python (pid 5762, 1005 MiB)").time(t).build(),
                Point.builder("nvidia_smi_process").tag("index", "0").tag("pid", "5762").field("used_memory", 1005L).time(t).build());
    }

    @Test
    void sensorsAreThePointsAsTheyAreAndTemperaturesAreLevelledByTheirOwnLimits() throws Exception {
        LiveView v = view();
        assertThat(snap(v).at("/sensors/temperatures")).isEmpty(); // a host without sensors: the page hides the panel
        v.accept(sensorsBatch(T0));
        v.accept(nvidiaBatch(T0, 40));
        JsonNode s = JSON.readTree(v.sectionJson("sensors"));
        assertThat(s.path("api").asText()).isEqualTo("hostpulse/v1");
        assertThat(s.at("/collected/sensors").asText()).isEqualTo(T0.toString());
        assertThat(s.at("/collected/nvidia_smi").asText()).isEqualTo(T0.toString());
        JsonNode temps = s.at("/sensors/temperatures");
        assertThat(temps).hasSize(4);
        assertThat(temps.get(0).path("chip").asText()).isEqualTo("coretemp-isa-0000");
        assertThat(temps.get(0).path("feature").asText()).isEqualTo("physical_id_0");
        assertThat(temps.get(0).path("temp_input").asDouble()).isEqualTo(55.0);
        assertThat(temps.get(0).path("temp_max").asDouble()).isEqualTo(84.0);
        assertThat(temps.get(0).path("temp_crit").asDouble()).isEqualTo(100.0);
        assertThat(temps.get(0).has("host")).isFalse();
        assertThat(texts(temps, "level")).containsExactly(
                "ok",        // 55 below its max 84
                "warning",   // 84 at its max, below its crit
                "critical",  // 95.85 at/over its crit 94.85
                "ok");       // 143.85 but the chip gives no limits: none are made up
        assertThat(s.at("/sensors/temp")).hasSize(2);
        assertThat(s.at("/sensors/temp/1/sensor").asText()).isEqualTo("acpitz");
        assertThat(s.at("/sensors/temp/1/temp").asDouble()).isEqualTo(27.8);
        assertThat(s.at("/sensors/fans/0/fan_input").asDouble()).isEqualTo(1998.0);
        assertThat(s.at("/sensors/fans/0/fan_min").asDouble()).isEqualTo(2000.0);
        assertThat(s.at("/sensors/fans/0/feature").asText()).isEqualTo("right_side");
        assertThat(s.at("/sensors/voltages/0/in_input").asDouble()).isEqualTo(0.792);
        assertThat(s.at("/sensors/voltages/0/chip").asText()).isEqualTo("nct6779-isa-0290");
        assertThat(s.at("/sensors/chip_power/0/power_average").asDouble()).isEqualTo(38.0);
        assertThat(s.at("/sensors/rapl/0/power_watts").asDouble()).isEqualTo(50.0);
        assertThat(s.at("/sensors/rapl/0/power_zone").asText()).isEqualTo("intel-rapl:0");
        assertThat(s.at("/sensors/power_supply/0/capacity").asLong()).isEqualTo(87);
        assertThat(s.at("/sensors/power_supply/0/status").asText()).isEqualTo("Discharging");
        JsonNode gpus = s.at("/sensors/gpus");
        assertThat(gpus).hasSize(1); // the per-process rows are not GPUs
        JsonNode gpu = gpus.get(0);
        assertThat(gpu.path("vendor").asText()).isEqualTo("nvidia");
        assertThat(gpu.path("name").asText()).isEqualTo("Tesla T4");
        assertThat(gpu.path("index").asText()).isEqualTo("0");
        assertThat(gpu.path("memory_used").asLong()).isEqualTo(1032); // MiB, as nvidia-smi says: not converted
        assertThat(gpu.path("memory_total").asLong()).isEqualTo(15360);
        assertThat(gpu.path("power_draw").asDouble()).isEqualTo(26.78);
        assertThat(gpu.path("top_process").asText()).isEqualTo("python (pid 5762, 1005 MiB)");
        assertThat(gpu.path("level").asText()).isEqualTo("ok");
        assertThat(snap(v).path("sensors")).isEqualTo(s.path("sensors"));
        // the GPU at its slowdown and its shutdown temperature
        v.accept(nvidiaBatch(T0.plusSeconds(10), 93));
        assertThat(snap(v).at("/sensors/gpus/0/level").asText()).isEqualTo("warning");
        v.accept(nvidiaBatch(T0.plusSeconds(20), 96));
        assertThat(snap(v).at("/sensors/gpus/0/level").asText()).isEqualTo("critical");
        assertThat(snap(v).at("/sensors/temperatures")).hasSize(4); // a GPU batch leaves the sensors batch alone
    }

    @Test
    void anAmdCardIsAGpuWithItsOwnFields() throws Exception {
        LiveView v = view();
        v.accept(List.of(Point.builder("amd_rocm_smi").tag("name", "card0").tag("gpu_id", "0x73bf").field("utilization_gpu", 37L)
                .field("memory_used", 1073741824L).field("memory_total", 17163091968L).field("temperature_sensor_edge", 45.0)
                .field("power_draw", 38.0).time(T0).build()));
        JsonNode g = snap(v).at("/sensors/gpus/0");
        assertThat(g.path("vendor").asText()).isEqualTo("amd");
        assertThat(g.path("name").asText()).isEqualTo("card0");
        assertThat(g.path("memory_total").asLong()).isEqualTo(17163091968L); // bytes, as the amdgpu files say
        assertThat(g.path("temperature_sensor_edge").asDouble()).isEqualTo(45.0);
        assertThat(g.has("level")).isFalse(); // amdgpu gives no limits here
    }

    static List<String> texts(JsonNode rows, String field) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.path(field).asText()));
        return out;
    }
}
