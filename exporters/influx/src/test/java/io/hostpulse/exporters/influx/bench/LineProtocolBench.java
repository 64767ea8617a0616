package io.hostpulse.exporters.influx.bench;

import com.influxdb.client.domain.WritePrecision;
import io.hostpulse.core.Point;
import io.hostpulse.core.lineprotocol.LineProtocol;
import io.hostpulse.core.lineprotocol.Precision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Line protocol encoding of a realistic batch (1000 host/container points, 1 to 5 fields, 1 to 5 tags): core's
 * LineProtocol next to the InfluxDB Java client's Point.toLineProtocol(), in the same run. Scores are points per
 * second. Run: see the module README, "Benchmarks".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LineProtocolBench {
    static final int BATCH = 1000;
    List<Point> ours;
    List<com.influxdb.client.write.Point> theirs;

    @Setup
    public void setup() {
        ours = batch();
        theirs = new ArrayList<>(ours.size());
        for (Point p : ours) {
            theirs.add(toClient(p));
        }
    }

    static List<Point> batch() {
        List<Point> l = new ArrayList<>();
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        int i = 0;
        while (l.size() < BATCH) {
            Instant ti = t.plusSeconds(10L * i++);
            for (int c = 0; c < 16; c++) {
                l.add(Point.builder("cpu").tag("host", "docker-01").tag("cpu", "cpu" + c)
                        .field("usage_user", 12.5 + c).field("usage_system", 3.25).field("usage_idle", 84.0)
                        .field("usage_iowait", 0.125).field("usage_steal", 0.0).time(ti).build());
            }
            for (int c = 0; c < 20; c++) {
                l.add(Point.builder("docker_container_mem").tag("host", "docker-01").tag("container_name", "app-" + c)
                        .tag("container_image", "ghcr.io/acme/app").tag("engine_host", "docker-01").tag("container_status", "running")
                        .field("usage", 123_456_789L + c).field("limit", 2_147_483_648L).field("usage_percent", 5.75)
                        .field("container_id", "3f9a1c0e5b7d" + c).time(ti).build());
            }
            l.add(Point.builder("disk").tag("host", "docker-01").tag("path", "/mnt/media disk").tag("device", "sdb1")
                    .tag("fstype", "ext4").field("total", 4_000_787_030_016L).field("used", 1_523_124_000_000L)
                    .field("used_percent", 38.07).field("inodes_free", 61_000_000L).time(ti).build());
            l.add(Point.builder("system").tag("host", "docker-01").field("load1", 0.42).field("n_cpus", 16L)
                    .field("uptime_format", "1 day, 10:17").time(ti).build());
        }
        return l.subList(0, BATCH);
    }

    static com.influxdb.client.write.Point toClient(Point p) {
        com.influxdb.client.write.Point c = com.influxdb.client.write.Point.measurement(p.measurement())
                .addTags(p.tags()).time(p.time().getEpochSecond(), WritePrecision.S);
        for (Map.Entry<String, Object> f : p.fields().entrySet()) {
            Object v = f.getValue();
            if (v instanceof Long l) {
                c.addField(f.getKey(), l.longValue());
            } else if (v instanceof Double d) {
                c.addField(f.getKey(), d.doubleValue());
            } else if (v instanceof Boolean b) {
                c.addField(f.getKey(), b.booleanValue());
            } else {
                c.addField(f.getKey(), (String) v);
            }
        }
        return c;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int hostpulseLineProtocol() {
        StringBuilder sb = new StringBuilder(BATCH * 160);
        LineProtocol.encode(ours, Precision.SECONDS, sb);
        return sb.length();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int influxClientToLineProtocol() {
        StringBuilder sb = new StringBuilder(BATCH * 160);
        for (com.influxdb.client.write.Point p : theirs) {
            sb.append(p.toLineProtocol()).append('\n');
        }
        return sb.length();
    }

    /** The client path as the agent would have to use it: our points converted to the client's, then encoded. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int influxClientConvertAndEncode() {
        StringBuilder sb = new StringBuilder(BATCH * 160);
        for (Point p : ours) {
            sb.append(toClient(p).toLineProtocol()).append('\n');
        }
        return sb.length();
    }
}
