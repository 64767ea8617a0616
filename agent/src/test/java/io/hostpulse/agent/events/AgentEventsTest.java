package io.hostpulse.agent.events;

import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import io.hostpulse.exporters.pipeline.Buffer;
import io.hostpulse.exporters.pipeline.Output;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AgentEventsTest {

    /** An output whose buffer counters the test sets; stdout-like outputs (no buffer) are skipped. */
    static final class FakeOutput implements Output<Point> {
        final String name;
        volatile Buffer.Stats stats;

        FakeOutput(String name, Buffer.Stats stats) {
            this.name = name;
            this.stats = stats;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void accept(List<Point> points) {
        }

        @Override
        public void flush(Duration timeout) {
        }

        @Override
        public Buffer.Stats bufferStats() {
            return stats;
        }

        @Override
        public void close() {
        }
    }

    static Buffer.Stats s(long queued, long written, long retried) {
        return new Buffer.Stats(queued, 0, written, retried, Map.of(), 0, retried > 0 ? "HTTP 503: down" : "");
    }

    @Test
    void startOutageRecoveryAndStopInThatOrder() {
        List<Event> got = new ArrayList<>();
        FakeOutput influx = new FakeOutput("influxdb", s(0, 10, 0));
        FakeOutput stdout = new FakeOutput("stdout", null);
        AgentEvents ae = new AgentEvents(got::add, List.of(influx, stdout), Clock.systemUTC());
        ae.started("box", List.of("host", "docker"), Duration.ofHours(1)); // the test polls by hand
        ae.pollOnce();
        influx.stats = s(50, 10, 3);
        ae.pollOnce();
        influx.stats = s(0, 60, 3);
        ae.pollOnce();
        ae.stopping("shutdown");

        assertThat(got).extracting(e -> e.labels().get("action"))
                .containsExactly("start", "output_outage", "output_recovered", "stop");
        assertThat(got).allSatisfy(e -> assertThat(e.source()).isEqualTo("agent"));
        assertThat(got.get(0).metadata()).containsEntry("collectors", "host,docker").containsEntry("outputs", "influxdb,stdout");
        assertThat(got.get(1).metadata()).containsEntry("output", "influxdb").containsEntry("error", "HTTP 503: down")
                .containsEntry("buffered", "50");
        assertThat(got.get(2).metadata()).containsEntry("delivered", "50").containsEntry("dropped", "0");
        assertThat(got.get(3).message()).isEqualTo("hostpulse stopping: shutdown");
    }
}
