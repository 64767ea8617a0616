package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostpulse.core.CollectException;
import io.hostpulse.core.Event;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.testing.DockerDaemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Against a real private dockerd: two user networks (hp-front, hp-back; hp-back internal), a container on both,
 * real traffic of known size between containers, memory and CPU containers, a healthcheck, an exiting container,
 * the events stream, and an engine stop/start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerCollectorIT {
    static final int WEB_BYTES = 1_000_000;
    static final int DB_BYTES = 3_000_000;
    static final long MEM_BYTES = 40L << 20;

    DockerDaemon daemon;
    DockerCollector collector;
    final List<String> requests = RecordingHttpClient.newLog();
    /** Every event the collector handed on, as it arrived (the agent's event lane in a real run). */
    final List<Event> events = new CopyOnWriteArrayList<>();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void startEngine() throws Exception {
        daemon = DockerDaemon.start();
        String img = DockerDaemon.IMAGE;
        daemon.docker("network", "create", "--subnet", "10.231.1.0/24", "hp-front");
        daemon.docker("network", "create", "--internal", "--subnet", "10.231.2.0/24", "hp-back");
        daemon.docker("run", "-d", "--name", "web", "--network", "hp-front",
                "--label", "com.docker.compose.project=itproj", "--label", "com.docker.compose.service=web",
                "--label", "team=blue", img,
                "sh", "-c", "dd if=/dev/zero of=/www/f bs=1000 count=" + WEB_BYTES / 1000 + " 2>/dev/null && exec httpd -f -p 80 -h /www");
        daemon.docker("run", "-d", "--name", "db", "--network", "hp-back", img,
                "sh", "-c", "dd if=/dev/zero of=/www/f bs=1000 count=" + DB_BYTES / 1000 + " 2>/dev/null && exec httpd -f -p 80 -h /www");
        // app joins hp-front first (eth0) and hp-back second (eth1): the reverse of the names' order
        daemon.docker("run", "-d", "--name", "app", "--network", "hp-front", img, "sleep", "1000");
        daemon.docker("network", "connect", "hp-back", "app");
        daemon.docker("run", "-d", "--name", "mem", "--network", "none", "--memory", "128m", "--tmpfs", "/data", img,
                "sh", "-c", "dd if=/dev/zero of=/data/blob bs=1048576 count=" + (MEM_BYTES >> 20) + " 2>/dev/null && exec sleep 1000");
        daemon.docker("run", "-d", "--name", "burn", "--network", "none", "--cpus", "0.5", img, "sh", "-c", "yes > /dev/null");
        daemon.docker("run", "-d", "--name", "hc", "--network", "none", "--health-cmd", "true", "--health-interval", "1s",
                img, "sleep", "1000");
        awaitTrue("web and db serve", Duration.ofSeconds(20), () -> fetch("web") && fetch("db"));
        awaitTrue("mem wrote its blob", Duration.ofSeconds(20), () -> {
            try {
                return !daemon.docker("top", "mem").contains("dd");
            } catch (Exception e) {
                return false;
            }
        });
        collector = DockerCollector.create(config(), events::add, c -> new RecordingHttpClient(c, requests));
    }

    DockerConfig config() {
        // Telegraf's defaults: every label a tag, docker_container_net with the network=total row only
        return DockerConfig.from(ConfigNode.of(Map.of("endpoint", daemon.host(), "container_timeout", "10s")),
                HostPaths.defaults(), Map.of());
    }

    @AfterAll
    void stopEngine() {
        if (collector != null) {
            collector.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    @Order(1)
    void countsPerContainerAndPerNetworkMatchTheTrafficSent() throws Exception {
        ListAccumulator a1 = new ListAccumulator();
        Instant t1 = Instant.now();
        collector.collect(t1, a1);
        assertThat(a1.errors).isEmpty();
        // first sample: counters only
        Point burn1 = a1.get("docker_container_cpu", Map.of("container_name", "burn", "cpu", "cpu-total"));
        assertThat(burn1.fields()).containsKey("usage_total").doesNotContainKey("usage_percent");

        awaitTrue("events stream open", Duration.ofSeconds(10), () -> collector.eventReader().connects() >= 1);
        daemon.docker("exec", "app", "wget", "-q", "-O", "/dev/null", "http://web/f");
        daemon.docker("exec", "app", "wget", "-q", "-O", "/dev/null", "http://db/f");
        try {
            daemon.docker("run", "--name", "quitter", "--network", "none", DockerDaemon.IMAGE, "sh", "-c", "exit 3");
        } catch (java.io.IOException expected) {
            assertThat(expected).hasMessageContaining("(3)");
        }
        awaitTrue("hc healthy", Duration.ofSeconds(20), () -> {
            try {
                return daemon.docker("inspect", "-f", "{{.State.Health.Status}}", "hc").equals("healthy");
            } catch (Exception e) {
                return false;
            }
        });
        Thread.sleep(1500);
        ListAccumulator a2 = new ListAccumulator();
        Instant t2 = Instant.now();
        collector.collect(t2, a2);
        assertThat(a2.errors).isEmpty();

        // per container x Docker network (docker_container_network): app received the files on the network each
        // came from, not by interface order
        Point front1 = a1.get("docker_container_network", Map.of("container_name", "app", "network", "hp-front"));
        Point front2 = a2.get("docker_container_network", Map.of("container_name", "app", "network", "hp-front"));
        Point back1 = a1.get("docker_container_network", Map.of("container_name", "app", "network", "hp-back"));
        Point back2 = a2.get("docker_container_network", Map.of("container_name", "app", "network", "hp-back"));
        assertThat(front2.tag("interface")).isEqualTo("eth0");
        assertThat(back2.tag("interface")).isEqualTo("eth1");
        assertWithinOverhead(delta(front1, front2, "rx_bytes"), WEB_BYTES);
        assertWithinOverhead(delta(back1, back2, "rx_bytes"), DB_BYTES);
        Point web1 = a1.get("docker_container_network", Map.of("container_name", "web", "network", "hp-front"));
        Point web2 = a2.get("docker_container_network", Map.of("container_name", "web", "network", "hp-front"));
        assertWithinOverhead(delta(web1, web2, "tx_bytes"), WEB_BYTES);
        // docker_container_net has Telegraf's default shape: one network=total row per container, which is the
        // sum of its interfaces, so nothing is counted twice (before: eth0 + eth1 + total = 2x)
        List<Point> appNet = a2.find("docker_container_net", Map.of("container_name", "app"));
        assertThat(appNet).singleElement().satisfies(p -> assertThat(p.tags()).containsEntry("network", "total")
                .doesNotContainKey("docker_network"));
        Point total = appNet.get(0);
        for (String f : StatsMapper.NET_FIELDS) {
            assertThat((long) total.field(f)).as(f).isEqualTo((long) front2.field(f) + (long) back2.field(f));
        }
        assertThat(a2.find("docker_container_net", Map.of())).allSatisfy(p -> assertThat(p.tag("network")).isEqualTo("total"));
        // sums over each measurement agree: every container's total, every container x network row, every network
        long sumOfTotals = sum(a2.find("docker_container_net", Map.of()), "rx_bytes");
        long sumOfRows = sum(a2.find("docker_container_network", Map.of()), "rx_bytes");
        long sumOfNetworks = sum(a2.find("docker_network", Map.of()), "rx_bytes");
        assertThat(sumOfRows).isEqualTo(sumOfTotals).isEqualTo(sumOfNetworks);
        assertThat(sumOfTotals).isBetween((long) WEB_BYTES + DB_BYTES, 2L * (WEB_BYTES + DB_BYTES)); // sent once, received once

        // the same counters as the stats API right after (the networks are idle now; ARP may add a few bytes)
        JsonNode api = json.readTree(daemon.get("/containers/app/stats?stream=false&one-shot=true"));
        assertThat(api.at("/networks/eth0/rx_bytes").asLong()).isCloseTo((long) front2.field("rx_bytes"), within(2000L));
        assertThat(api.at("/networks/eth1/rx_bytes").asLong()).isCloseTo((long) back2.field("rx_bytes"), within(2000L));

        // per network: sums over members, running members, properties, rate over the interval
        Point nf1 = a1.get("docker_network", Map.of("network", "hp-front"));
        Point nf2 = a2.get("docker_network", Map.of("network", "hp-front"));
        Point nb2 = a2.get("docker_network", Map.of("network", "hp-back"));
        Point nb1 = a1.get("docker_network", Map.of("network", "hp-back"));
        assertThat(nf2.field("containers")).isEqualTo(2L);
        assertThat(nb2.field("containers")).isEqualTo(2L);
        assertThat(nf2.field("internal")).isEqualTo(false);
        assertThat(nb2.field("internal")).isEqualTo(true);
        assertThat(nf2.tag("driver")).isEqualTo("bridge");
        assertThat(nf2.field("network_id")).isEqualTo(daemon.docker("network", "inspect", "-f", "{{.Id}}", "hp-front"));
        assertWithinOverhead(delta(nf1, nf2, "rx_bytes") - smallTraffic(a1, a2, "web", "hp-front", "rx_bytes"), WEB_BYTES);
        assertWithinOverhead(delta(nf1, nf2, "tx_bytes") - smallTraffic(a1, a2, "app", "hp-front", "tx_bytes"), WEB_BYTES);
        assertWithinOverhead(delta(nb1, nb2, "rx_bytes") - smallTraffic(a1, a2, "db", "hp-back", "rx_bytes"), DB_BYTES);
        double seconds = Duration.between(t1, t2).toNanos() / 1e9;
        assertThat((double) nb2.field("rx_bytes_per_second") * seconds).isCloseTo(delta(nb1, nb2, "rx_bytes"), within(1.0));
        Point engine = a2.get("docker", Map.of());
        assertThat(engine.field("n_unmapped_interfaces")).isEqualTo(0L);
        assertThat(engine.field("n_networks")).isEqualTo(4L); // none, host, hp-front, hp-back (no default bridge)

        // memory: 40 MiB in tmpfs, counted like the docker CLI (usage - total_inactive_file / inactive_file)
        Point mem = a2.get("docker_container_mem", Map.of("container_name", "mem"));
        long usage = (long) mem.field("usage");
        assertThat(usage).isBetween(MEM_BYTES, MEM_BYTES + (12L << 20));
        assertThat(mem.field("limit")).isEqualTo(128L << 20);
        assertThat((double) mem.field("usage_percent")).isCloseTo(usage * 100.0 / (128L << 20), within(1e-9));
        JsonNode memApi = json.readTree(daemon.get("/containers/mem/stats?stream=false&one-shot=true"));
        JsonNode st = memApi.path("memory_stats");
        long inactive = st.path("stats").has("total_inactive_file") ? st.at("/stats/total_inactive_file").asLong()
                : st.at("/stats/inactive_file").asLong();
        assertThat(usage).isCloseTo(st.path("usage").asLong() - inactive, within(1L << 20));

        // CPU: `yes` limited to half a CPU by --cpus 0.5, measured over the whole interval
        Point burn = a2.get("docker_container_cpu", Map.of("container_name", "burn", "cpu", "cpu-total"));
        assertThat((double) burn.field("usage_percent")).isBetween(20.0, 60.0); // never above the limit; low bound loose for busy CI
        assertThat(burn.field("limit_cpus")).isEqualTo(0.5);
        assertThat((double) burn.field("usage_percent_of_limit")).isCloseTo((double) burn.field("usage_percent") * 2, within(1e-9));
        assertThat((long) burn.field("throttling_throttled_periods")).isPositive();
        // Telegraf's default perdevice_include [cpu]: a row per online CPU where the engine reports percpu_usage
        // (cgroup v1), none on cgroup v2
        JsonNode burnApi = json.readTree(daemon.get("/containers/burn/stats?stream=false&one-shot=true"));
        List<Point> perCpu = a2.find("docker_container_cpu", Map.of("container_name", "burn")).stream()
                .filter(p -> !"cpu-total".equals(p.tag("cpu"))).toList();
        if (burnApi.at("/cpu_stats/cpu_usage/percpu_usage").isArray()) {
            assertThat(perCpu).hasSize(burnApi.at("/cpu_stats/online_cpus").asInt());
            assertThat(sum(perCpu, "usage_total")).isEqualTo((long) burn.field("usage_total"));
        } else {
            assertThat(perCpu).isEmpty();
        }

        // status, health, tags
        Point quit = a2.get("docker_container_status", Map.of("container_name", "quitter"));
        assertThat(quit.tag("container_status")).isEqualTo("exited");
        assertThat(quit.field("exitcode")).isEqualTo(3L);
        assertThat(quit.fields()).doesNotContainKey("uptime_ns");
        Point web = a2.get("docker_container_status", Map.of("container_name", "web"));
        assertThat(web.tags()).containsEntry("compose_project", "itproj").containsEntry("compose_service", "web")
                // every label by default, under its own key (Telegraf's default)
                .containsEntry("team", "blue").containsEntry("com.docker.compose.project", "itproj")
                .containsEntry("com.docker.compose.service", "web").containsEntry("container_image", "hostpulse-busybox")
                .containsEntry("container_version", "it").containsEntry("container_status", "running")
                .doesNotContainKey("container_id");
        assertThat(web.field("container_id")).isEqualTo(daemon.docker("inspect", "-f", "{{.Id}}", "web"));
        assertThat((long) web.field("uptime_ns")).isPositive();
        assertThat((long) web.field("pids_current")).isPositive();
        assertThat(a2.get("docker_container_health", Map.of("container_name", "hc")).field("health_status")).isEqualTo("healthy");
        assertThat(a2.one("docker_container_health", Map.of("container_name", "web"))).isEmpty();

        // events: the container that exited with 3
        Event die = awaitEvent("quitter", "die");
        assertThat(die.metadata()).containsEntry("exit_code", "3");
        assertThat(die.level()).isEqualTo("warning");

        writeExample(a2);

        // read-only: every request the collector sent was a GET, including stats and the events stream
        assertThat(requests).isNotEmpty().allMatch(r -> r.startsWith("GET "));
        assertThat(requests).anyMatch(r -> r.contains("/stats?stream=false&one-shot=true")).anyMatch(r -> r.contains("/events?"));
    }

    @Test
    @Order(2)
    void recoversAfterTheEngineRestarts() throws Exception {
        long connects = collector.eventReader().connects();
        daemon.stopEngine();
        assertThatThrownBy(() -> collector.collect(Instant.now(), new ListAccumulator()))
                .isInstanceOf(CollectException.class).hasMessageContaining(daemon.dir().toString());
        daemon.startEngine();
        ListAccumulator acc = new ListAccumulator();
        collector.collect(Instant.now(), acc);
        assertThat(acc.get("docker", Map.of()).field("n_containers")).isEqualTo(7L);
        awaitTrue("events stream reopened", Duration.ofSeconds(40), () -> collector.eventReader().connects() > connects);
        try {
            daemon.docker("run", "--rm", "--name", "after", "--network", "none", DockerDaemon.IMAGE, "sh", "-c", "exit 5");
        } catch (java.io.IOException expected) {
            assertThat(expected).hasMessageContaining("(5)");
        }
        assertThat(awaitEvent("after", "die").metadata()).containsEntry("exit_code", "5");
        assertThat(requests).allMatch(r -> r.startsWith("GET "));
    }

    /** A sample of what the collector wrote, for the README: target/docker-example.lp. */
    static void writeExample(ListAccumulator acc) throws java.io.IOException {
        StringBuilder out = new StringBuilder();
        for (Point p : acc.points) {
            String c = p.tag("container_name");
            String n = p.tag("network");
            if ("app".equals(c) && p.measurement().startsWith("docker_container_net")
                    || "burn".equals(c) && p.measurement().equals("docker_container_cpu")
                    || "mem".equals(c) && p.measurement().equals("docker_container_mem")
                    || "quitter".equals(c) || "hc".equals(c) && p.measurement().equals("docker_container_health")
                    || p.measurement().equals("docker") || p.measurement().equals("docker_network") && n.startsWith("hp-")) {
                out.append(io.hostpulse.core.lineprotocol.LineProtocol.encode(p, io.hostpulse.core.lineprotocol.Precision.NANOSECONDS)).append('\n');
            }
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/docker-example.lp"), out);
    }

    /** The event may still be on its way: wait for the reader to hand it over, without collecting again. */
    Event awaitEvent(String container, String action) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (Event e : events) {
                if (container.equals(e.labels().get("container_name")) && action.equals(e.labels().get("action"))) {
                    return e;
                }
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("no " + action + " event for " + container + " in " + events);
            }
            Thread.sleep(100);
        }
    }

    /** Bytes the other side of the transfer sent or received (requests, ACKs): small next to the payload. */
    static long smallTraffic(ListAccumulator a1, ListAccumulator a2, String container, String network, String field) {
        long sum = 0;
        List<Point> before = new ArrayList<>(a1.find("docker_container_network", Map.of("container_name", container)));
        for (Point p2 : a2.find("docker_container_network", Map.of("container_name", container, "network", network))) {
            for (Point p1 : before) {
                if (p2.tag("interface").equals(p1.tag("interface")) && network.equals(p1.tag("network"))) {
                    sum += (long) p2.field(field) - (long) p1.field(field);
                }
            }
        }
        assertThat(sum).isLessThan(200_000L);
        return sum;
    }

    static long sum(List<Point> points, String field) {
        return points.stream().mapToLong(p -> (long) p.field(field)).sum();
    }

    static long delta(Point a, Point b, String field) {
        return (long) b.field(field) - (long) a.field(field);
    }

    /** Payload plus TCP/IP/Ethernet headers: at least the payload, at most ~10 % more (1448-byte segments). */
    static void assertWithinOverhead(long measured, long payload) {
        assertThat(measured).isBetween(payload, payload + payload / 10 + 20_000);
    }

    boolean fetch(String host) {
        try {
            daemon.docker("run", "--rm", "--network", host.equals("web") ? "hp-front" : "hp-back", DockerDaemon.IMAGE,
                    "wget", "-q", "-O", "/dev/null", "http://" + host + "/f");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static void awaitTrue(String what, Duration limit, BooleanSupplier cond) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(200);
        }
    }
}
