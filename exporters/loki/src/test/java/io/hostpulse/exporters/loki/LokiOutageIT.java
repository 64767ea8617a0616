package io.hostpulse.exporters.loki;

import io.hostpulse.exporters.pipeline.BufferedOutput;
import io.hostpulse.core.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loki refuses connections for a minute (the 60 s; -Dloki.outage.seconds=N for a quicker run) while events
 * keep coming on three streams, and the agent restarts in the middle: when Loki listens again every event arrives
 * exactly once, in order per stream. retry_max is 5 s (a config key) so the first retry after the outage comes
 * within seconds instead of up to the default 60 s; the back-off itself is tested in the pipeline module.
 */
class LokiOutageIT {
    static final int OUTAGE_S = Integer.getInteger("loki.outage.seconds", 60);

    Map<String, Object> section(String url) {
        Map<String, Object> s = new HashMap<>();
        s.put("url", url);
        s.put("flush_interval", "200ms");
        s.put("flush_jitter", "0s");
        s.put("batch_size", 50);
        s.put("retry_initial", "200ms");
        s.put("retry_max", "5s");
        s.put("drain_timeout", "1s");
        s.put("agent_logs", false);
        return s;
    }

    static Event ev(int i) {
        String c = "c" + (i % 3);
        return new Event(Instant.now(), "docker", "info", "event " + i, Map.of("container_name", c),
                Map.of("seq", Integer.toString(i)));
    }

    @Test
    void aMinuteOfRefusedConnectionsAndARestartLoseNothingAndDuplicateNothing(@TempDir Path data) throws Exception {
        try (LokiTestServer loki = LokiTestServer.start()) {
            BufferedOutput<Event> out = Outputs.create(section(loki.url()), data);
            int n = 0;
            for (; n < 30; n++) {
                out.accept(List.of(ev(n)));
            }
            out.flush(Duration.ofSeconds(10));
            assertThat(loki.entries()).hasSize(30);

            int port = loki.refuse();
            long until = System.nanoTime() + Duration.ofSeconds(OUTAGE_S).toNanos();
            long restartAt = System.nanoTime() + Duration.ofSeconds(OUTAGE_S).toNanos() / 2;
            boolean restarted = false;
            while (System.nanoTime() < until) {
                out.accept(List.of(ev(n++)));
                if (!restarted && System.nanoTime() > restartAt) {
                    // the agent stops mid-outage: what is queued stays in the spool, the next start sends it
                    out.close();
                    assertThat(out.stats().dropped().values()).allMatch(v -> v == 0);
                    out = Outputs.create(section(loki.url().replace(":" + loki.port(), ":" + port)), data);
                    restarted = true;
                }
                Thread.sleep(100);
            }
            assertThat(out.stats().lastError()).contains("cannot connect");
            loki.resume(port);
            for (int k = 0; k < 10; k++) {
                out.accept(List.of(ev(n++)));
            }
            int total = n;
            Outputs.await("all " + total + " events in Loki", Duration.ofSeconds(60), () -> loki.entries().size() >= total);
            out.close();

            List<LokiTestServer.Entry> got = loki.entries();
            assertThat(got).hasSize(total);
            assertThat(loki.duplicates()).isZero();
            List<Integer> seqs = new ArrayList<>();
            Map<String, Integer> lastPerStream = new HashMap<>();
            for (LokiTestServer.Entry e : got) {
                int seq = Integer.parseInt(e.metadata().get("seq"));
                seqs.add(seq);
                Integer prev = lastPerStream.put(e.labels().get("container_name"), seq);
                assertThat(prev == null || prev < seq).as("order in stream %s: %s after %s", e.labels(), seq, prev).isTrue();
            }
            assertThat(seqs).doesNotHaveDuplicates().hasSize(total);
            assertThat(seqs).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, total).boxed().toList());
        }
    }
}
