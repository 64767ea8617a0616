package io.hostpulse.collectors.docker.netmap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeStoreTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static EdgeStore.Seen seen(String client, String server, int port, int connections) {
        return new EdgeStore.Seen(client, server, port, "tcp", "net_a", false, connections, null, null);
    }

    @Test
    void anEdgeIsAddedOnceAndRememberedWithZeroConnectionsUntilTheRetentionEnds() {
        EdgeStore s = new EdgeStore(null, Duration.ofDays(7), 100);
        EdgeStore.Update u1 = s.observe(List.of(seen("web", "app", 80, 2), seen("web", "app", 80, 1)), T0);
        assertThat(u1.added()).hasSize(1);
        assertThat(u1.edges()).singleElement().satisfies(e -> {
            assertThat(e.connections()).isEqualTo(3);
            assertThat(e.firstSeen()).isEqualTo(T0);
        });
        EdgeStore.Update u2 = s.observe(List.of(), T0.plus(Duration.ofDays(6)));
        assertThat(u2.added()).isEmpty();
        assertThat(u2.edges()).singleElement().satisfies(e -> {
            assertThat(e.connections()).isZero();
            assertThat(e.lastSeen()).isEqualTo(T0);
        });
        EdgeStore.Update u3 = s.observe(List.of(seen("web", "app", 80, 1)), T0.plus(Duration.ofDays(6)));
        assertThat(u3.added()).isEmpty();
        assertThat(u3.edges().get(0).firstSeen()).isEqualTo(T0);
        assertThat(s.observe(List.of(), T0.plus(Duration.ofDays(13)).plusSeconds(1)).edges()).isEmpty();
    }

    @Test
    void theBoundForgetsTheEdgesSeenLongestAgoAndCountsWhatDoesNotFit() {
        EdgeStore s = new EdgeStore(null, Duration.ofDays(7), 3);
        s.observe(List.of(seen("a", "x", 1, 1)), T0);
        s.observe(List.of(seen("b", "x", 1, 1)), T0.plusSeconds(10));
        s.observe(List.of(seen("c", "x", 1, 1)), T0.plusSeconds(20));
        EdgeStore.Update u = s.observe(List.of(seen("d", "x", 1, 1)), T0.plusSeconds(30));
        assertThat(u.edges()).extracting(NetworkMap.Edge::client).containsExactly("b", "c", "d");
        List<EdgeStore.Seen> many = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            many.add(seen("n" + i, "x", 1, i + 1));
        }
        EdgeStore.Update v = s.observe(many, T0.plusSeconds(40));
        assertThat(v.dropped()).isEqualTo(2);
        assertThat(v.edges()).extracting(NetworkMap.Edge::client).containsExactly("n2", "n3", "n4"); // the busiest
    }

    @Test
    void theFileKeepsTheEdgesAcrossARestart(@TempDir Path dir) throws IOException {
        Path f = dir.resolve(EdgeStore.FILE);
        EdgeStore s = new EdgeStore(f, Duration.ofDays(7), 100);
        s.observe(List.of(seen("web", "app", 80, 1)), T0);
        EdgeStore again = new EdgeStore(f, Duration.ofDays(7), 100);
        EdgeStore.Update u = again.observe(List.of(seen("web", "app", 80, 1), seen("app", "db", 5432, 1)), T0.plusSeconds(60));
        assertThat(u.added()).extracting(NetworkMap.Edge::server).containsExactly("db");
        assertThat(u.edges()).filteredOn(e -> e.server().equals("app")).singleElement()
                .satisfies(e -> assertThat(e.firstSeen()).isEqualTo(T0));
        assertThat(Files.readString(f)).contains("\"version\":1").contains("\"server\":\"db\"");
    }

    @Test
    void lastSeenIsWrittenAtMostEveryFiveMinutesButNewEdgesAtOnce(@TempDir Path dir) throws IOException {
        Path f = dir.resolve(EdgeStore.FILE);
        EdgeStore s = new EdgeStore(f, Duration.ofDays(7), 100);
        s.observe(List.of(seen("web", "app", 80, 1)), T0);
        s.observe(List.of(seen("web", "app", 80, 1)), T0.plusSeconds(60));
        assertThat(Files.readString(f)).contains(T0.toString()).doesNotContain(T0.plusSeconds(60).toString());
        s.observe(List.of(seen("web", "app", 80, 1), seen("app", "db", 5432, 1)), T0.plusSeconds(70));
        assertThat(Files.readString(f)).contains("\"server\":\"db\"").contains(T0.plusSeconds(70).toString());
        s.observe(List.of(seen("web", "app", 80, 1)), T0.plusSeconds(70).plus(EdgeStore.SAVE_EVERY));
        assertThat(Files.readString(f)).contains(T0.plusSeconds(70).plus(EdgeStore.SAVE_EVERY).toString());
    }

    @Test
    void anUnreadableFileStartsEmptyAndAReadOnlyStoreNeverWrites(@TempDir Path dir) throws IOException {
        Path f = dir.resolve(EdgeStore.FILE);
        Files.writeString(f, "{\"version\":1,\"edges\":[{\"client\":\"a\"}]}");
        EdgeStore broken = EdgeStore.readOnly(f, Duration.ofDays(7), 100);
        assertThat(broken.size()).isZero();
        broken.observe(List.of(seen("web", "app", 80, 1)), T0);
        broken.flush(T0);
        assertThat(Files.readString(f)).isEqualTo("{\"version\":1,\"edges\":[{\"client\":\"a\"}]}");
        Files.writeString(f, "not json");
        assertThat(new EdgeStore(f, Duration.ofDays(7), 100).size()).isZero();
    }
}
