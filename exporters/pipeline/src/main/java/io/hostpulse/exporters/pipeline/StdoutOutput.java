package io.hostpulse.exporters.pipeline;

import io.hostpulse.core.Point;
import io.hostpulse.core.lineprotocol.LineProtocol;
import io.hostpulse.core.lineprotocol.Precision;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The embedded default output: line protocol on stdout, one point per line, synchronous. */
public final class StdoutOutput implements Output<Point> {
    private final PrintStream out;
    private final Precision precision;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public StdoutOutput(PrintStream out, Precision precision) {
        this.out = out;
        this.precision = precision;
    }

    @Override
    public String name() {
        return "stdout";
    }

    @Override
    public void accept(List<Point> points) {
        StringBuilder sb = new StringBuilder(points.size() * 128);
        LineProtocol.Result r = LineProtocol.encode(points, precision, sb);
        synchronized (out) {
            out.print(sb);
            out.flush();
        }
        written.addAndGet(r.lines());
        dropped.addAndGet(r.droppedPoints());
    }

    public long written() {
        return written.get();
    }

    /** Points that had no writable field (only NaN or infinite values). */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void flush(Duration timeout) {
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
