package io.hostpulse.agent.events;

import io.hostpulse.core.Event;
import io.hostpulse.exporters.pipeline.Buffer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutputWatchTest {
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    final OutputWatch w = new OutputWatch();

    static Buffer.Stats s(long queued, long written, long retried, long dropped, String err) {
        return new Buffer.Stats(queued, queued * 100, written, retried, Map.of("overflow", dropped), 0, err);
    }

    List<Event> poll(int sec, Buffer.Stats st) {
        return w.poll(Map.of("influxdb", st), T0.plusSeconds(sec));
    }

    @Test
    void anOutageAndItsRecoveryWithCounts() {
        assertThat(poll(0, s(0, 100, 0, 0, ""))).isEmpty();
        assertThat(poll(10, s(5, 100, 0, 0, ""))).isEmpty(); // items waiting, no failure yet
        List<Event> down = poll(20, s(40, 100, 2, 0, "cannot connect to http://influx:8086"));
        assertThat(down).hasSize(1);
        assertThat(down.get(0).source()).isEqualTo("agent");
        assertThat(down.get(0).level()).isEqualTo("warning");
        assertThat(down.get(0).labels()).containsEntry("action", "output_outage");
        assertThat(down.get(0).metadata()).containsEntry("output", "influxdb").containsEntry("buffered", "40")
                .containsEntry("error", "cannot connect to http://influx:8086");
        assertThat(poll(30, s(90, 100, 3, 0, "cannot connect"))).isEmpty(); // still down: no repeat
        assertThat(poll(40, s(120, 100, 4, 7, "cannot connect"))).isEmpty();
        List<Event> up = poll(70, s(3, 330, 5, 7, "cannot connect"));
        assertThat(up).hasSize(1);
        Event r = up.get(0);
        assertThat(r.labels()).containsEntry("action", "output_recovered");
        assertThat(r.level()).isEqualTo("warning"); // something was dropped meanwhile
        assertThat(r.metadata()).containsEntry("outage_seconds", "50").containsEntry("delivered", "230")
                .containsEntry("dropped", "7").containsEntry("buffered_max", "120").containsEntry("buffered", "3");
        assertThat(r.message()).isEqualTo("output influxdb recovered after 50s: 230 items delivered, 7 dropped, at most 120 buffered");
        assertThat(poll(80, s(0, 333, 5, 7, ""))).isEmpty();
    }

    @Test
    void aFailedWriteThatStillWroteSomethingIsNoOutage() {
        poll(0, s(0, 0, 0, 0, ""));
        assertThat(poll(10, s(10, 50, 1, 0, "HTTP 503"))).isEmpty();
        assertThat(poll(20, s(0, 60, 1, 0, ""))).isEmpty();
    }
}
