package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.github.dockerjava.transport.DockerHttpClient;
import io.hostpulse.core.Event;
import io.hostpulse.core.EventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the engine's /events stream (container events only) on a background thread, reconnecting with
 * exponential back-off (1 s doubling to 30 s). After a reconnect it asks for the events since the last one it
 * saw, so a short disconnect loses nothing the engine still remembers. Each event is handed to the sink as soon as
 * it is read (the agent's event lane only queues, so the stream is never held up), not at the next collection.
 */
final class DockerEventReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DockerEventReader.class);
    static final String FILTER = URLEncoder.encode("{\"type\":[\"container\"]}", StandardCharsets.UTF_8);

    private final DockerSource source;
    private final EventSink sink;
    private final Duration maxBackoff;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    private volatile DockerHttpClient.Response current;
    private volatile long lastNanos;
    private String lastProblem;

    DockerEventReader(DockerSource source, EventSink sink, Duration maxBackoff) {
        this.source = source;
        this.sink = sink;
        this.maxBackoff = maxBackoff;
        this.thread = new Thread(this::run, "hostpulse-docker-events");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long received() {
        return received.get();
    }

    /** Successful connections so far (more than one: it reconnected). */
    long connects() {
        return connects.get();
    }

    boolean running() {
        return thread.isAlive();
    }

    private void run() {
        long backoffMs = 1000;
        while (!closed) {
            try {
                String path = "/events?filters=" + FILTER + (lastNanos > 0 ? "&since=" + since(lastNanos + 1) : "");
                DockerHttpClient.Response r = source.stream(path);
                current = r;
                connects.incrementAndGet();
                if (lastProblem != null) {
                    LOG.info("docker events: reading again from {}", source.endpoint());
                    lastProblem = null;
                }
                try (r; MappingIterator<JsonNode> it = source.json().readerFor(JsonNode.class).readValues(r.getBody())) {
                    backoffMs = 1000;
                    while (!closed && it.hasNextValue()) {
                        JsonNode n = it.nextValue();
                        received.incrementAndGet();
                        Long nano = Json.lng(n, "timeNano");
                        if (nano != null && nano > lastNanos) {
                            lastNanos = nano;
                        }
                        Event ev = EventMapper.map(n);
                        if (ev != null) {
                            deliver(ev);
                        }
                    }
                }
                if (!closed) {
                    problem("docker events: the engine closed the stream");
                }
            } catch (DockerApiException e) {
                source.renegotiate();
                problem("docker events: " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                if (idleTimeout(e)) {
                    continue; // a quiet stream: reopen at once, nothing to report
                }
                if (!closed) {
                    problem("docker events: stream broke: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                            : e.getMessage().replaceAll("\\s+", " ")));
                }
            } finally {
                current = null;
            }
            if (closed) {
                break;
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                break;
            }
            backoffMs = Math.min(backoffMs * 2, maxBackoff.toMillis());
        }
    }

    private void deliver(Event ev) {
        try {
            sink.accept(ev);
        } catch (RuntimeException e) {
            // a failing receiver must not end the stream: the event is lost, said once per kind of failure
            problem("docker events: an event could not be handed on: " + e);
        }
    }

    private static boolean idleTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static String since(long nanos) {
        return (nanos / 1_000_000_000L) + "." + String.format("%09d", nanos % 1_000_000_000L);
    }

    /** Logs a problem once until it changes or the stream works again. */
    private void problem(String msg) {
        if (!msg.equals(lastProblem)) {
            LOG.warn("{} (retrying with back-off)", msg);
            lastProblem = msg;
        }
    }

    @Override
    public void close() {
        closed = true;
        DockerHttpClient.Response r = current;
        if (r != null) {
            try {
                r.close();
            } catch (RuntimeException ignored) {
                // already broken
            }
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
