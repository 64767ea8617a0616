package io.hostpulse.exporters.pipeline;

import io.hostpulse.core.Event;

/**
 * An output that takes events (what happened) instead of points: the agent hands it every event of every
 * collector and of the agent itself, and no points ({@link Output#accept(java.util.List)} is then a no-op).
 * Like {@link Output#accept}, {@link #accept(Event)} only queues and never blocks.
 */
public interface EventOutput extends Output {

    void accept(Event event);

    /**
     * Called once by the agent at start-up with its host name (the {@code host} of events that carry none); an
     * output that also ships the agent's own log lines starts doing so here. The default does nothing.
     */
    default void attach(String host) {
    }
}
