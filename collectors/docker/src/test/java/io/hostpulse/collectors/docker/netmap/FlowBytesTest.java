package io.hostpulse.collectors.docker.netmap;

import io.hostpulse.collectors.docker.netmap.socket.ConntrackEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FlowBytesTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final String EDGE = EdgeStore.key("web", "app", 8000, "tcp", "net_a");

    static Connections.Connection conn(int clientPort) {
        return new Connections.Connection("tcp|10.1.0.2|" + clientPort + "|10.1.0.3|8000", "web", "app", 8000, "tcp", "net_a", false);
    }

    static ConntrackEntry entry(int clientPort, long orig, long reply) {
        return new ConntrackEntry("ipv4", "tcp", "ESTABLISHED", "10.1.0.2", "10.1.0.3", clientPort, 8000,
                "10.1.0.3", "10.1.0.2", 8000, clientPort, 10L, orig, 8L, reply);
    }

    @Test
    void bytesAreSummedPerEdgeAndTheRateStartsAtTheSecondReading() {
        FlowBytes f = new FlowBytes();
        Map<String, FlowBytes.Counted> first = f.count(List.of(conn(1), conn(2)), List.of(entry(1, 100, 900), entry(2, 50, 50)), T0);
        assertThat(first.get(EDGE)).isEqualTo(new FlowBytes.Counted(1100, null));
        // connection 1 grew by 1000, connection 2 ended, connection 3 is new with 500 bytes
        Map<String, FlowBytes.Counted> second = f.count(List.of(conn(1), conn(3)), List.of(entry(1, 600, 1400), entry(3, 250, 250)), T0.plusSeconds(10));
        assertThat(second.get(EDGE).bytes()).isEqualTo(2500);
        assertThat(second.get(EDGE).bytesPerSecond()).isEqualTo(150.0);
    }

    @Test
    void aDnatEntryMatchesByItsReplyTupleTurnedRound() {
        // outside 203.0.113.9:51000 -> host 192.168.1.10:8080, DNAT to web 10.1.0.2:80
        ConntrackEntry dnat = new ConntrackEntry("ipv4", "tcp", "ESTABLISHED", "203.0.113.9", "192.168.1.10", 51000, 8080,
                "10.1.0.2", "203.0.113.9", 80, 51000, 3L, 300L, 2L, 200L);
        Connections.Connection c = new Connections.Connection("tcp|203.0.113.9|51000|10.1.0.2|80", "outside", "web", 80, "tcp", "net_a", true);
        assertThat(new FlowBytes().count(List.of(c), List.of(dnat), T0).get(EdgeStore.key("outside", "web", 80, "tcp", "net_a")).bytes())
                .isEqualTo(500);
    }

    @Test
    void withoutCountsThereIsNothingAndTheRateStartsAgain() {
        FlowBytes f = new FlowBytes();
        f.count(List.of(conn(1)), List.of(entry(1, 100, 100)), T0);
        assertThat(f.count(List.of(conn(1)), null, T0.plusSeconds(10))).isEmpty();
        ConntrackEntry uncounted = new ConntrackEntry("ipv4", "tcp", "ESTABLISHED", "10.1.0.2", "10.1.0.3", 1, 8000,
                "10.1.0.3", "10.1.0.2", 8000, 1, null, null, null, null);
        assertThat(f.count(List.of(conn(1)), List.of(uncounted), T0.plusSeconds(20))).isEmpty();
        assertThat(f.count(List.of(conn(1)), List.of(entry(1, 300, 300)), T0.plusSeconds(30)).get(EDGE).bytesPerSecond()).isNull();
    }
}
