package io.hostpulse.exporters.pipeline;

import io.hostpulse.core.Point;

import java.time.Duration;
import java.util.List;

/**
 * What the agent hands points to after each collection. Must never block collection: a buffered output only
 * queues here and writes on its own thread.
 */
public interface Output extends AutoCloseable {

    String name();

    void accept(List<Point> points);

    /** Writes what is queued, waiting at most {@code timeout}; used at shutdown and by {@code hostpulse test}. */
    void flush(Duration timeout);

    /** The output's buffer counters, or null when it has no buffer (stdout); the agent watches them for outages. */
    default Buffer.Stats bufferStats() {
        return null;
    }

    @Override
    void close();
}
