package io.hostpulse.core.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.hostpulse.core.Redactor;

/** {@code %ex} with every secret removed: exception messages carry URLs and server replies too. */
public final class RedactedThrowableConverter extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redactor.redact(super.convert(event));
    }
}
