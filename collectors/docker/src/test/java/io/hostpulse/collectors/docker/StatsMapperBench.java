package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JMH, not run by the build: one container's recorded stats reply, parsed from its JSON text and mapped to points
 * (what the Docker collector does per container and cycle, without the request). Run: see
 * collectors/docker/README.md, "Benchmark".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StatsMapperBench {
    @Param({"recorded-dockerd-20.10/containers_CID_stats_stream_false_one-shot_true.json", "stats-linux-cgroupv2-aarch64-haos.json"})
    public String fixture;

    private String text;
    private JsonNode tree;
    private final ContainerMeta meta = Fixtures.meta("c1", Map.of("itnet", new ContainerMeta.Endpoint("nid", "02:42:0a:00:00:02")), null);
    private final Map<String, String> networks = Map.of("eth0", "itnet");
    private final StatsMapper.CpuSample previous = new StatsMapper.CpuSample(1_000_000L, 1_000_000_000L, Instant.parse("2024-01-01T00:00:00Z"));
    private final Instant now = Instant.parse("2024-01-01T00:00:10Z");

    @Setup
    public void setup() {
        text = Fixtures.text(fixture);
        tree = Fixtures.parse(text);
    }

    @Benchmark
    public StatsMapper.Result parseAndMap() {
        return StatsMapper.map(Fixtures.parse(text), meta, previous, networks, StatClasses.DEFAULTS, now);
    }

    @Benchmark
    public StatsMapper.Result map() {
        return StatsMapper.map(tree, meta, previous, networks, StatClasses.DEFAULTS, now);
    }
}
