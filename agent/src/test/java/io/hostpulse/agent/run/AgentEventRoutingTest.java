package io.hostpulse.agent.run;

import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.ConfigLoader;
import io.hostpulse.agent.selfmetrics.SelfMetrics;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.pipeline.EventOutput;
import io.hostpulse.exporters.pipeline.Output;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.exporters.pipeline.OutputPlugin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

/** The agent hands events (collectors', restart loops, its own) to event outputs, and points only to the others. */
class AgentEventRoutingTest {
    static final List<Event> received = new CopyOnWriteArrayList<>();
    static final List<Point> pointsToEventOutput = new CopyOnWriteArrayList<>();
    static volatile String attachedHost;

    static final class RecordingEventOutput implements EventOutput {
        @Override
        public void accept(Event event) {
            received.add(event);
        }

        @Override
        public void attach(String host) {
            attachedHost = host;
        }

        @Override
        public String name() {
            return "rec";
        }

        @Override
        public void accept(List<Point> points) {
            pointsToEventOutput.addAll(points);
        }

        @Override
        public void flush(Duration timeout) {
        }

        @Override
        public void close() {
        }
    }

    /** Emits one point and, once, a container crashing three times (die, start). */
    static final class CrashingPlugin implements CollectorPlugin {
        @Override
        public String name() {
            return "crashy";
        }

        @Override
        public boolean availableByDefault(CollectorContext ctx) {
            return true;
        }

        @Override
        public Collector create(ConfigNode section, CollectorContext ctx) {
            return new Collector() {
                boolean done;

                @Override
                public String name() {
                    return "crashy";
                }

                @Override
                public void collect(Instant now, Accumulator acc) {
                    acc.add(Point.builder("crashy").field("value", 1L).time(now).build());
                    if (!done) {
                        done = true;
                        for (int i = 0; i < 3; i++) {
                            for (String action : List.of("die", "start")) {
                                acc.addEvent(new Event(now.plusSeconds(i).plusMillis(action.equals("start") ? 1 : 0), "docker",
                                        "info", "container web " + action, Map.of("container_name", "web", "action", action),
                                        Map.of("container_id", "c1", "exit_code", "2")));
                            }
                        }
                    }
                }
            };
        }
    }

    @Test
    void eventsGoToEventOutputsWithAgentLifecycleAndRestartLoops(@TempDir Path dir) throws Exception {
        OutputPlugin rec = new OutputPlugin() {
            @Override
            public String name() {
                return "rec";
            }

            @Override
            public Output create(ConfigNode section, OutputContext ctx) {
                return new RecordingEventOutput();
            }
        };
        SelfMetrics metrics = new SelfMetrics();
        ConfigLoader loader = new ConfigLoader(new Plugins(List.of(new CrashingPlugin()), List.of(rec)), Map.of(),
                Clock.systemUTC(), new SimpleMeterRegistry(), true);
        AgentConfig cfg = loader.parse("test.yaml", """
                agent:
                  hostname: box-1
                  interval: 1s
                  data_dir: %s
                  http:
                    enabled: false
                outputs:
                  - type: rec
                """.formatted(dir));
        List<Event> logged = new CopyOnWriteArrayList<>();
        Agent agent = new Agent(cfg, metrics, Clock.systemUTC(), logged::add);
        agent.start();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (received.stream().noneMatch(e -> "restart_loop".equals(e.labels().get("action")))) {
            assertThat(System.nanoTime()).as("restart loop event within 20 s").isLessThan(until);
            Thread.sleep(50);
        }
        agent.close();
        metrics.close();

        assertThat(attachedHost).isEqualTo("box-1");
        assertThat(pointsToEventOutput).isEmpty();
        assertThat(received.get(0).source()).isEqualTo("agent");
        assertThat(received.get(0).message()).isEqualTo("hostpulse started on box-1");
        assertThat(received.get(0).metadata()).containsEntry("collectors", "crashy").containsEntry("outputs", "rec");
        assertThat(received).filteredOn(e -> e.source().equals("docker")).hasSize(7);
        Event loop = received.stream().filter(e -> "restart_loop".equals(e.labels().get("action"))).findFirst().orElseThrow();
        assertThat(loop.metadata()).containsEntry("restarts", "3").containsEntry("exit_code", "2");
        Event last = received.get(received.size() - 1);
        assertThat(last.source()).isEqualTo("agent");
        assertThat(last.labels()).containsEntry("action", "stop");
        // the local log sees the same events
        assertThat(logged).containsExactlyElementsOf(received);
    }
}
