package io.hostpulse.collectors.host.netstat;

import io.hostpulse.collectors.host.Fixtures;
import io.hostpulse.collectors.host.ParseProblems;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SocketStatesTest {
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid"
            + "  timeout inode\n";

    private static String line(int sl, String state) {
        return String.format("%4d: 0100007F:1F90 00000000:0000 %s 00000000:00000000 00:00000000 00000000     0        0"
                + " 1234 1 0000000000000000 100 0 0 10 0%n", sl, state);
    }

    @Test
    void countsEachKernelStateUnderTelegrafsName() {
        Map<String, Long> counts = new HashMap<>();
        ParseProblems problems = new ParseProblems();
        SocketStates.countTcp(HEADER + line(0, "0A") + line(1, "01") + line(2, "01") + line(3, "06") + line(4, "0b")
                + line(5, "0C"), counts, problems);
        assertThat(counts).containsOnly(Map.entry("tcp_listen", 1L), Map.entry("tcp_established", 2L),
                Map.entry("tcp_time_wait", 1L), Map.entry("tcp_closing", 1L), Map.entry("tcp_none", 1L));
        assertThat(problems.isEmpty()).isTrue();
        assertThat(SocketStates.TCP_FIELDS).containsEntry("02", "tcp_syn_sent").containsEntry("03", "tcp_syn_recv")
                .containsEntry("04", "tcp_fin_wait1").containsEntry("05", "tcp_fin_wait2").containsEntry("07", "tcp_close")
                .containsEntry("08", "tcp_close_wait").containsEntry("09", "tcp_last_ack").hasSize(11);
    }

    @Test
    void udpCountsSocketsAndAnEmptyTableIsZero() {
        ParseProblems problems = new ParseProblems();
        assertThat(SocketStates.countUdp(HEADER + line(0, "07") + line(1, "01"), problems)).isEqualTo(2);
        assertThat(SocketStates.countUdp(HEADER, problems)).isZero();
        assertThat(SocketStates.countUdp("", problems)).isZero();
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void recordedTablesCountAsAwkDoes() {
        // awk 'NR>1{print $4}' net/tcp net/tcp6 | sort | uniq -c  ->  4 x 01, 61 x 06, 5 x 0A
        Map<String, Long> counts = new HashMap<>();
        ParseProblems problems = new ParseProblems();
        SocketStates.countTcp(Fixtures.read("vm-2cpu-net", "net/tcp"), counts, problems);
        SocketStates.countTcp(Fixtures.read("vm-2cpu-net", "net/tcp6"), counts, problems);
        assertThat(counts).containsOnly(Map.entry("tcp_established", 4L), Map.entry("tcp_time_wait", 61L),
                Map.entry("tcp_listen", 5L));
        assertThat(SocketStates.countUdp(Fixtures.read("vm-2cpu-net", "net/udp"), problems)).isZero();
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void garbledLinesAreNotedNotCounted() {
        Map<String, Long> counts = new HashMap<>();
        ParseProblems problems = new ParseProblems();
        SocketStates.countTcp(HEADER + "garbage\n   7: 0100007F:1F90 00000000:0000 ZZ x\n" + line(0, "01"), counts,
                problems);
        assertThat(counts).containsOnly(Map.entry("tcp_established", 1L));
        assertThat(problems.count()).isEqualTo(2);
    }
}
