package io.hostpulse.core.logging;

import ch.qos.logback.classic.PatternLayout;

/** Makes a Logback pattern layout built in code redact like the agent's logback.xml does. */
public final class RedactedLayouts {
    private RedactedLayouts() {
    }

    /** Replaces {@code %msg}, {@code %m}, {@code %message}, {@code %ex}, {@code %exception} and {@code %throwable}; call before start(). */
    public static PatternLayout install(PatternLayout layout) {
        for (String w : new String[]{"msg", "m", "message"}) {
            layout.getInstanceConverterMap().put(w, RedactedMessageConverter::new);
        }
        for (String w : new String[]{"ex", "exception", "throwable"}) {
            layout.getInstanceConverterMap().put(w, RedactedThrowableConverter::new);
        }
        return layout;
    }
}
