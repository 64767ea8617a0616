package io.hostpulse.exporters.influx.bench;

import io.hostpulse.core.Exporter;
import io.hostpulse.core.Point;
import io.hostpulse.exporters.pipeline.Buffer;
import io.hostpulse.exporters.pipeline.BufferConfig;
import io.hostpulse.exporters.pipeline.PointCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JMH, not run by the build: Buffer.offer() of one collection (100 points) as the collecting thread sees it, with
 * the spool off and on (fsync every second, the default), while a server that accepts everything drains it. The
 * hanging-server case, where the spool grows, is {@link SpoolCostBench}. Run: see exporters/influx/README.md,
 * "Benchmarks".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BufferOfferBench {
    @Param({"off", "on"})
    public String spool;

    private Path dir;
    private Buffer<Point> buffer;
    private List<Point> batch;

    @Setup
    public void setup() throws Exception {
        dir = Files.createTempDirectory("hostpulse-offerbench-");
        batch = LineProtocolBench.batch().subList(0, 100);
        Exporter<Point> accepting = new Exporter<>() {
            @Override
            public String name() {
                return "accepting";
            }

            @Override
            public void write(List<Point> b) {
            }
        };
        BufferConfig cfg = BufferConfig.defaults().withSpool(spool.equals("on"));
        buffer = new Buffer<>("bench", cfg, new PointCodec(), accepting, dir.resolve("spool"), new SimpleMeterRegistry(),
                Clock.systemUTC());
    }

    @TearDown
    public void close() throws Exception {
        buffer.close();
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public int offer() {
        return buffer.offer(new ArrayList<>(batch));
    }
}
