package io.hostpulse.collectors.host.nstat;

import io.hostpulse.collectors.host.Fixtures;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.collectors.host.nstat.SnmpTables.Counter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SnmpTablesTest {

    @Test
    void pairedHeaderAndValueLines() {
        ParseProblems problems = new ParseProblems();
        List<Counter> c = SnmpTables.parsePaired("Tcp: RtoMin MaxConn\nTcp: 200 -1\nIcmpMsg: InType3 OutType3\n"
                + "IcmpMsg: 7 9\n", problems);
        assertThat(c).containsExactly(new Counter("Tcp", "RtoMin", 200), new Counter("Tcp", "MaxConn", -1),
                new Counter("IcmpMsg", "InType3", 7), new Counter("IcmpMsg", "OutType3", 9));
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void mismatchedPairsAndNonNumbersAreNoted() {
        ParseProblems problems = new ParseProblems();
        List<Counter> c = SnmpTables.parsePaired("Ip: A B\nIp: 1\nUdp: X\nUdp: y\nTcp: Z\nTcp: 3\nLone: Q\n", problems);
        assertThat(c).containsExactly(new Counter("Tcp", "Z", 3));
        assertThat(problems.count()).isEqualTo(3);
    }

    @Test
    void singleNameValueLines() {
        ParseProblems problems = new ParseProblems();
        assertThat(SnmpTables.parseSingle("Ip6InReceives                   \t1\nIcmp6OutMsgs 0\nbad\n", problems))
                .containsExactly(new Counter("", "Ip6InReceives", 1), new Counter("", "Icmp6OutMsgs", 0));
        assertThat(problems.count()).isEqualTo(1);
    }

    @Test
    void recordedFiles() {
        // grep ^Tcp: net/snmp: "Tcp: 1 200 120000 -1 1184 ..." (ActiveOpens is the fifth column)
        ParseProblems problems = new ParseProblems();
        List<Counter> snmp = SnmpTables.parsePaired(Fixtures.read("vm-2cpu-net", "net/snmp"), problems);
        assertThat(snmp).contains(new Counter("Tcp", "ActiveOpens", 1184), new Counter("Tcp", "MaxConn", -1),
                new Counter("Ip", "Forwarding", 2));
        // 'head -1 net/netstat | wc -w' is 136 with the "TcpExt:" label; IpExt has 18 counters
        List<Counter> netstat = SnmpTables.parsePaired(Fixtures.read("vm-2cpu-net", "net/netstat"), problems);
        assertThat(netstat.stream().filter(x -> x.group().equals("TcpExt"))).hasSize(135);
        assertThat(netstat).contains(new Counter("IpExt", "InOctets", 621328040L));
        assertThat(SnmpTables.parseSingle(Fixtures.read("vm-2cpu-net", "net/snmp6"), problems)).hasSize(91)
                .contains(new Counter("", "Ip6InReceives", 1));
        assertThat(problems.isEmpty()).isTrue();
    }
}
