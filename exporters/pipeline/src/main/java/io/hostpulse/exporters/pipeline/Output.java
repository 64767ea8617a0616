package io.hostpulse.exporters.pipeline;

import java.time.Duration;
import java.util.List;

/**
 * Where the agent hands what it collected, on one of two lanes: {@code Output<Point>} (metrics: InfluxDB, stdout)
 * or {@code Output<Event>} (what happened: Loki). Must never block collection: a buffered output only queues here
 * and writes on its own thread.
 *
 * @param <T> what the output carries: {@link io.hostpulse.core.Point} or {@link io.hostpulse.core.Event}
 */
public interface Output<T> extends AutoCloseable {

    String name();

    void accept(List<T> items);

    /** Writes what is queued, waiting at most {@code timeout}; used at shutdown. */
    void flush(Duration timeout);

    /** The output's buffer counters, or null when it has no buffer (stdout); the agent watches them for outages. */
    default Buffer.Stats bufferStats() {
        return null;
    }

    @Override
    void close();
}
