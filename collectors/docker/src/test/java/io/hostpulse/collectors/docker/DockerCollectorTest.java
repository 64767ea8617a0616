package io.hostpulse.collectors.docker;

import io.hostpulse.core.CollectException;
import io.hostpulse.core.Event;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.lineprotocol.LineProtocol;
import io.hostpulse.core.lineprotocol.Precision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The collector over real HTTP against {@link FixtureEngine} (recorded dockerd replies, injected faults). */
class DockerCollectorTest {
    FixtureEngine engine;
    /** The fixture engine's recorded pids are not this machine's: the network map is tested on its own. */
    static final Map<String, Object> OFF = Map.of("enabled", false);
    DockerCollector collector;

    DockerCollector start(int containers, Map<String, Object> extra) throws IOException {
        engine = new FixtureEngine(containers);
        Map<String, Object> cfg = new HashMap<>(Map.of("endpoint", engine.endpoint(), "events", false,
                "container_timeout", "2s", "network_map", OFF));
        cfg.putAll(extra);
        collector = DockerCollector.create(DockerConfig.from(ConfigNode.of(cfg), HostPaths.defaults(), Map.of()));
        return collector;
    }

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void everyContainerIsReadWithGetsOnlyAtTheNegotiatedVersion() throws Exception {
        start(5, Map.of());
        ListAccumulator acc = new ListAccumulator();
        collector.collect(Instant.now(), acc);
        assertThat(acc.errors).isEmpty();
        for (int i = 0; i < 5; i++) {
            String n = FixtureEngine.name(i);
            assertThat(acc.find("docker_container_cpu", Map.of("container_name", n, "cpu", "cpu-total"))).hasSize(1);
            assertThat(acc.find("docker_container_mem", Map.of("container_name", n))).hasSize(1);
            // one interface, one network: unambiguous without /proc
            assertThat(acc.get("docker_container_network", Map.of("container_name", n, "network", "hostmon-test"))
                    .tag("interface")).isEqualTo("eth0");
            assertThat(acc.find("docker_container_net", Map.of("container_name", n)))
                    .singleElement().satisfies(p -> assertThat(p.tag("network")).isEqualTo("total"));
            assertThat(acc.find("docker_container_status", Map.of("container_name", n))).hasSize(1);
        }
        assertThat(acc.get("docker_network", Map.of("network", "hostmon-test")).field("containers")).isEqualTo(5L);
        assertThat(acc.get("docker", Map.of()).field("n_containers")).isEqualTo(5L);
        assertThat(engine.requests).allMatch(r -> r.startsWith("GET "));
        assertThat(engine.requests).contains("GET /version")
                .contains("GET /v1.41/containers/" + FixtureEngine.id(0) + "/stats?stream=false&one-shot=true");
    }

    @Test
    void podmanCompatibleApi() throws Exception {
        engine = new FixtureEngine(2, FixtureEngine.PODMAN);
        collector = DockerCollector.create(DockerConfig.from(ConfigNode.of(Map.of("endpoint", engine.endpoint(),
                "events", false, "network_map", OFF)), HostPaths.defaults(), Map.of()));
        ListAccumulator acc = new ListAccumulator();
        collector.collect(Instant.now(), acc);
        assertThat(acc.errors).isEmpty();
        // podman's one aggregate entry, one network
        Point net = acc.get("docker_container_network", Map.of("container_name", "c0000", "network", "hostmon-test"));
        assertThat(net.tag("interface")).isEqualTo("network");
        assertThat(net.tag("server_version")).isEqualTo("4.3.1");
        Point n = acc.get("docker_network", Map.of("network", "hostmon-test"));
        assertThat(n.field("containers")).isEqualTo(2L);
        assertThat(n.field("rx_bytes")).isEqualTo(2 * 586L);
        assertThat(n.field("tx_bytes")).isEqualTo(2 * 1510L);
        assertThat(acc.get("docker_container_mem", Map.of("container_name", "c0001")).field("usage")).isEqualTo(6_221_824L);
        assertThat(acc.get("docker_container_cpu", Map.of("container_name", "c0001", "cpu", "cpu-total")).fields()).doesNotContainKey("usage_percent");
        assertThat(acc.get("docker", Map.of()).field("n_unmapped_interfaces")).isEqualTo(0L);
    }

    DockerCollector startTwoNetworks(Path proc, Map<String, Object> extra) throws IOException {
        engine = new FixtureEngine(2, FixtureEngine.TWO_NETWORKS);
        Map<String, Object> cfg = new HashMap<>(Map.of("endpoint", engine.endpoint(), "events", false, "network_map", OFF));
        cfg.putAll(extra);
        collector = DockerCollector.create(DockerConfig.from(ConfigNode.of(cfg),
                new HostPaths(FixtureEngine.twoNetworksProc(proc), proc.resolveSibling("sys"), proc.getParent()), Map.of()));
        return collector;
    }

    @Test
    void containerOnTwoNetworksByDefaultHasTelegrafsTotalRowAndItsOwnRowPerDockerNetwork(@TempDir Path tmp) throws Exception {
        startTwoNetworks(tmp.resolve("proc"), Map.of());
        ListAccumulator acc = new ListAccumulator();
        collector.collect(Instant.now(), acc);
        assertThat(acc.errors).isEmpty();
        Map<String, Long> perNetwork = new HashMap<>();
        for (String c : List.of("c0000", "c0001")) {
            Point total = acc.get("docker_container_net", Map.of("container_name", c));
            assertThat(total.tag("network")).isEqualTo("total");
            Point front = acc.get("docker_container_network", Map.of("container_name", c, "network", "hp-front"));
            Point back = acc.get("docker_container_network", Map.of("container_name", c, "network", "hp-back"));
            assertThat(front.tag("interface")).isEqualTo("eth0");
            assertThat(back.tag("interface")).isEqualTo("eth1");
            for (String f : StatsMapper.NET_FIELDS) {
                assertThat((long) total.field(f)).as(c + " " + f).isEqualTo((long) front.field(f) + (long) back.field(f));
            }
            perNetwork.merge("hp-front", (long) front.field("rx_bytes"), Long::sum);
            perNetwork.merge("hp-back", (long) back.field("rx_bytes"), Long::sum);
        }
        // a sum over each measurement counts every byte once: the containers' totals, the per network rows and
        // docker_network all add up to the same bytes
        long sumOfTotals = acc.find("docker_container_net", Map.of()).stream().mapToLong(p -> (long) p.field("rx_bytes")).sum();
        long sumOfNetworkRows = acc.find("docker_container_network", Map.of()).stream().mapToLong(p -> (long) p.field("rx_bytes")).sum();
        long sumOfNetworks = acc.find("docker_network", Map.of()).stream().mapToLong(p -> (long) p.field("rx_bytes")).sum();
        assertThat(sumOfNetworkRows).isEqualTo(sumOfTotals).isEqualTo(sumOfNetworks).isEqualTo(2 * (1_003_178L + 3_005_665L));
        assertThat(acc.get("docker_network", Map.of("network", "hp-front")).field("rx_bytes")).isEqualTo(perNetwork.get("hp-front"));
        assertThat(acc.get("docker_network", Map.of("network", "hp-back")).field("rx_bytes")).isEqualTo(perNetwork.get("hp-back"));
        assertThat(acc.get("docker", Map.of()).field("n_unmapped_interfaces")).isEqualTo(0L);
        // Telegraf's default perdevice_include [cpu]: cpu0 and cpu1 beside cpu-total
        assertThat(acc.find("docker_container_cpu", Map.of("container_name", "c0000"))).extracting(p -> p.tag("cpu"))
                .containsExactlyInAnyOrder("cpu-total", "cpu0", "cpu1");
    }

    @Test
    void everyLabelIsATagByDefault(@TempDir Path tmp) throws Exception {
        startTwoNetworks(tmp.resolve("proc"), Map.of());
        ListAccumulator acc = new ListAccumulator();
        collector.collect(Instant.now(), acc);
        Point status = acc.get("docker_container_status", Map.of("container_name", "c0000"));
        // the recorded container's labels, each under its own key as Telegraf writes them
        assertThat(status.tags()).containsEntry("com.docker.compose.project", "shop")
                .containsEntry("com.docker.compose.service", "app").containsEntry("docker.group", "g1")
                .containsEntry("team,lead", "ana, bo").containsEntry("path\\", "C:\\x\\").containsEntry("time", "noon")
                // hostpulse's documented additions
                .containsEntry("compose_project", "shop").containsEntry("compose_service", "app")
                // a label named like one of hostpulse's own tags is not copied (host=elsewhere)
                .doesNotContainKey("host");
        for (Point p : acc.points) {
            if (p.measurement().startsWith("docker_container_")) {
                assertThat(p.tags()).as(p.measurement()).containsEntry("docker.group", "g1");
            }
        }
    }

    @Test
    void labelsThatLineProtocolCannotCarryAreEscapedOrDroppedAndCounted(@TempDir Path tmp) throws Exception {
        startTwoNetworks(tmp.resolve("proc"), Map.of());
        ListAccumulator acc = new ListAccumulator();
        collector.collect(Instant.now(), acc);
        List<Point> containerPoints = acc.points.stream().filter(p -> p.measurement().startsWith("docker_container_")).toList();
        StringBuilder out = new StringBuilder();
        LineProtocol.Result r = LineProtocol.encode(containerPoints, Precision.NANOSECONDS, out);
        assertThat(r.lines()).isEqualTo(containerPoints.size());
        // "path\" (ends in a backslash) and "time" (InfluxDB rejects the point) are left out of every line, counted
        assertThat(r.droppedTags()).isEqualTo(2 * containerPoints.size());
        assertThat(out.toString().lines()).allSatisfy(l -> assertThat(l)
                .contains(",team\\,lead=ana\\,\\ bo ").doesNotContain("path").doesNotContain(",time="));
    }

    @Test
    void perDeviceRowsAndLabelFiltersWhenConfigured(@TempDir Path tmp) throws Exception {
        startTwoNetworks(tmp.resolve("proc"), Map.of("perdevice_include", List.of("network", "blkio"),
                "total_include", List.of("cpu", "network"), "label_include", List.of("docker.*", "com.docker.compose.*"),
                "label_exclude", List.of("*.service")));
        ListAccumulator acc = new ListAccumulator();
        collector.collect(Instant.now(), acc);
        assertThat(acc.errors).isEmpty();
        List<Point> net = acc.find("docker_container_net", Map.of("container_name", "c0000"));
        assertThat(net).extracting(p -> p.tag("network")).containsExactlyInAnyOrder("eth0", "eth1", "total");
        assertThat(net).allSatisfy(p -> assertThat(p.tags()).doesNotContainKey("docker_network"));
        Point eth0 = acc.get("docker_container_net", Map.of("container_name", "c0000", "network", "eth0"));
        Point front = acc.get("docker_container_network", Map.of("container_name", "c0000", "network", "hp-front"));
        assertThat(eth0.fields()).isEqualTo(front.fields()); // the same interface, seen two ways
        assertThat(acc.find("docker_container_cpu", Map.of("container_name", "c0000"))).extracting(p -> p.tag("cpu"))
                .containsExactly("cpu-total"); // cpu is not in perdevice_include here
        Point status = acc.get("docker_container_status", Map.of("container_name", "c0000"));
        assertThat(status.tags()).containsEntry("docker.group", "g1").containsEntry("com.docker.compose.project", "shop")
                .doesNotContainKeys("com.docker.compose.service", "team,lead", "time")
                .containsEntry("compose_service", "app"); // the short compose tags are always written
    }

    @Test
    void oldEngineGetsItsOwnVersionAndNoOneShot() throws Exception {
        start(1, Map.of());
        engine.apiVersion = "1.40";
        collector.collect(Instant.now(), new ListAccumulator());
        assertThat(engine.requests).contains("GET /v1.40/containers/" + FixtureEngine.id(0) + "/stats?stream=false");
    }

    @Test
    void newerEngineIsCappedAtTheNewestKnownVersion() {
        assertThat(DockerSource.negotiate("1.47", "1.24")).isEqualTo(DockerSource.MAX_API);
        assertThat(DockerSource.negotiate("1.41", "1.12")).isEqualTo("1.41");
        assertThat(DockerSource.negotiate("garbage", "")).isEqualTo("1.24");
    }

    @Test
    void engineAnswering500FailsTheCycleWithItsMessageThenRecovers() throws Exception {
        start(2, Map.of());
        engine.faults.put("/info", FixtureEngine.Reply.of(500, "{\"message\":\"boom: storage driver\"}"));
        assertThatThrownBy(() -> collector.collect(Instant.now(), new ListAccumulator()))
                .isInstanceOf(CollectException.class).hasMessageContaining("500").hasMessageContaining("boom: storage driver");
        engine.faults.clear();
        ListAccumulator acc = new ListAccumulator();
        collector.collect(Instant.now(), acc);
        assertThat(acc.find("docker_container_cpu", Map.of("cpu", "cpu-total"))).hasSize(2);
    }

    @Test
    void replyThatIsNotJson() throws Exception {
        start(1, Map.of());
        engine.faults.put("/containers/json", FixtureEngine.Reply.of(200, "<html>proxy error</html>"));
        assertThatThrownBy(() -> collector.collect(Instant.now(), new ListAccumulator()))
                .isInstanceOf(CollectException.class).hasMessageContaining("not JSON").hasMessageContaining("proxy error");
    }

    @Test
    void vanishedContainerIsSkippedSilentlyBrokenOneIsCounted() throws Exception {
        start(3, Map.of());
        engine.faults.put("/containers/" + FixtureEngine.id(0) + "/json", FixtureEngine.Reply.of(404, "{\"message\":\"No such container\"}"));
        engine.faults.put("/containers/" + FixtureEngine.id(1) + "/stats", FixtureEngine.Reply.of(200, "{truncated"));
        ListAccumulator acc = new ListAccumulator();
        collector.collect(Instant.now(), acc);
        assertThat(acc.errorLines).singleElement().asString().startsWith("container c0001").contains("not JSON");
        assertThat(acc.find("docker_container_status", Map.of("container_name", "c0000"))).isEmpty();
        assertThat(acc.find("docker_container_cpu", Map.of("container_name", "c0002", "cpu", "cpu-total"))).hasSize(1);
    }

    @Test
    void slowContainerDoesNotHoldUpTheOthers() throws Exception {
        start(4, Map.of("container_timeout", "300ms", "stats_parallelism", 2));
        engine.faults.put("/containers/" + FixtureEngine.id(1) + "/stats",
                new FixtureEngine.Reply(200, Fixtures.text("recorded-dockerd-20.10/containers_CID_stats_stream_false_one-shot_true.json"),
                        Duration.ofSeconds(3)));
        ListAccumulator acc = new ListAccumulator();
        collector.collect(Instant.now(), acc);
        assertThat(acc.errorLines).singleElement().asString().startsWith("container c0001");
        for (String n : List.of("c0000", "c0002", "c0003")) {
            assertThat(acc.find("docker_container_cpu", Map.of("container_name", n, "cpu", "cpu-total"))).as(n).hasSize(1);
        }
        assertThat(acc.find("docker_container_cpu", Map.of("container_name", "c0001"))).isEmpty();
        assertThat(acc.find("docker", Map.of())).hasSize(1); // partial results are written
    }

    @Test
    void secondCycleHasCpuPercentFromTheFirst() throws Exception {
        start(1, Map.of());
        ListAccumulator a = new ListAccumulator();
        collector.collect(Instant.now(), a);
        assertThat(a.get("docker_container_cpu", Map.of("cpu", "cpu-total")).fields()).doesNotContainKey("usage_percent");
        ListAccumulator b = new ListAccumulator();
        collector.collect(Instant.now(), b);
        // the recorded reply does not change: no CPU time passed, and no host time either -> still no percent
        assertThat(b.get("docker_container_cpu", Map.of("cpu", "cpu-total")).fields()).doesNotContainKey("usage_percent");
        assertThat(b.get("docker_network", Map.of("network", "hostmon-test")).field("rx_bytes_per_second")).isEqualTo(0.0);
    }

    @Test
    void filtersByNameAndState() throws Exception {
        start(4, Map.of("container_name_include", List.of("c000*"), "container_name_exclude", List.of("c0002"),
                "container_state_include", List.of("running")));
        ListAccumulator acc = new ListAccumulator();
        collector.collect(Instant.now(), acc);
        assertThat(acc.find("docker_container_status", Map.of()).stream().map(p -> p.tag("container_name")))
                .containsExactlyInAnyOrder("c0000", "c0001", "c0003");
        collector.close();
        engine.close();
        start(2, Map.of("container_state_include", List.of("exited")));
        ListAccumulator none = new ListAccumulator();
        collector.collect(Instant.now(), none);
        assertThat(none.find("docker_container_status", Map.of())).isEmpty();
        assertThat(engine.requests).noneMatch(r -> r.contains("/stats"));
    }

    @Test
    void eventsReachTheSinkAsTheyArriveWithoutAnotherCollection() throws Exception {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append("{\"Type\":\"container\",\"Action\":\"die\",\"Actor\":{\"ID\":\"").append(FixtureEngine.id(i))
                    .append("\",\"Attributes\":{\"name\":\"c").append(i).append("\",\"exitCode\":\"1\"}},\"timeNano\":")
                    .append(1_700_000_000_000_000_000L + i).append("}\n");
        }
        s.append("not json at all\n");
        engine = new FixtureEngine(1);
        engine.events.set(s.toString());
        List<Event> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        collector = DockerCollector.create(DockerConfig.from(ConfigNode.of(Map.of("endpoint", engine.endpoint(),
                "container_timeout", "2s", "network_map", OFF)), HostPaths.defaults(), Map.of()), got::add);
        ListAccumulator first = new ListAccumulator();
        collector.collect(Instant.now(), first); // starts the reader; no further collection below
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (got.size() < 5 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(got).hasSize(5);
        assertThat(got.get(0).labels()).containsEntry("container_name", "c0").containsEntry("action", "die");
        assertThat(first.events).isEmpty();
        assertThat(engine.requests).anyMatch(r -> r.startsWith("GET /v1.41/events?filters="));
        DockerEventReader reader = collector.eventReader();
        assertThat(reader.running()).isTrue();
        collector.close(); // while the engine keeps the stream open
        assertThat(reader.running()).isFalse();
    }

    @Test
    void noSocketIsOneClearMessage() {
        DockerConfig cfg = DockerConfig.from(ConfigNode.of(Map.of("endpoint", "unix:///tmp/hostpulse-no-such-dir/docker.sock",
                "events", false)), HostPaths.defaults(), Map.of());
        try (DockerCollector c = DockerCollector.create(cfg)) {
            assertThatThrownBy(() -> c.collect(Instant.now(), new ListAccumulator()))
                    .isInstanceOf(CollectException.class)
                    .hasMessage("no Docker socket at unix:///tmp/hostpulse-no-such-dir/docker.sock (is Docker running? is the socket mounted?)");
        }
    }

    @Test
    void nothingListensOnTcp() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        DockerConfig cfg = DockerConfig.from(ConfigNode.of(Map.of("endpoint", "tcp://127.0.0.1:" + port, "events", false)),
                HostPaths.defaults(), Map.of());
        try (DockerCollector c = DockerCollector.create(cfg)) {
            assertThatThrownBy(() -> c.collect(Instant.now(), new ListAccumulator()))
                    .isInstanceOf(CollectException.class).hasMessageStartingWith("cannot connect to Docker at tcp://127.0.0.1:" + port);
        }
    }

    @Test
    void permissionDeniedMessage() {
        DockerSource s = new DockerSource(null, "unix:///var/run/docker.sock", null);
        DockerApiException e = s.translate(new RuntimeException(new java.io.IOException("Permission denied")), "/v1.41/info");
        assertThat(e.getMessage()).startsWith("permission denied on unix:///var/run/docker.sock").contains("docker group");
        assertThat(s.translate(new RuntimeException(new java.net.SocketTimeoutException("Read timed out")), "/v1.41/info").getMessage())
                .isEqualTo("Docker did not answer GET /v1.41/info in time (unix:///var/run/docker.sock)");
    }

    @Test
    void pointsCarryNoIdTags() throws Exception {
        start(2, Map.of());
        ListAccumulator acc = new ListAccumulator();
        collector.collect(Instant.now(), acc);
        for (Point p : acc.points) {
            assertThat(p.tags().keySet()).doesNotContain("container_id", "id", "network_id");
        }
    }
}
