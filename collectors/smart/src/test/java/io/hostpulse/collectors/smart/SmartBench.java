package io.hostpulse.collectors.smart;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * JMH, not run by the build: one disk's recorded smartctl --json reply parsed, and the parsed report judged, per
 * protocol. What the SMART collector spends in the JVM per disk and cycle (smartctl's own run is not in it).
 * Run: see collectors/smart/README.md, "Benchmarks".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SmartBench {
    @Param({"sata-hdd-wd-wd140edfz-healthy-selftest-log.json", "nvme-samsung-970-evo-media-errors.json",
            "scsi-sas-seagate-exos-st18000nm004j-healthy.json"})
    public String fixture;

    private String json;
    private SmartReport report;
    private final HealthAnalyzer analyzer = new HealthAnalyzer(10);

    @Setup
    public void setup() throws Exception {
        json = Fixtures.read(fixture);
        report = SmartctlParser.parse(json, 0);
    }

    @Benchmark
    public SmartReport parse() throws Exception {
        return SmartctlParser.parse(json, 0);
    }

    @Benchmark
    public Verdict analyze() {
        return analyzer.analyze(report, null);
    }
}
