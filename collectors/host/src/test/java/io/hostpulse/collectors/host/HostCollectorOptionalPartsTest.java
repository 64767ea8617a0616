package io.hostpulse.collectors.host;

import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional Telegraf-named parts (netstat, nstat, conntrack, linux_sysctl_fs, interrupts, net protocol counters)
 * through the whole collector: over the recorded tree proc/vm-2cpu-net (values read off its files, see the parser
 * tests) and over this machine's real /proc.
 */
class HostCollectorOptionalPartsTest {
    private static final Instant T0 = Instant.parse("2026-11-25T20:00:00Z");
    private static final List<String> OPTIONAL = List.of("netstat", "nstat", "conntrack", "linux_sysctl_fs",
            "interrupts");

    @TempDir
    Path tmp;
    HostPaths paths;

    @BeforeEach
    void setUp() throws Exception {
        Path proc = tmp.resolve("proc");
        Fixtures.copyTree(Fixtures.dir("vm-2cpu-net"), proc);
        paths = new HostPaths(proc, Files.createDirectories(tmp.resolve("sys")), tmp);
    }

    private TestAcc collect(HostPaths where, Map<String, Object> config) throws Exception {
        TestAcc acc = new TestAcc();
        try (HostCollector c = new HostCollector(HostConfig.from(ConfigNode.of(config)), where,
                HostCollector.defaultStatFs(), 4096)) {
            c.collect(T0, acc);
        }
        return acc;
    }

    @Test
    void offByDefault() throws Exception {
        HostConfig defaults = HostConfig.defaults();
        assertThat(defaults.parts()).doesNotContainAnyElementsOf(OPTIONAL);
        assertThat(defaults.netProtocolStats()).isFalse();
        TestAcc acc = collect(paths, Map.of("parts", List.of("net")));
        assertThat(acc.points).extracting(Point::measurement).containsOnly("net");
        assertThat(acc.points).noneMatch(p -> "all".equals(p.tag("interface")));
    }

    @Test
    void recordedTreeGivesTelegrafsShapes() throws Exception {
        TestAcc acc = collect(paths, Map.of("parts", List.of("net"), "extra_parts", OPTIONAL,
                "net_protocol_stats", true));
        assertThat(acc.errors).isEmpty();

        Point netstat = acc.of("netstat").get(0);
        assertThat(netstat.fields()).hasSize(13).containsEntry("tcp_established", 4L).containsEntry("tcp_time_wait", 61L)
                .containsEntry("tcp_listen", 5L).containsEntry("tcp_none", 0L).containsEntry("udp_socket", 0L);

        assertThat(acc.of("nstat")).extracting(p -> p.tag("name")).containsExactly("netstat", "snmp", "snmp6");
        Point snmp = acc.of("nstat").get(1);
        assertThat(snmp.fields()).containsEntry("TcpActiveOpens", 1184L).containsEntry("TcpMaxConn", -1L)
                .containsEntry("IcmpInMsgs", 1L);
        assertThat(acc.of("nstat").get(0).fields()).containsEntry("IpExtInOctets", 621328040L);
        assertThat(acc.of("nstat").get(2).fields()).containsEntry("Ip6InReceives", 1L).hasSize(91);

        // cat sys/net/netfilter/nf_conntrack_count nf_conntrack_max: 0, 262144 (floats, as Telegraf writes them)
        assertThat(acc.of("conntrack").get(0).fields()).containsExactly(Map.entry("ip_conntrack_count", 0.0),
                Map.entry("ip_conntrack_max", 262144.0));

        assertThat(acc.of("linux_sysctl_fs").get(0).fields()).containsEntry("file-nr", 2371L)
                .containsEntry("file-max", 2466170L).containsEntry("dentry-nr", 232824L).containsEntry("aio-max-nr", 65536L);

        Point irq24 = acc.of("interrupts").stream().filter(p -> "24".equals(p.tag("irq"))).findFirst().orElseThrow();
        assertThat(irq24.tags()).containsEntry("type", "IO-APIC").containsEntry("device", "5-edge ACPI:Ged");
        assertThat(irq24.fields()).containsExactly(Map.entry("CPU0", 1L), Map.entry("CPU1", 0L), Map.entry("total", 1L));
        Point timer = acc.of("soft_interrupts").stream().filter(p -> "TIMER".equals(p.tag("irq"))).findFirst()
                .orElseThrow();
        assertThat(timer.tags()).containsOnlyKeys("irq");
        assertThat(timer.fields()).containsEntry("total", 64102L + 78677L);

        Point all = acc.of("net").stream().filter(p -> "all".equals(p.tag("interface"))).findFirst().orElseThrow();
        assertThat(all.fields()).containsEntry("tcp_activeopens", 1184L).containsEntry("ip_forwarding", 2L)
                .containsEntry("tcp_maxconn", -1L);
        assertThat(all.fields().keySet()).allMatch(k -> k.equals(k.toLowerCase()) && k.contains("_"));
    }

    @Test
    void optionsDumpZerosAndCpuAsTag() throws Exception {
        TestAcc acc = collect(paths, Map.of("parts", List.of("nstat", "interrupts"), "nstat_dump_zeros", false,
                "interrupts_cpu_as_tag", true));
        assertThat(acc.of("nstat")).allSatisfy(p -> assertThat(p.fields().values()).doesNotContain(0L));
        assertThat(acc.of("nstat").get(1).fields()).containsEntry("TcpActiveOpens", 1184L);
        List<Point> timer = acc.of("soft_interrupts").stream().filter(p -> "TIMER".equals(p.tag("irq"))).toList();
        assertThat(timer).extracting(p -> p.tag("cpu")).containsExactly("cpu0", "cpu1");
        assertThat(timer).extracting(p -> p.field("count")).containsExactly(64102L, 78677L);
    }

    @Test
    void aHostWithoutConntrackReportsItAndTheOtherPartsGoOn() throws Exception {
        Files.delete(paths.proc("sys/net/netfilter/nf_conntrack_count"));
        Files.delete(paths.proc("sys/net/netfilter/nf_conntrack_max"));
        TestAcc acc = collect(paths, Map.of("parts", List.of("conntrack", "netstat")));
        assertThat(acc.errors).containsOnlyKeys("conntrack");
        assertThat(acc.errors.get("conntrack")).hasMessageContaining("nf_conntrack module");
        assertThat(acc.of("netstat")).hasSize(1);
    }

    /** Not Files.readString: it reads a proc file's first byte alone, and sysctl files then answer end of file. */
    private static String proc(String rel) throws java.io.IOException {
        try (var in = Files.newInputStream(Path.of("/proc", rel))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void thisMachinesRealProc() throws Exception {
        // a kernel without nf_conntrack has no counters: that part is then left out here (its error is tested above)
        boolean conntrack = Files.exists(Path.of("/proc/sys/net/netfilter/nf_conntrack_max"));
        List<String> parts = OPTIONAL.stream().filter(p -> conntrack || !p.equals("conntrack")).toList();
        CollectorContext ctx = new CollectorContext(HostPaths.defaults(), Clock.systemUTC(), "test", null, Map.of());
        TestAcc acc = new TestAcc();
        try (var c = new HostCollectorPlugin().create(ConfigNode.of(Map.of("parts", parts, "extra_parts",
                List.of("net"), "net_protocol_stats", true)), ctx)) {
            c.collect(Instant.now(), acc);
        }
        assertThat(acc.errors).as("errors").isEmpty();
        assertThat(acc.of("netstat").get(0).fields()).hasSize(13).allSatisfy((k, v) -> assertThat((Long) v).isNotNegative());
        assertThat(acc.of("nstat")).extracting(p -> p.tag("name")).contains("netstat", "snmp");
        assertThat(acc.of("nstat").stream().filter(p -> "snmp".equals(p.tag("name"))).findFirst().orElseThrow()
                .fields()).containsKeys("TcpActiveOpens", "UdpInDatagrams", "IpInReceives");
        long fileMax = Long.parseLong(proc("sys/fs/file-nr").trim().split("\\s+")[2]);
        assertThat(acc.of("linux_sysctl_fs").get(0).field("file-max")).isEqualTo(fileMax);
        long cpus = Files.readAllLines(Path.of("/proc/softirqs")).get(0).trim().split("\\s+").length;
        assertThat(acc.of("soft_interrupts")).isNotEmpty()
                .allSatisfy(p -> assertThat(p.fields()).hasSize((int) cpus + 1).containsKey("total"));
        assertThat(acc.of("interrupts")).isNotEmpty();
        if (conntrack) {
            long max = Long.parseLong(proc("sys/net/netfilter/nf_conntrack_max").trim());
            assertThat(acc.of("conntrack").get(0).field("ip_conntrack_max")).isEqualTo((double) max);
        }
        assertThat(acc.of("net").stream().filter(p -> "all".equals(p.tag("interface"))).findFirst().orElseThrow()
                .fields()).containsKeys("tcp_activeopens", "udp_indatagrams", "ip_inreceives");
    }
}
