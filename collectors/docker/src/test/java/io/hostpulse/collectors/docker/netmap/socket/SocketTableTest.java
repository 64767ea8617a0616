package io.hostpulse.collectors.docker.netmap.socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocketTableTest {
    private static final ByteOrder X86 = ByteOrder.LITTLE_ENDIAN; // the recordings' machine
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
        + "   uid  timeout inode\n";
    /** A real line: sshd on 127.0.0.1:22 (the kernel's own example in Documentation/networking/proc_net_tcp.rst). */
    private static final String SSHD = "   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000"
        + "     0        0 18305 1 ffff8800abcd0000 100 0 0 10 0";

    private static SocketTable.Result parse(String text, String proto) {
        return SocketTable.parse(text, proto, X86);
    }

    private static Socket one(String line) {
        SocketTable.Result r = parse(HEADER + line + "\n", "tcp");
        assertThat(r.malformed()).as(line).isZero();
        assertThat(r.sockets()).as(line).hasSize(1);
        return r.sockets().get(0);
    }

    @Test
    void decodesTheLittleEndianWordsOfAnIpv4Address() {
        assertThat(one(SSHD)).isEqualTo(new Socket("tcp", "127.0.0.1", 22, "0.0.0.0", 0, SocketState.LISTEN, 18305));
        Socket s = one("   1: 020012AC:1F90 030012AC:C350 01 00000000:00000000 00:00000000 00000000  0 0 77 1");
        assertThat(s.localIp()).isEqualTo("172.18.0.2");
        assertThat(s.localPort()).isEqualTo(8080);
        assertThat(s.remoteIp()).isEqualTo("172.18.0.3");
        assertThat(s.remotePort()).isEqualTo(50000);
        assertThat(s.established()).isTrue();
        assertThat(s.listening()).isFalse();
    }

    @Test
    void decodesTheFourWordsOfAnIpv6Address() {
        // fd00::2 is fd 00 00 00 ... 00 02: the first word's bytes fd,00,00,00 print as 000000FD
        Socket s = one("   0: 000000FD000000000000000002000000:01BB 000000FD000000000000000003000000:D431 01"
            + " 00000000:00000000 00:00000000 00000000  0 0 99 1");
        assertThat(s.localIp()).isEqualTo("fd00::2");
        assertThat(s.localPort()).isEqualTo(443);
        assertThat(s.remoteIp()).isEqualTo("fd00::3");
        assertThat(s.remotePort()).isEqualTo(54321);
    }

    @Test
    void aBigEndianKernelWritesTheBytesInOrder() {
        SocketTable.Result r = SocketTable.parse(HEADER
            + "   0: 7F000001:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 5 1\n", "tcp",
            ByteOrder.BIG_ENDIAN);
        assertThat(r.sockets().get(0).localIp()).isEqualTo("127.0.0.1");
    }

    @Test
    void recordedIpv4TcpTable() {
        SocketTable.Result r = parse(Recorded.text("proc-net-tcp"), "tcp");
        assertThat(r.malformed()).isZero();
        assertThat(r.sockets()).hasSize(7);
        assertThat(r.sockets()).filteredOn(Socket::listening).extracting(Socket::localIp, Socket::localPort)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("0.0.0.0", 2024),
                org.assertj.core.groups.Tuple.tuple("127.0.0.1", 47001));
        // the connection 127.0.0.1:60108 -> 47001, seen from both ends
        assertThat(r.sockets()).contains(
            new Socket("tcp", "127.0.0.1", 47001, "127.0.0.1", 60108, SocketState.ESTABLISHED, 1969281),
            new Socket("tcp", "127.0.0.1", 60108, "127.0.0.1", 47001, SocketState.ESTABLISHED, 1969280));
        // the one the client closed: FIN_WAIT2 without an owning file (inode 0), CLOSE_WAIT at the server
        assertThat(r.sockets()).contains(
            new Socket("tcp", "127.0.0.1", 60118, "127.0.0.1", 47001, SocketState.FIN_WAIT2, 0),
            new Socket("tcp", "127.0.0.1", 47001, "127.0.0.1", 60118, SocketState.CLOSE_WAIT, 1969289));
        // the client end of the IPv4 connection to the dual-stack listener
        assertThat(r.sockets()).contains(
            new Socket("tcp", "127.0.0.1", 46512, "127.0.0.1", 47003, SocketState.ESTABLISHED, 1969284));
    }

    @Test
    void recordedIpv6TcpTableWithIpv4MappedPeers() {
        SocketTable.Result r = parse(Recorded.text("proc-net-tcp6"), "tcp");
        assertThat(r.malformed()).isZero();
        assertThat(r.sockets()).hasSize(25);
        assertThat(r.sockets()).filteredOn(Socket::listening).extracting(Socket::localIp, Socket::localPort)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("::1", 47002),
                org.assertj.core.groups.Tuple.tuple("::", 47003));
        assertThat(r.sockets()).contains(
            new Socket("tcp", "::1", 47002, "::1", 43264, SocketState.ESTABLISHED, 1969283),
            new Socket("tcp", "::1", 43264, "::1", 47002, SocketState.ESTABLISHED, 1969282),
            new Socket("tcp", "::1", 47003, "::1", 60960, SocketState.ESTABLISHED, 1969287));
        // the server end of 127.0.0.1:46512 -> [::]:47003 is ::ffff:127.0.0.1, written as the plain IPv4 text so it
        // matches the client end in the IPv4 table
        assertThat(r.sockets()).contains(
            new Socket("tcp", "127.0.0.1", 47003, "127.0.0.1", 46512, SocketState.ESTABLISHED, 1969285));
        assertThat(r.sockets()).filteredOn(s -> s.state() == SocketState.TIME_WAIT).hasSize(18)
            .allSatisfy(s -> assertThat(s.inode()).isZero());
    }

    @Test
    void recordedUdpTables() {
        SocketTable.Result v4 = parse(Recorded.text("proc-net-udp"), "udp");
        assertThat(v4.malformed()).isZero();
        assertThat(v4.sockets()).containsExactly(
            new Socket("udp", "127.0.0.1", 54218, "127.0.0.1", 47004, SocketState.ESTABLISHED, 1969292),
            new Socket("udp", "127.0.0.1", 47004, "0.0.0.0", 0, SocketState.CLOSE, 1969290));
        assertThat(v4.sockets().get(0).established()).isTrue();
        assertThat(v4.sockets().get(0).listening()).isFalse();
        assertThat(v4.sockets().get(1).listening()).isTrue();
        assertThat(v4.sockets().get(1).established()).isFalse();

        SocketTable.Result v6 = parse(Recorded.text("proc-net-udp6"), "udp");
        assertThat(v6.malformed()).isZero();
        assertThat(v6.sockets()).containsExactly(
            new Socket("udp", "::1", 53977, "::1", 47005, SocketState.ESTABLISHED, 1969293),
            new Socket("udp", "::1", 47005, "::", 0, SocketState.CLOSE, 1969291));
    }

    @Test
    void recordedTablesOf200Sockets() {
        SocketTable.Result v4 = parse(Recorded.text("proc-net-tcp-200"), "tcp");
        SocketTable.Result v6 = parse(Recorded.text("proc-net-tcp6-200"), "tcp");
        assertThat(v4.malformed() + v6.malformed()).isZero();
        assertThat(v4.sockets()).filteredOn(s -> s.localPort() == 47010 && s.established()).hasSize(99);
        assertThat(v4.sockets()).filteredOn(s -> s.remotePort() == 47010 && s.established()).hasSize(99);
        assertThat(v6.sockets()).filteredOn(s -> s.localPort() == 47011 && s.established()).hasSize(99)
            .allSatisfy(s -> assertThat(s.remoteIp()).isEqualTo("::1"));
        assertThat(v6.sockets()).filteredOn(Socket::listening).extracting(Socket::localPort).containsExactly(47011);
    }

    @Test
    void udpBoundButConnectedIsNotListening() {
        Socket s = parse(HEADER + "  1: 0100007F:0035 0100007F:9C40 07 00000000:00000000 00:00000000 00000000 0 0 9 2\n",
            "udp").sockets().get(0);
        assertThat(s.listening()).isFalse();
        // the same state in a TCP table is a closed socket, not a listener
        Socket t = parse(HEADER + "  1: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 9 2\n",
            "tcp").sockets().get(0);
        assertThat(t.listening()).isFalse();
    }

    @Test
    void everyStateOfTcpStatesH() {
        String[] names = {"ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE",
            "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"};
        for (int i = 0; i < names.length; i++) {
            assertThat(SocketState.ofHex(i + 1).name()).isEqualTo(names[i]);
        }
        assertThat(SocketState.ofHex(0)).isEqualTo(SocketState.UNKNOWN);
        assertThat(SocketState.ofHex(0x0D)).isEqualTo(SocketState.UNKNOWN);
        assertThat(SocketState.ofHex(-1)).isEqualTo(SocketState.UNKNOWN);
        assertThat(one(SSHD.replace(" 0A ", " 0C ")).state()).isEqualTo(SocketState.NEW_SYN_RECV);
        assertThat(one(SSHD.replace(" 0A ", " FF ")).state()).isEqualTo(SocketState.UNKNOWN);
    }

    @Test
    void emptyFileHeaderOnlyAndMissingHeader() {
        assertThat(parse("", "tcp")).isEqualTo(new SocketTable.Result(List.of(), 0));
        assertThat(parse(HEADER, "tcp")).isEqualTo(new SocketTable.Result(List.of(), 0));
        assertThat(parse("\n\n  \n", "udp")).isEqualTo(new SocketTable.Result(List.of(), 0));
        String recorded = Recorded.text("proc-net-tcp");
        String headless = recorded.substring(recorded.indexOf('\n') + 1);
        assertThat(parse(headless, "tcp")).isEqualTo(parse(recorded, "tcp"));
    }

    @Test
    void crlfReadsLikeLf() {
        String recorded = Recorded.text("proc-net-tcp6");
        assertThat(parse(recorded.replace("\n", "\r\n"), "tcp")).isEqualTo(parse(recorded, "tcp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0", // cut before inode
        "   0: 0100007F:0016 00000000:00",                       // cut in an address
        "   0: 0100007F",
        "   0:",
        "   0: 0100007F:10000 00000000:0000 0A 0:0 0:0 0 0 0 5", // port 65536
        "   0: 0100007F:FFFFF 00000000:0000 0A 0:0 0:0 0 0 0 5",
        "   0: 0100007F:016 00000000:0000 0A 0:0 0:0 0 0 0 5",   // 3-digit port
        "   0: 100007F:0016 00000000:0000 0A 0:0 0:0 0 0 0 5",   // 7-digit address
        "   0: 10100007F:0016 00000000:0000 0A 0:0 0:0 0 0 0 5", // hex overflow of a word
        "   0: 000000000100007F:0016 00000000:0000 0A 0:0 0:0 0 0 0 5", // 16 digits: neither width
        "   0: 0100007F:0016 00000000000000000000000000000000:0000 0A 0:0 0:0 0 0 0 5", // widths differ
        "   0: 0100007G:0016 00000000:0000 0A 0:0 0:0 0 0 0 5",  // not hex
        "   0: 0100007F:0016 00000000:0000 A 0:0 0:0 0 0 0 5",   // 1-digit state
        "   0: 0100007F:0016 00000000:0000 0AA 0:0 0:0 0 0 0 5",
        "   0: 0100007F:0016 00000000:0000 0A 0:0 0:0 0 0 0 99999999999999999999", // inode past a long
        "   0: 0100007F:0016 00000000:0000 0A 0:0 0:0 0 0 0 -5",
        "   0: 0100007F\u0000:0016 00000000:0000 0A 0:0 0:0 0 0 0 5", // NUL inside a column
        "   0: 0100007F:0016 00000000:0000 0A 0:0 0:0 0 0 0 5\u0000",
        "   0 0100007F:0016 00000000:0000 0A 0:0 0:0 0 0 0 5",   // no slot colon
        "   0: ０１００００７Ｆ:0016 00000000:0000 0A 0:0 0:0 0 0 0 5", // full-width digits
    })
    void aBrokenLineIsCountedAndSkipped(String line) {
        SocketTable.Result r = parse(HEADER + SSHD + "\n" + line + "\n" + SSHD.replace("18305", "18306") + "\n", "tcp");
        assertThat(r.malformed()).isEqualTo(1);
        assertThat(r.sockets()).extracting(Socket::inode).containsExactly(18305L, 18306L);
    }

    @Test
    void veryLongLines() {
        String junk = "x".repeat(1 << 20);
        SocketTable.Result r = parse(HEADER + junk + "\n" + SSHD + " " + junk + "\n" + SSHD, "tcp");
        assertThat(r.malformed()).isEqualTo(1);
        assertThat(r.sockets()).hasSize(2); // trailing columns past the tenth are not read
    }

    @Test
    void binaryGarbageNeverThrows() {
        int round = 0;
        for (String text : Garbage.texts(200)) {
            SocketTable.Result r = parse(text, round++ % 2 == 0 ? "tcp" : "udp");
            assertThat(r.sockets()).isEmpty();
            assertThat(r.malformed()).isPositive().isLessThanOrEqualTo(text.split("\n", -1).length);
        }
        // garbage spliced into a real table costs only the lines it lands on
        String recorded = Recorded.text("proc-net-tcp");
        SocketTable.Result r = parse(recorded + "\u0000\u00ff\u0001garbage\n" + recorded, "tcp");
        assertThat(r.malformed()).isEqualTo(1);
        assertThat(r.sockets()).hasSize(14);
    }

    @Test
    void tenThousandLines() {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = 0; i < 10_000; i++) {
            b.append(String.format("%5d: %08X:%04X 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  0 0 %d 1%n",
                i, Integer.reverseBytes(0x0A000000 | i), 30000 + (i % 30000), 100000 + i));
        }
        SocketTable.Result r = parse(b.toString(), "tcp");
        assertThat(r.malformed()).isZero();
        assertThat(r.sockets()).hasSize(10_000);
        Socket last = r.sockets().get(9_999);
        assertThat(last.localIp()).isEqualTo("10.0.39.15"); // 9999 = 0x270F
        assertThat(last.localPort()).isEqualTo(30000 + 9_999);
        assertThat(last.remoteIp()).isEqualTo("127.0.0.1");
        assertThat(last.remotePort()).isEqualTo(8080);
        assertThat(last.inode()).isEqualTo(109_999);
    }

    @Test
    void onlyTcpOrUdp() {
        assertThatThrownBy(() -> SocketTable.parse("", "tcp6")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("tcp6");
    }

    @Test
    void nativeOrderOnThisMachine() {
        // the two-argument form is for this machine's own /proc
        assertThat(SocketTable.parse(HEADER + SSHD, "tcp"))
            .isEqualTo(SocketTable.parse(HEADER + SSHD, "tcp", ByteOrder.nativeOrder()));
    }
}
