package io.hostpulse.collectors.docker.netmap.socket;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * JMH, not run by the build: the network map's parsing per cycle at the size, 50 containers with 10,000
 * sockets, from the recorded tables (src/test/resources/netmap): {@code sockets} parses 50 socket tables of
 * {@code proc-net-tcp-200} (200 IPv4 sockets) or {@code proc-net-tcp6-200} (199 IPv6 sockets); {@code conntrack}
 * a 10,000-entry nf_conntrack table made of the recorded lines with accounting on; {@code readOwnTables} reads and
 * parses this JVM's four real tables through /proc (the I/O per container). Run: see collectors/docker/README.md,
 * "Benchmark".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SocketParseBench {
    static final int CONTAINERS = 50;
    static final int CONNTRACK_ENTRIES = 10_000;

    /** One recorded table, the same for each of the 50 containers. */
    @State(Scope.Benchmark)
    public static class Table {
        @Param({"proc-net-tcp-200", "proc-net-tcp6-200"})
        public String table;
        String text;

        @Setup
        public void setup() {
            text = Recorded.text(table);
        }
    }

    private String conntrack;
    private SocketReader reader;
    private int pid;

    @Setup
    public void setup() {
        String[] lines = Recorded.text("nf_conntrack-acct-on").split("\n");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < CONNTRACK_ENTRIES; i++) {
            b.append(lines[i % lines.length]).append('\n');
        }
        conntrack = b.toString();
        reader = new SocketReader(Path.of("/proc"));
        pid = (int) ProcessHandle.current().pid();
    }

    @Benchmark
    public void sockets(Table t, Blackhole bh) {
        for (int c = 0; c < CONTAINERS; c++) {
            bh.consume(SocketTable.parse(t.text, "tcp", ByteOrder.LITTLE_ENDIAN));
        }
    }

    @Benchmark
    public ConntrackTable.Result conntrack() {
        return ConntrackTable.parse(conntrack);
    }

    @Benchmark
    public SocketReader.Tables readOwnTables() throws IOException {
        return reader.read(pid);
    }
}
