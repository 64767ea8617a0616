package io.hostpulse.core;

import java.time.Instant;

/** A source of points. Implementations keep their own state between calls (previous counters for rates). */
public interface Collector extends AutoCloseable {

    /** Short stable name: config key, self-metric tag, job key. */
    String name();

    /**
     * Gathers one sample. Throws only when nothing at all could be gathered; partial failures go to
     * {@link Accumulator#addError}.
     */
    void collect(Instant now, Accumulator acc) throws CollectException;

    @Override
    default void close() {
    }
}
