package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostpulse.core.Point;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatsMapperTest {
    static final Instant NOW = Instant.parse("2026-11-25T20:00:00Z");
    /** Telegraf's defaults plus blkio per device. */
    static final StatClasses BLKIO_PER_DEVICE = new StatClasses(Set.of("cpu", "blkio"), Set.of("cpu", "network", "blkio"));
    static final ContainerMeta ONE_NET = Fixtures.meta("c1", Map.of("itnet", new ContainerMeta.Endpoint("nid", "02:42:0a:00:00:02")), null);

    static Point find(List<Point> points, String measurement, String tagKey, String tagValue) {
        return points.stream().filter(p -> p.measurement().equals(measurement))
                .filter(p -> tagKey == null || tagValue.equals(p.tag(tagKey))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + measurement + " in " + points));
    }

    @Test
    void cgroupV1RecordedOnDockerd2010() {
        JsonNode s = Fixtures.json("recorded-dockerd-20.10/containers_CID_stats_stream_false_one-shot_true.json");
        StatsMapper.Result r = StatsMapper.map(s, ONE_NET, null, Map.of("eth0", "itnet"), StatClasses.DEFAULTS, NOW);
        Point mem = find(r.points(), "docker_container_mem", null, null);
        // docker CLI, cgroup v1: usage - total_inactive_file = 6201344 - 5242880
        assertThat(mem.field("usage")).isEqualTo(958_464L);
        assertThat(mem.field("limit")).isEqualTo(67_108_864L);
        assertThat((double) mem.field("usage_percent")).isCloseTo(958_464 * 100.0 / 67_108_864, within(1e-9));
        assertThat(mem.field("max_usage")).isEqualTo(7_331_840L);
        assertThat(mem.field("total_inactive_file")).isEqualTo(5_242_880L);
        assertThat(mem.field("pgfault")).isEqualTo(5136L);
        Point cpu = find(r.points(), "docker_container_cpu", "cpu", "cpu-total");
        assertThat(cpu.field("usage_total")).isEqualTo(372_622_079L);
        assertThat(cpu.field("usage_system")).isEqualTo(823_310_000_000L);
        assertThat(cpu.fields()).doesNotContainKey("usage_percent"); // first sample: counters only
        // Telegraf's default perdevice_include [cpu]: one row per online CPU from percpu_usage
        assertThat(find(r.points(), "docker_container_cpu", "cpu", "cpu0").fields())
                .containsOnlyKeys("usage_total", "container_id").containsEntry("usage_total", 84_223_981L);
        assertThat(find(r.points(), "docker_container_cpu", "cpu", "cpu1").field("usage_total")).isEqualTo(288_398_098L);
        // docker_container_net: Telegraf's default shape, the total row only
        assertThat(r.points().stream().filter(p -> p.measurement().equals("docker_container_net")))
                .singleElement().satisfies(t -> {
                    assertThat(t.tags()).containsEntry("network", "total").doesNotContainKey("docker_network");
                    assertThat(t.field("rx_bytes")).isEqualTo(1166L);
                });
        // the Docker network of the interface: its own measurement
        Point onNet = find(r.points(), "docker_container_network", "network", "itnet");
        assertThat(onNet.tag("interface")).isEqualTo("eth0");
        assertThat(onNet.field("rx_bytes")).isEqualTo(1166L);
        assertThat(onNet.field("rx_packets")).isEqualTo(13L);
        assertThat(r.pidsCurrent()).isEqualTo(2L);
        assertThat(r.points()).noneMatch(p -> p.measurement().equals("docker_container_blkio")); // lists are empty
        assertThat(r.points()).allMatch(p -> "id-c1".equals(p.field("container_id")) && p.tag("container_id") == null);
    }

    @Test
    void cpuPercentOverTheWholeIntervalFromTheAgentsOwnPreviousSample() {
        // two real consecutive samples of the docker-java cgroup v1 file: precpu_stats is the earlier one
        JsonNode s = Fixtures.json("stats-linux-cgroupv1-api1.27-oneshot.json");
        JsonNode pre = s.path("precpu_stats");
        StatsMapper.CpuSample prev = new StatsMapper.CpuSample(pre.at("/cpu_usage/total_usage").asLong(),
                pre.path("system_cpu_usage").asLong(), Json.time(s.path("preread").asText()));
        ContainerMeta limited = Fixtures.meta("c1", Map.of(), 2.0);
        StatsMapper.Result r = StatsMapper.map(s, limited, prev, Map.of(), BLKIO_PER_DEVICE, NOW);
        Point cpu = find(r.points(), "docker_container_cpu", "cpu", "cpu-total");
        double dUsage = 212_198_028 - pre.at("/cpu_usage/total_usage").asLong();
        double dSys = 545_941_980_000_000L - pre.path("system_cpu_usage").asLong();
        double expected = dUsage / dSys * 4 * 100; // docker stats: x online_cpus x 100
        assertThat((double) cpu.field("usage_percent")).isCloseTo(expected, within(1e-9));
        assertThat((double) cpu.field("usage_percent_of_limit")).isCloseTo(expected / 2, within(1e-9));
        assertThat(cpu.field("limit_cpus")).isEqualTo(2.0);
        // blkio ops are capitalised on this engine; fields are lower case, per device (configured) and total
        Point dev = find(r.points(), "docker_container_blkio", "device", "259:0");
        assertThat(dev.field("io_service_bytes_recursive_read")).isEqualTo(823_296L);
        assertThat(dev.field("io_service_bytes_recursive_total")).isEqualTo(946_176L);
        Point total = find(r.points(), "docker_container_blkio", "device", "total");
        assertThat(total.field("io_service_bytes_recursive_write")).isEqualTo(122_880L);
    }

    @Test
    void counterResetMeansNoPercent() {
        StatsMapper.CpuSample prev = new StatsMapper.CpuSample(500, 1000, NOW);
        StatsMapper.CpuSample cur = new StatsMapper.CpuSample(100, 2000, NOW.plusSeconds(10));
        assertThat(StatsMapper.percent(prev, cur, 2, null)).isNull();
        assertThat(StatsMapper.percent(null, cur, 2, null)).isNull();
        assertThat(StatsMapper.percent(new StatsMapper.CpuSample(0, 2000, NOW), cur, 2, null)).isNull(); // no host time passed
    }

    @Test
    void withoutSystemUsageThePercentIsOverWallClock() {
        StatsMapper.CpuSample prev = new StatsMapper.CpuSample(0, -1, NOW);
        StatsMapper.CpuSample cur = new StatsMapper.CpuSample(1_500_000_000L, -1, NOW.plusSeconds(10));
        assertThat(StatsMapper.percent(prev, cur, 0, null)).isCloseTo(15.0, within(1e-9)); // 1.5 s of CPU in 10 s
    }

    @Test
    void cgroupV2() {
        JsonNode s = Fixtures.json("stats-linux-cgroupv2-aarch64-haos.json");
        StatsMapper.Result r = StatsMapper.map(s, ONE_NET, null, Map.of("eth0", "itnet"), BLKIO_PER_DEVICE, NOW);
        Point mem = find(r.points(), "docker_container_mem", null, null);
        assertThat(mem.field("usage")).isEqualTo(60_000_000L - 300_000L); // v2: minus inactive_file
        assertThat((double) mem.field("usage_percent")).isCloseTo(59_700_000 * 100.0 / 4_000_000_000L, within(1e-9));
        assertThat(mem.field("anon")).isEqualTo(53_714_944L);
        assertThat(mem.fields()).doesNotContainKeys("max_usage", "fail_count"); // not set on cgroup v2
        assertThat(r.pidsCurrent()).isEqualTo(29L);
        assertThat(r.pidsLimit()).isEqualTo(4234L);
        Point blk = find(r.points(), "docker_container_blkio", "device", "179:0");
        assertThat(blk.field("io_service_bytes_recursive_write")).isEqualTo(413_696L);
        assertThat(find(r.points(), "docker_container_net", "network", "total").field("rx_bytes")).isEqualTo(1_243_260L);
        // cgroup v2 has no percpu_usage: the cpu-total row only, even with cpu per device
        assertThat(r.points()).filteredOn(p -> p.measurement().equals("docker_container_cpu")).singleElement()
                .satisfies(p -> assertThat(p.tag("cpu")).isEqualTo("cpu-total"));
    }

    @Test
    void podmanNetworkKeyNoPrecpuNoMemoryDetails() {
        List<JsonNode> stream = Fixtures.ndjson("recorded-podman-4.3/containers_probe1_stats_stream_true.ndjson");
        JsonNode first = Fixtures.json("recorded-podman-4.3/containers_CID_stats_stream_false.json");
        StatsMapper.Result r = StatsMapper.map(first, ONE_NET, null, Map.of("network", "itnet"), StatClasses.DEFAULTS, NOW);
        Point mem = find(r.points(), "docker_container_mem", null, null);
        assertThat(mem.field("usage")).isEqualTo(6_221_824L); // no stats to subtract
        assertThat(mem.field("limit")).isEqualTo(67_108_864L);
        Point net = find(r.points(), "docker_container_network", "network", "itnet");
        assertThat(net.tag("interface")).isEqualTo("network"); // podman's one aggregate entry
        assertThat(net.field("tx_bytes")).isEqualTo(1510L);
        // podman's precpu is zero: the percent comes from two of its samples, as the agent keeps them
        assertThat(stream.size()).isGreaterThanOrEqualTo(2);
        StatsMapper.Result a = StatsMapper.map(stream.get(0), ONE_NET, null, Map.of(), StatClasses.DEFAULTS, NOW);
        StatsMapper.Result b = StatsMapper.map(stream.get(1), ONE_NET, a.cpu(), Map.of(), StatClasses.DEFAULTS, NOW);
        double dU = stream.get(1).at("/cpu_stats/cpu_usage/total_usage").asLong() - stream.get(0).at("/cpu_stats/cpu_usage/total_usage").asLong();
        double dS = stream.get(1).at("/cpu_stats/system_cpu_usage").asLong() - stream.get(0).at("/cpu_stats/system_cpu_usage").asLong();
        assertThat((double) find(b.points(), "docker_container_cpu", "cpu", "cpu-total").field("usage_percent"))
                .isCloseTo(dU / dS * stream.get(1).at("/cpu_stats/online_cpus").asLong() * 100, within(1e-9));
    }

    @Test
    void windowsMemoryAndCpu() {
        JsonNode s = Fixtures.json("stats-windows-iis.json");
        StatsMapper.Result first = StatsMapper.map(s, ONE_NET, null, Map.of(), StatClasses.DEFAULTS, NOW);
        Point mem = find(first.points(), "docker_container_mem", null, null);
        assertThat(mem.field("commit_bytes")).isEqualTo(77_160_448L);
        assertThat(mem.field("commit_peak_bytes")).isEqualTo(105_000_960L);
        assertThat(mem.field("private_working_set")).isEqualTo(59_961_344L);
        assertThat(mem.fields()).doesNotContainKeys("usage", "limit");
        // docker CLI on Windows: Δusage (100 ns units) / (Δwall / 100 ns x num_procs) x 100
        Instant read = Json.time("2017-01-11T08:32:46.2413794Z");
        StatsMapper.CpuSample prev = new StatsMapper.CpuSample(536_718_750L - 64 * 10_000_000L / 4, -1, read.minusSeconds(1));
        StatsMapper.Result second = StatsMapper.map(s, ONE_NET, prev, Map.of(), StatClasses.DEFAULTS, NOW);
        // 16e6 units of 100 ns in 1 s on 64 procs (64e7 units possible) = 25 %
        assertThat((double) find(second.points(), "docker_container_cpu", null, null).field("usage_percent"))
                .isCloseTo(25.0, within(1e-9));
    }

    @Test
    void stoppedContainerStatsGiveNoMemoryOrNetwork() {
        JsonNode s = Fixtures.json("recorded-dockerd-20.10/containers_exited_stats.json");
        StatsMapper.Result r = StatsMapper.map(s, ONE_NET, null, Map.of(), StatClasses.DEFAULTS, NOW);
        assertThat(r.points()).noneMatch(p -> p.measurement().equals("docker_container_mem")
                || p.measurement().equals("docker_container_net") || p.measurement().equals("docker_container_blkio"));
        assertThat(r.pidsCurrent()).isNull();
    }

    @Test
    void malformedInputGivesNoPointsAndNoException() {
        for (String bad : new String[]{"{}", "[]", "null", "{\"cpu_stats\":\"x\",\"memory_stats\":[],\"networks\":5}",
                "{\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":\"many\"}},\"blkio_stats\":{\"io_service_bytes_recursive\":[{\"op\":\"read\"}]}}"}) {
            StatsMapper.Result r = StatsMapper.map(Fixtures.parse(bad), ONE_NET, null, Map.of(), StatClasses.DEFAULTS, NOW);
            assertThat(r.points()).as(bad).isEmpty();
        }
        assertThat(StatsMapper.map(null, ONE_NET, null, Map.of(), StatClasses.DEFAULTS, NOW).points()).isEmpty();
    }

    @Test
    void telegrafDefaultsTotalsForNetworkAndBlkioPerCpuRows() {
        // docker-java's recorded cgroup v1 reply: 4 online CPUs, blkio on two devices, eth0
        JsonNode s = Fixtures.json("stats-linux-cgroupv1-api1.27-oneshot.json");
        StatsMapper.Result r = StatsMapper.map(s, ONE_NET, null, Map.of("eth0", "itnet"), StatClasses.DEFAULTS, NOW);
        JsonNode percpu = s.at("/cpu_stats/cpu_usage/percpu_usage");
        for (int i = 0; i < 4; i++) {
            assertThat(find(r.points(), "docker_container_cpu", "cpu", "cpu" + i).field("usage_total")).isEqualTo(percpu.get(i).asLong());
        }
        assertThat(r.points()).filteredOn(p -> p.measurement().equals("docker_container_cpu")).hasSize(5);
        assertThat(r.points()).filteredOn(p -> p.measurement().equals("docker_container_blkio")).singleElement()
                .satisfies(p -> assertThat(p.tag("device")).isEqualTo("total"));
        assertThat(find(r.points(), "docker_container_blkio", "device", "total").field("io_service_bytes_recursive_read"))
                .isEqualTo(sumOfOp(s.at("/blkio_stats/io_service_bytes_recursive"), "Read"));
        assertThat(r.points()).filteredOn(p -> p.measurement().equals("docker_container_net")).singleElement()
                .satisfies(p -> assertThat(p.tag("network")).isEqualTo("total"));
    }

    @Test
    void perDeviceRowsOnlyWhenConfiguredAndTotalsCanBeTurnedOff() {
        JsonNode s = Fixtures.json("stats-linux-cgroupv1-api1.27-oneshot.json");
        StatClasses perDeviceOnly = new StatClasses(Set.of("network", "blkio"), Set.of());
        StatsMapper.Result r = StatsMapper.map(s, ONE_NET, null, Map.of("eth0", "itnet"), perDeviceOnly, NOW);
        Point eth0 = find(r.points(), "docker_container_net", "network", "eth0");
        assertThat(eth0.tags()).doesNotContainKey("docker_network"); // Telegraf's shape: the interface only
        assertThat(eth0.field("rx_bytes")).isEqualTo(s.at("/networks/eth0/rx_bytes").asLong());
        assertThat(r.points()).noneMatch(p -> "total".equals(p.tag("network")) || "total".equals(p.tag("device")));
        assertThat(r.points()).noneMatch(p -> p.measurement().equals("docker_container_cpu")); // neither total nor per CPU
        assertThat(r.cpu()).isNotNull(); // the sample is still kept for the next percent
        assertThat(r.points()).filteredOn(p -> p.measurement().equals("docker_container_blkio"))
                .extracting(p -> p.tag("device")).containsExactly("259:0");
        // the per Docker network rows do not depend on these settings
        assertThat(find(r.points(), "docker_container_network", "network", "itnet").field("rx_bytes"))
                .isEqualTo(eth0.field("rx_bytes"));
    }

    @Test
    void containerOnTwoNetworksRecordedOnDockerd2010TotalIsTheSumAndNothingCountsTwice() {
        JsonNode s = Fixtures.json(FixtureEngine.TWO_NETWORKS + "containers_CID_stats_stream_false_one-shot_true.json");
        ContainerMeta app = Fixtures.meta("app", Map.of(
                "hp-front", new ContainerMeta.Endpoint("f", FixtureEngine.TWO_NETWORKS_MACS.get("eth0")),
                "hp-back", new ContainerMeta.Endpoint("b", FixtureEngine.TWO_NETWORKS_MACS.get("eth1"))), null);
        StatsMapper.Result r = StatsMapper.map(s, app, null, Map.of("eth0", "hp-front", "eth1", "hp-back"),
                StatClasses.DEFAULTS, NOW);
        List<Point> net = r.points().stream().filter(p -> p.measurement().equals("docker_container_net")).toList();
        assertThat(net).singleElement().satisfies(p -> assertThat(p.tag("network")).isEqualTo("total"));
        Point front = find(r.points(), "docker_container_network", "network", "hp-front");
        Point back = find(r.points(), "docker_container_network", "network", "hp-back");
        assertThat(front.tag("interface")).isEqualTo("eth0");
        assertThat(back.tag("interface")).isEqualTo("eth1");
        assertThat(r.points()).filteredOn(p -> p.measurement().equals("docker_container_network")).hasSize(2);
        for (String f : StatsMapper.NET_FIELDS) {
            assertThat((long) net.get(0).field(f)).as(f).isEqualTo((long) front.field(f) + (long) back.field(f));
            assertThat((long) front.field(f)).as(f).isEqualTo(s.at("/networks/eth0/" + f).asLong());
        }
        // the recording: app fetched 1 MB from web over hp-front and 3 MB from db over hp-back
        assertThat((long) front.field("rx_bytes")).isBetween(1_000_000L, 1_100_000L);
        assertThat((long) back.field("rx_bytes")).isBetween(3_000_000L, 3_300_000L);
    }

    @Test
    void unmappedInterfacesAreInTheTotalButInNoDockerNetworkRow() {
        JsonNode s = Fixtures.json(FixtureEngine.TWO_NETWORKS + "containers_CID_stats_stream_false_one-shot_true.json");
        StatsMapper.Result r = StatsMapper.map(s, ONE_NET, null, Map.of("eth0", "itnet"), StatClasses.DEFAULTS, NOW);
        assertThat(r.points()).filteredOn(p -> p.measurement().equals("docker_container_network")).singleElement()
                .satisfies(p -> assertThat(p.tag("interface")).isEqualTo("eth0"));
        assertThat(find(r.points(), "docker_container_net", "network", "total").field("rx_bytes"))
                .isEqualTo(s.at("/networks/eth0/rx_bytes").asLong() + s.at("/networks/eth1/rx_bytes").asLong());
        assertThat(r.interfaces()).containsOnlyKeys("eth0", "eth1");
    }

    private static long sumOfOp(JsonNode entries, String op) {
        long sum = 0;
        for (JsonNode e : entries) {
            if (op.equals(e.path("op").asText())) {
                sum += e.path("value").asLong();
            }
        }
        return sum;
    }

    @Test
    void usageNoCacheFollowsTheDockerCli() {
        assertThat(StatsMapper.usageNoCache(1000, Map.of("total_inactive_file", 300L, "inactive_file", 100L))).isEqualTo(700);
        assertThat(StatsMapper.usageNoCache(1000, Map.of("inactive_file", 100L))).isEqualTo(900);
        assertThat(StatsMapper.usageNoCache(1000, Map.of("inactive_file", 5000L))).isEqualTo(1000);
        assertThat(StatsMapper.usageNoCache(1000, Map.of())).isEqualTo(1000);
    }
}
