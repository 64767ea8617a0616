package io.hostpulse.agent.run;

import io.hostpulse.core.Event;
import io.hostpulse.core.EventSink;
import io.hostpulse.core.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each event as one log line, so events are visible before an events output is configured. */
public final class LoggingEventSink implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger("hostpulse.events");

    @Override
    public void accept(Event e) {
        String line = Redactor.redact("[" + e.source() + "] " + e.message() + " " + e.labels() + " " + e.metadata());
        switch (e.level()) {
            case "error" -> LOG.error(line);
            case "warning", "warn" -> LOG.warn(line);
            default -> LOG.info(line);
        }
    }
}
