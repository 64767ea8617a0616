package io.hostpulse.agent.run;

import io.hostpulse.core.Event;

/** Where events go: the log today, Loki when that output is configured. */
public interface EventSink {
    void accept(Event event);
}
