package io.hostpulse.exporters.notify;

import java.time.Duration;

/** A notification target. Every method returns at once except {@link #test}, which waits for the answer. */
public interface Notifier extends AutoCloseable {

    /** Name for logs and self-metrics ({@code kuma:host}, {@code webhook:ntfy}). */
    String name();

    void start();

    /** Sends one test notification now and waits at most {@code timeout} for the reply. */
    Result test(Notification test, Duration timeout);

    @Override
    void close();
}
