package io.hostpulse.agent.http;

import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.ConfigLoader;
import io.hostpulse.agent.config.OutputSpec;
import io.hostpulse.exporters.liveview.LiveView;
import io.hostpulse.exporters.pipeline.Output;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which live view the agent runs: the configured one, a default one when not mentioned, none when switched off. */
class LiveViewsTest {
    @TempDir
    Path dir;

    LiveView find(String yaml, List<Output> outputs) throws Exception {
        AgentConfig c = new ConfigLoader(Plugins.builtIn(), Map.of(), Clock.systemUTC(), new SimpleMeterRegistry(), true)
                .parse("t.yaml", "agent:\n  data_dir: " + dir + "\ncollectors:\n  docker:\n    enabled: false\n  smart:\n"
                        + "    enabled: false\n" + yaml);
        c.outputs().forEach(o -> outputs.add(o.output()));
        try {
            return LiveViews.find(c, outputs, Clock.systemUTC());
        } finally {
            c.collectors().forEach(s -> s.collector().close());
        }
    }

    @Test
    void aDefaultLiveViewWhenTheConfigDoesNotMentionOne() throws Exception {
        AgentConfig c = new ConfigLoader(Plugins.builtIn(), Map.of(), Clock.systemUTC(), new SimpleMeterRegistry(), true)
                .parse("t.yaml", "agent:\n  data_dir: " + dir + "\ncollectors:\n  docker:\n    enabled: false\n  smart:\n"
                        + "    enabled: false\n");
        try {
            List<Output> outputs = new ArrayList<>();
            c.outputs().stream().map(OutputSpec::output).forEach(outputs::add);
            LiveView lv = LiveViews.find(c, outputs, Clock.systemUTC());
            assertThat(lv).isNotNull();
            assertThat(outputs).contains(lv);
            // it reads the host collector's process list of the same cycle
            List<io.hostpulse.core.Point> points = new ArrayList<>();
            c.collectors().get(0).collector().collect(java.time.Instant.now(), new io.hostpulse.core.Accumulator() {
                @Override
                public void add(io.hostpulse.core.Point p) {
                    points.add(p);
                }

                @Override
                public void addEvent(io.hostpulse.core.Event e) {
                }

                @Override
                public void addError(String part, Throwable error) {
                }
            });
            lv.accept(points);
            assertThat(lv.sectionJson("processes")).contains("\"pid\":" + ProcessHandle.current().pid() + ",");
        } finally {
            c.collectors().forEach(s -> s.collector().close());
        }
    }

    @Test
    void theConfiguredOneOrNone() throws Exception {
        List<Output> outputs = new ArrayList<>();
        LiveView lv = find("outputs:\n  - type: liveview\n    token: abc\n", outputs);
        assertThat(lv.config().token()).isEqualTo("abc");
        assertThat(outputs).containsExactly(lv);
        List<Output> none = new ArrayList<>();
        assertThat(find("outputs:\n  - type: stdout\n  - type: liveview\n    enabled: false\n", none)).isNull();
        assertThat(none).hasSize(1);
    }

    @Test
    void noLiveViewWithoutTheHttpEndpoint() throws Exception {
        AgentConfig c = new ConfigLoader(Plugins.builtIn(), Map.of(), Clock.systemUTC(), new SimpleMeterRegistry(), true)
                .parse("t.yaml", "agent:\n  data_dir: " + dir + "\n  http:\n    enabled: false\ncollectors:\n  docker:\n"
                        + "    enabled: false\n  smart:\n    enabled: false\n");
        try {
            List<Output> outputs = new ArrayList<>();
            c.outputs().stream().map(OutputSpec::output).forEach(outputs::add);
            assertThat(LiveViews.find(c, outputs, Clock.systemUTC())).isNull();
        } finally {
            c.collectors().forEach(s -> s.collector().close());
        }
    }
}
