package io.hostpulse.collectors.host;

import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.Event;
import io.hostpulse.core.HostPaths;
import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JMH, not run by the build: the host collector's whole cycle on this machine's real /proc and /sys, for the
 * common set of the footprint benchmark (bench/: cpu, mem, swap, system, disk, diskio, net) and for every default
 * part. Points go to a black hole. Run: see collectors/host/README.md, "Benchmarks".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HostCycleBench {
    @Param({"common", "default"})
    public String parts;

    private Collector collector;

    @Setup
    public void setup() {
        Map<String, Object> section = parts.equals("common")
                ? Map.of("parts", List.of("cpu", "mem", "swap", "system", "disk", "diskio", "net")) : Map.of();
        collector = new HostCollectorPlugin().create(ConfigNode.of(section),
                new CollectorContext(HostPaths.defaults(), Clock.systemUTC(), "bench", null, Map.of()));
    }

    @TearDown
    public void close() {
        collector.close();
    }

    @Benchmark
    public void cycle(Blackhole bh) throws Exception {
        collector.collect(Instant.now(), new Accumulator() {
            @Override
            public void add(Point point) {
                bh.consume(point);
            }

            @Override
            public void addEvent(Event event) {
                bh.consume(event);
            }

            @Override
            public void addError(String part, Throwable error) {
                throw new IllegalStateException(part + ": " + error, error);
            }
        });
    }
}
