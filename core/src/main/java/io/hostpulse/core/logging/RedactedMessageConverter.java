package io.hostpulse.core.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.hostpulse.core.Redactor;

/**
 * {@code %msg} with every secret removed ({@link Redactor}): the one place every log line passes through, whoever
 * wrote it (the agent, a library, a server's echoed error text). Installed for {@code %msg} and {@code %m} by the
 * agent's logback.xml and by {@link RedactedLayouts} for layouts built in code (the Loki log shipper).
 */
public final class RedactedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redactor.redact(super.convert(event));
    }
}
