package io.hostpulse.agent.http;

import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.ConfigLoader;
import io.hostpulse.agent.run.Running;
import io.hostpulse.agent.selfmetrics.SelfMetrics;
import io.hostpulse.agent.wiring.Wiring;
import io.hostpulse.exporters.liveview.LiveView;
import io.hostpulse.exporters.pipeline.Output;
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

    Running wire(String yaml) throws Exception {
        AgentConfig c = new ConfigLoader(Plugins.builtIn(), Map.of(), Clock.systemUTC())
                .parse("t.yaml", "agent:\n  data_dir: " + dir + "\n" + yaml.replace("AGENT\n", "")
                        + "collectors:\n  docker:\n    enabled: false\n  smart:\n    enabled: false\n");
        return Wiring.forRun(c, new SelfMetrics(), Clock.systemUTC(), e -> { });
    }

    static List<Output<?>> outputs(Running r) {
        return r.allOutputs();
    }

    static void close(Running r) {
        r.collectors().forEach(s -> s.collector().close());
        r.allOutputs().forEach(Output::close);
    }

    @Test
    void aDefaultLiveViewWhenTheConfigDoesNotMentionOne() throws Exception {
        Running r = wire("");
        try {
            LiveView lv = r.liveView();
            assertThat(lv).isNotNull();
            assertThat(outputs(r)).contains(lv);
            // it reads the host collector's process list of the same cycle
            List<io.hostpulse.core.Point> points = new ArrayList<>();
            r.collectors().get(0).collector().collect(java.time.Instant.now(), new io.hostpulse.core.Accumulator() {
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
            close(r);
        }
    }

    @Test
    void theConfiguredOneOrNone() throws Exception {
        Running r = wire("outputs:\n  - type: liveview\n    token: abc\n");
        try {
            LiveView lv = r.liveView();
            assertThat(lv.config().token()).isEqualTo("abc");
            assertThat(outputs(r)).containsExactly(lv);
        } finally {
            close(r);
        }
        Running none = wire("outputs:\n  - type: stdout\n  - type: liveview\n    enabled: false\n");
        try {
            assertThat(none.liveView()).isNull();
            assertThat(outputs(none)).hasSize(1);
        } finally {
            close(none);
        }
    }

    @Test
    void noLiveViewWithoutTheHttpEndpoint() throws Exception {
        AgentConfig c = new ConfigLoader(Plugins.builtIn(), Map.of(), Clock.systemUTC())
                .parse("t.yaml", "agent:\n  data_dir: " + dir + "\n  http:\n    enabled: false\ncollectors:\n  docker:\n"
                        + "    enabled: false\n  smart:\n    enabled: false\n");
        Running r = Wiring.forRun(c, new SelfMetrics(), Clock.systemUTC(), e -> { });
        try {
            assertThat(r.liveView()).isNull();
        } finally {
            close(r);
        }
    }
}
