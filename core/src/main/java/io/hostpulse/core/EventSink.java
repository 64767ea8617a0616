package io.hostpulse.core;

/**
 * Where events go as they happen: the agent's event lane (the log, and every events output such as Loki). A
 * collector whose source pushes events (the Docker engine's /events stream) gets one in its
 * {@link CollectorContext} and hands each event on at once instead of waiting for the next collection.
 * Implementations only queue and never block; they are thread-safe.
 */
public interface EventSink {
    /** Drops every event: for tools and tests that have no event lane. */
    EventSink DISCARD = e -> { };

    void accept(Event event);
}
