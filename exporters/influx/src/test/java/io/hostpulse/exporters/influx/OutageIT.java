package io.hostpulse.exporters.influx;

import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.pipeline.BufferedOutput;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.hostpulse.testing.Influxd;
import io.hostpulse.testing.ServerProcess;
import io.hostpulse.testing.VictoriaMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real servers stopped and started again under a producer: outage (influxd 1.6 through v1, VictoriaMetrics through
 * v2, where a point written twice would show up twice) and overflow.
 */
class OutageIT {
    static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");

    @TempDir
    Path data;
    private ServerProcess server;
    private BufferedOutput<Point> out;

    @AfterEach
    void tearDown() {
        if (out != null) {
            out.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private BufferedOutput<Point> output(String api, Object... extra) {
        Map<String, Object> m = new HashMap<>(Map.of("api", api, "url", server.url(), "database", "outage",
                "bucket", "outage", "precision", "ms", "create", api.equals("v1"), "flush_interval", "200ms",
                "flush_jitter", "50ms", "retry_initial", "200ms", "retry_max", "2s"));
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        ConfigNode node = ConfigNode.of(m);
        BufferedOutput<Point> o = (BufferedOutput<Point>) new InfluxOutputPlugin().create(node,
                new OutputContext(data, new SimpleMeterRegistry(), Clock.systemUTC()));
        node.finish();
        assertThat(node.problems().all()).isEmpty();
        return o;
    }

    static Point point(long seq) {
        return Point.builder("outage").tag("host", "it").field("seq", seq).time(T0.plusMillis(100 * seq)).build();
    }

    /** Asserts that the server holds exactly seq 0..n-1, each once, each at its own timestamp. */
    private void assertExactlyOnce(long n) {
        List<long[]> got = server.seqs("outage", "outage");
        List<Long> seqs = new ArrayList<>();
        for (long[] g : got) {
            assertThat(g[1]).as("timestamp of seq %d", g[0]).isEqualTo(T0.toEpochMilli() + 100 * g[0]);
            seqs.add(g[0]);
        }
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            expected.add(i);
        }
        assertThat(seqs).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void everyPointCollectedDuringA30SecondOutageArrivesExactlyOnce(String api) throws Exception {
        server = api.equals("v1") ? Influxd.started() : VictoriaMetrics.started();
        out = output(api);
        AtomicLong next = new AtomicLong();
        ScheduledExecutorService collector = Executors.newSingleThreadScheduledExecutor();
        collector.scheduleAtFixedRate(() -> out.accept(List.of(point(next.getAndIncrement()))), 0, 100, TimeUnit.MILLISECONDS);
        try {
            Thread.sleep(3000);
            server.stop();
            long atStop = next.get();
            Thread.sleep(30_000);
            assertThat(next.get() - atStop).as("points collected during the outage").isGreaterThan(250);
            assertThat(out.stats().retried()).isPositive();
            server.start();
            Thread.sleep(3000);
        } finally {
            collector.shutdown();
            assertThat(collector.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        long n = next.get();
        out.flush(Duration.ofSeconds(30));
        assertExactlyOnce(n);
        assertThat(out.stats().written()).as("each point written once").isEqualTo(n);
        assertThat(out.stats().dropped().values()).allMatch(v -> v == 0);
    }

    @Test
    void aBufferLimitSmallerThanTheBacklogDropsTheOldestAndCountsExactly() throws Exception {
        server = new Influxd(); // not started: the outage is there from the beginning
        out = output("v1", "buffer_limit", 50, "batch_size", 10, "retry_initial", "10s", "retry_max", "10s", "spool", false);
        for (long i = 0; i < 10; i++) {
            out.accept(List.of(point(i)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (out.stats().retried() < 10) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(10);
        }
        // the writer now backs off 5-10 s with nothing in flight: the backlog grows past the limit
        for (long i = 10; i < 200; i++) {
            out.accept(List.of(point(i)));
        }
        assertThat(out.stats().dropped("overflow")).isEqualTo(150);
        assertThat(out.stats().queued()).isEqualTo(50);
        server.start();
        out.flush(Duration.ofSeconds(30));
        List<Long> seqs = new ArrayList<>();
        server.seqs("outage", "outage").forEach(g -> seqs.add(g[0]));
        List<Long> expected = new ArrayList<>();
        for (long i = 150; i < 200; i++) {
            expected.add(i);
        }
        assertThat(seqs).containsExactlyElementsOf(expected);
        assertThat(out.stats().written()).isEqualTo(50);
    }
}
