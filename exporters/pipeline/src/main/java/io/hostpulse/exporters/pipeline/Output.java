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

    @Override
    void close();
}
