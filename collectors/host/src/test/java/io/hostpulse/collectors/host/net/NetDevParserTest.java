package io.hostpulse.collectors.host.net;

import io.hostpulse.collectors.host.Fixtures;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.collectors.host.net.NetDevParser.NetDev;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NetDevParserTest {

    @Test
    void recordedNetDev() {
        ParseProblems problems = new ParseProblems();
        List<NetDev> l = NetDevParser.parse(Fixtures.read("vm-2cpu", "1/net/dev"), problems);
        assertThat(problems.isEmpty()).isTrue();
        assertThat(l).extracting(NetDev::name)
                .containsExactly("lo", "ifb0", "ifb1", "eth0", "br-67bd300729c0", "br-a0deca61b49a");
        // "eth0: 164038512 4303 0 0 0 0 0 0   439290 3258 0 0 0 0 0 0"
        assertThat(l.get(3)).isEqualTo(new NetDev("eth0", 164038512, 4303, 0, 0, 439290, 3258, 0, 0));
        // "br-67bd300729c0: 28 1 0 0 0 0 0 0 580 6 0 1 ..." : one transmit drop
        assertThat(l.get(4).dropOut()).isEqualTo(1);
    }

    @Test
    void counterTouchingTheColonAndErrorColumns() {
        String text = "Inter-|   Receive |  Transmit\n face |bytes packets|bytes\n"
                + "eth1:1234567890123 10 1 2 0 0 0 0 99 9 3 4 0 0 0 0\n";
        assertThat(NetDevParser.parse(text, new ParseProblems()))
                .containsExactly(new NetDev("eth1", 1234567890123L, 10, 1, 2, 99, 9, 3, 4));
    }

    @Test
    void truncatedAndEmptyInput() {
        ParseProblems problems = new ParseProblems();
        assertThat(NetDevParser.parse("", problems)).isEmpty();
        assertThat(NetDevParser.parse("eth0: 1 2 3\nnocolon 1 2\n: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n", problems))
                .isEmpty();
        assertThat(problems.count()).isEqualTo(3);
    }
}
