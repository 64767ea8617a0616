package io.hostpulse.agent.run;

import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.ConfigLoader;
import io.hostpulse.agent.selfmetrics.SelfMetrics;
import io.hostpulse.agent.wiring.Wiring;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.pipeline.Output;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.exporters.pipeline.OutputPlugin;
import io.hostpulse.exporters.pipeline.OutputSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events lane: events a collector hands over after a collection, events it pushes between collections through
 * its context's sink, and the agent's own start and stop all reach the events outputs (and the local log); points
 * reach only the points outputs. An output is on the lane its plugin was registered on: nothing is asked of it.
 */
class AgentEventRoutingTest {
    static final List<Event> received = new CopyOnWriteArrayList<>();
    static final List<Point> points = new CopyOnWriteArrayList<>();
    static volatile String contextHost;

    record Named(String name) implements OutputSettings {
    }

    static final class Recording<T> implements Output<T> {
        final String name;
        final List<T> into;

        Recording(String name, List<T> into) {
            this.name = name;
            this.into = into;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void accept(List<T> items) {
            into.addAll(items);
        }

        @Override
        public void flush(Duration timeout) {
        }

        @Override
        public void close() {
        }
    }

    static <T> OutputPlugin<Named, T> plugin(String type, List<T> into) {
        return new OutputPlugin<>() {
            @Override
            public String name() {
                return type;
            }

            @Override
            public Named configure(ConfigNode section, boolean spoolByDefault) {
                return new Named(type);
            }

            @Override
            public Output<T> create(Named config, OutputContext ctx) {
                contextHost = ctx.hostname();
                return new Recording<>(type, into);
            }
        };
    }

    /** Emits one point and one event per collection, and pushes one event, once, from its own thread. */
    static final class EventfulPlugin implements CollectorPlugin<String> {
        @Override
        public String name() {
            return "eventful";
        }

        @Override
        public boolean availableByDefault(CollectorContext ctx) {
            return true;
        }

        @Override
        public String configure(ConfigNode section, CollectorContext ctx) {
            return "";
        }

        @Override
        public Collector create(String config, CollectorContext ctx) {
            return new Collector() {
                boolean pushed;

                @Override
                public String name() {
                    return "eventful";
                }

                @Override
                public void collect(Instant now, Accumulator acc) {
                    acc.add(Point.builder("eventful").field("value", 1L).time(now).build());
                    acc.addEvent(new Event(now, "docker", "info", "collected", Map.of("action", "collected"), Map.of()));
                    if (!pushed) {
                        pushed = true;
                        Thread t = new Thread(() -> ctx.events().accept(new Event(Instant.now(), "docker", "warning",
                                "pushed", Map.of("action", "die"), Map.of())));
                        t.start();
                    }
                }
            };
        }
    }

    @Test
    void eventsOfCollectorsPushedEventsAndTheAgentsOwnReachTheEventsLaneAndPointsDoNot(@TempDir Path dir) throws Exception {
        SelfMetrics metrics = new SelfMetrics();
        ConfigLoader loader = new ConfigLoader(new Plugins(List.of(new EventfulPlugin()),
                List.of(plugin("pts", points)), List.of(plugin("rec", received))), Map.of(), Clock.systemUTC());
        AgentConfig cfg = loader.parse("test.yaml", """
                agent:
                  hostname: box-1
                  interval: 1h
                  data_dir: %s
                  http:
                    enabled: false
                outputs:
                  - type: pts
                  - type: rec
                """.formatted(dir));
        List<Event> logged = new CopyOnWriteArrayList<>();
        Agent agent = new Agent(cfg, Wiring.forRun(cfg, metrics, Clock.systemUTC(), logged::add), metrics, Clock.systemUTC());
        agent.start();
        org.awaitility.Awaitility.await("both collector events").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> received.stream().anyMatch(e -> e.message().equals("pushed"))
                        && received.stream().anyMatch(e -> e.message().equals("collected")));
        agent.close();
        metrics.close();

        assertThat(contextHost).isEqualTo("box-1");
        assertThat(points).extracting(Point::measurement).contains("eventful");
        assertThat(received.get(0).source()).isEqualTo("agent");
        assertThat(received.get(0).message()).isEqualTo("hostpulse started on box-1");
        assertThat(received.get(0).metadata()).containsEntry("collectors", "eventful").containsEntry("outputs", "pts,rec");
        assertThat(received).filteredOn(e -> e.source().equals("docker")).extracting(Event::message)
                .containsExactlyInAnyOrder("collected", "pushed");
        Event last = received.get(received.size() - 1);
        assertThat(last.source()).isEqualTo("agent");
        assertThat(last.labels()).containsEntry("action", "stop");
        // the local log sees the same events
        assertThat(logged).containsExactlyElementsOf(received);
        assertThat(metrics.registry().find("hostpulse.events").tag("source", "docker").counter().count()).isEqualTo(2.0);
    }
}
