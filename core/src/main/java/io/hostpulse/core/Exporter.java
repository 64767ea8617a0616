package io.hostpulse.core;

import java.util.List;

/**
 * Writes one batch to a backend. Called by the buffer, never by collectors, one batch at a time; it must
 * either accept the whole batch or throw an {@link ExportException} saying what to do with it.
 */
public interface Exporter<T> extends AutoCloseable {

    String name();

    void write(List<T> batch) throws ExportException;

    @Override
    default void close() {
    }
}
