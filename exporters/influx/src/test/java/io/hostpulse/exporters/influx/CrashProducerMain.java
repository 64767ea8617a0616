package io.hostpulse.exporters.influx;

import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.exporters.pipeline.BufferedOutput;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A small agent for the crash test, run in its own JVM: points seq from..to-1 every interval into a spooled v1
 * output, printing "offered N" after each; then flushes, prints "written W" and exits.
 * Args: api url database dataDir from to intervalMs
 */
public final class CrashProducerMain {
    static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");

    public static void main(String[] args) throws Exception {
        String api = args[0];
        String url = args[1];
        String db = args[2];
        Path dataDir = Path.of(args[3]);
        long from = Long.parseLong(args[4]);
        long to = Long.parseLong(args[5]);
        long interval = Long.parseLong(args[6]);
        ConfigNode node = ConfigNode.of(Map.of("api", api, "url", url, "database", db, "bucket", db, "precision", "ms",
                "flush_interval", "100ms", "retry_initial", "100ms", "retry_max", "500ms", "spool", true,
                "spool_segment_bytes", "8KiB"));
        BufferedOutput<Point> out = (BufferedOutput<Point>) new InfluxOutputPlugin().create(node,
                new OutputContext(dataDir, new SimpleMeterRegistry(), Clock.systemUTC()));
        node.problems().throwIfAny();
        for (long i = from; i < to; i++) {
            out.accept(List.of(point(i)));
            System.out.println("offered " + i);
            System.out.flush();
            Thread.sleep(interval);
        }
        out.flush(Duration.ofSeconds(60));
        System.out.println("written " + out.stats().written());
        System.out.flush();
        out.close();
    }

    static Point point(long seq) {
        return Point.builder("crash").tag("host", "it").field("seq", seq).time(T0.plusMillis(10 * seq)).build();
    }
}
