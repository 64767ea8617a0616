package io.hostpulse.collectors.docker.netmap.socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConntrackTableTest {
    /** A real line of nf_conntrack-acct-on (the veth peer's first TCP connection to port 8080). */
    private static final String TCP = "ipv4     2 tcp      6 431994 ESTABLISHED src=10.200.0.2 dst=10.200.0.1"
        + " sport=45046 dport=8080 packets=4 bytes=1216 src=10.200.0.1 dst=10.200.0.2 sport=8080 dport=45046 packets=3"
        + " bytes=3164 [ASSURED] mark=0 zone=0 use=2";

    private static ConntrackEntry one(String line) {
        ConntrackTable.Result r = ConntrackTable.parse(line + "\n");
        assertThat(r.malformed()).as(line).isZero();
        assertThat(r.entries()).hasSize(1);
        return r.entries().get(0);
    }

    @Test
    void aTcpLineWithCounts() {
        ConntrackEntry e = one(TCP);
        assertThat(e).isEqualTo(new ConntrackEntry("ipv4", "tcp", "ESTABLISHED", "10.200.0.2", "10.200.0.1", 45046,
            8080, "10.200.0.1", "10.200.0.2", 8080, 45046, 4L, 1216L, 3L, 3164L));
        assertThat(e.bytes()).isEqualTo(1216L + 3164L);
    }

    @Test
    void recordedWithAccountingOn() {
        ConntrackTable.Result r = ConntrackTable.parse(Recorded.text("nf_conntrack-acct-on"));
        assertThat(r.malformed()).isZero();
        assertThat(r.entries()).hasSize(19).allSatisfy(e -> assertThat(e.bytes()).isNotNull());
        assertThat(r.counted()).isTrue();
        assertThat(r.entries()).extracting(ConntrackEntry::family).containsOnly("ipv4", "ipv6");
        assertThat(r.entries()).extracting(ConntrackEntry::proto).containsOnly("tcp", "udp", "icmp", "icmpv6");
        // IPv6 comes uncompressed (%pI6) and is made canonical
        assertThat(r.entries()).contains(new ConntrackEntry("ipv6", "tcp", "ESTABLISHED", "fd00:200::2",
            "fd00:200::1", 48320, 8443, "fd00:200::1", "fd00:200::2", 8443, 48320, 4L, 1296L, 3L, 3224L));
        assertThat(r.entries()).contains(new ConntrackEntry("ipv6", "udp", null, "::1", "::1", 55853, 5354, "::1",
            "::1", 5354, 55853, 1L, 148L, 1L, 248L));
        // icmp has no ports: type=/code=/id= are read past
        assertThat(r.entries()).contains(new ConntrackEntry("ipv4", "icmp", null, "10.200.0.1", "10.200.0.2", 0, 0,
            "10.200.0.2", "10.200.0.1", 0, 0, 2L, 168L, 2L, 168L));
        // [UNREPLIED] between the tuples; the reply direction counted 0
        assertThat(r.entries()).contains(new ConntrackEntry("ipv4", "udp", null, "10.200.0.2", "10.200.0.1", 52534, 9,
            "10.200.0.1", "10.200.0.2", 9, 52534, 1L, 30L, 0L, 0L));
        assertThat(r.entries()).filteredOn(e -> "CLOSE_WAIT".equals(e.state())).hasSize(3);
    }

    @Test
    void recordedWithAccountingOff() {
        ConntrackTable.Result r = ConntrackTable.parse(Recorded.text("nf_conntrack-acct-off"));
        assertThat(r.malformed()).isZero();
        assertThat(r.entries()).hasSize(5).allSatisfy(e -> {
            assertThat(e.origPackets()).isNull();
            assertThat(e.origBytes()).isNull();
            assertThat(e.replyPackets()).isNull();
            assertThat(e.replyBytes()).isNull();
            assertThat(e.bytes()).isNull();
        });
        assertThat(r.counted()).isFalse();
        assertThat(r.entries()).contains(new ConntrackEntry("ipv6", "tcp", "ESTABLISHED", "::1", "::1", 41740, 8443,
            "::1", "::1", 8443, 41740, null, null, null, null));
    }

    @Test
    void recordedAfterAccountingWasSwitchedOn() {
        ConntrackTable.Result r = ConntrackTable.parse(Recorded.text("nf_conntrack-acct-switched-on"));
        assertThat(r.malformed()).isZero();
        assertThat(r.entries()).hasSize(10);
        assertThat(r.entries()).filteredOn(e -> e.bytes() != null).hasSize(5);
        assertThat(r.counted()).isTrue();
    }

    @Test
    void emptyBlankAndCrlf() {
        assertThat(ConntrackTable.parse("")).isEqualTo(new ConntrackTable.Result(List.of(), 0));
        assertThat(ConntrackTable.parse("\n \r\n")).isEqualTo(new ConntrackTable.Result(List.of(), 0));
        String recorded = Recorded.text("nf_conntrack-acct-on");
        assertThat(ConntrackTable.parse(recorded.replace("\n", "\r\n"))).isEqualTo(ConntrackTable.parse(recorded));
    }

    @Test
    void otherProtocolsAndExtraFields() {
        ConntrackEntry gre = one("ipv4     2 gre      47 179 timeout=180, stream_timeout=180 src=192.0.2.1"
            + " dst=192.0.2.2 srckey=0x0 dstkey=0x0 src=192.0.2.2 dst=192.0.2.1 srckey=0x0 dstkey=0x0 [ASSURED] use=2");
        assertThat(gre.proto()).isEqualTo("gre");
        assertThat(gre.sport()).isZero();
        ConntrackEntry sctp = one("ipv4     2 sctp     132 431999 ESTABLISHED src=192.0.2.1 dst=192.0.2.2 sport=5000"
            + " dport=5001 src=192.0.2.2 dst=192.0.2.1 sport=5001 dport=5000 [ASSURED] mark=0 secctx=system_u:object_r"
            + " zone=0 delta-time=12 use=1");
        assertThat(sctp.state()).isEqualTo("ESTABLISHED");
        assertThat(sctp.dport()).isEqualTo(5001);
        ConntrackEntry nat = one("ipv4     2 tcp      6 86399 ESTABLISHED src=172.18.0.5 dst=93.184.216.34 sport=41000"
            + " dport=443 src=93.184.216.34 dst=192.168.1.20 sport=443 dport=41000 [ASSURED] mark=0 zone=0 use=2");
        assertThat(nat.replyDst()).isEqualTo("192.168.1.20"); // masqueraded: the reply goes to the host's address
        assertThat(nat.bytes()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ipv4     2 tcp      6 431994 ESTABLISHED src=10.200.0.2 dst=10.200.0.1 sport=45046 dport=8080 packets=4", // cut
        "ipv4     2 tcp      6 431994 ESTABLISHED src=10.200.0.2 dst=10.200.0.1 sport=45046 dport=8080 packets=4 bytes=1216 src=10.200.0.1 dst=10.200.0.2 sport=80",
        "ipv4     2 tcp",
        "ipv5     2 tcp      6 431994 ESTABLISHED src=10.200.0.2 dst=10.200.0.1 sport=1 dport=2 src=10.200.0.1 dst=10.200.0.2 sport=2 dport=1",
        "ipv4     x tcp      6 431994 ESTABLISHED src=10.200.0.2 dst=10.200.0.1 sport=1 dport=2 src=10.200.0.1 dst=10.200.0.2 sport=2 dport=1",
        "ipv4     2 tcp      6 -1 ESTABLISHED src=10.200.0.2 dst=10.200.0.1 sport=1 dport=2 src=10.200.0.1 dst=10.200.0.2 sport=2 dport=1",
        "ipv4     2 tcp      6 9 ESTABLISHED src=10.200.0.2 dst=10.200.0.1 sport=65536 dport=2 src=10.200.0.1 dst=10.200.0.2 sport=2 dport=65536",
        "ipv4     2 tcp      6 9 ESTABLISHED src=10.200.0.2 dst=10.200.0.1 dport=2 src=10.200.0.1 dst=10.200.0.2 sport=2", // no sport
        "ipv4     2 tcp      6 9 ESTABLISHED src=10.200.0.256 dst=10.200.0.1 sport=1 dport=2 src=10.200.0.1 dst=10.200.0.256 sport=2 dport=1",
        "ipv4     2 tcp      6 9 ESTABLISHED src=fd00::1 dst=fd00::2 sport=1 dport=2 src=fd00::2 dst=fd00::1 sport=2 dport=1", // family mismatch
        "ipv6     10 tcp     6 9 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1",
        "ipv4     2 tcp      6 9 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 packets=99999999999999999999 bytes=1 src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1",
        "ipv4     2 tcp      6 9 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 bytes=-1 src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1",
        "ipv4     2 tcp      6 9 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1 src=10.0.0.3 dst=10.0.0.1", // three tuples
        "ipv4     2 tcp      6 9 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 dst=10.0.0.3 sport=1 dport=2 src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1",
        "ipv4     2 tcp      6 9 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 src= dst=10.0.0.1 sport=2 dport=1",
        "ipv4     2 tcp      6 9 ESTABLISHED src=10.0.0.1\u0000 dst=10.0.0.2 sport=1 dport=2 src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1",
        "ipv4     2 tcp      6 9 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 junk src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1",
        "ipv4     2 tc\u00ffp    6 9 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1",
        "src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1",
    })
    void aBrokenLineIsCountedAndSkipped(String line) {
        ConntrackTable.Result r = ConntrackTable.parse(TCP + "\n" + line + "\n" + TCP.replace("45046", "45047"));
        assertThat(r.malformed()).isEqualTo(1);
        assertThat(r.entries()).extracting(ConntrackEntry::sport).containsExactly(45046, 45047);
    }

    @Test
    void anAddressSeenBeforeIsStillCheckedAgainstTheLinesFamily() {
        String v4 = "ipv4     2 udp      17 20 src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 src=10.0.0.2 dst=10.0.0.1"
            + " sport=2 dport=1";
        ConntrackTable.Result r = ConntrackTable.parse(v4 + "\n" + v4.replace("ipv4     2", "ipv6    10") + "\n");
        assertThat(r.entries()).hasSize(1);
        assertThat(r.malformed()).isEqualTo(1);
    }

    @Test
    void veryLongLines() {
        String junk = "x".repeat(1 << 20);
        ConntrackTable.Result r = ConntrackTable.parse(junk + "\n" + TCP + " " + "k=v ".repeat(100_000) + "\n" + TCP);
        assertThat(r.malformed()).isEqualTo(2); // the junk, and a line with more fields than any kernel writes
        assertThat(r.entries()).hasSize(1);
    }

    @Test
    void binaryGarbageNeverThrows() {
        for (String text : Garbage.texts(200)) {
            ConntrackTable.Result r = ConntrackTable.parse(text);
            assertThat(r.entries()).isEmpty();
            assertThat(r.malformed()).isPositive();
        }
    }

    @Test
    void tenThousandEntries() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            b.append(TCP.replace("sport=45046", "sport=" + (20000 + i)).replace("bytes=1216", "bytes=" + i)).append('\n');
        }
        ConntrackTable.Result r = ConntrackTable.parse(b.toString());
        assertThat(r.malformed()).isZero();
        assertThat(r.entries()).hasSize(10_000);
        assertThat(r.entries().get(9_999).sport()).isEqualTo(29_999);
        assertThat(r.entries().get(9_999).origBytes()).isEqualTo(9_999L);
        assertThat(r.entries().get(9_999).bytes()).isEqualTo(9_999L + 3164L);
    }
}
