package io.hostpulse.exporters.notify;

import io.hostpulse.core.Redactor;
import io.hostpulse.core.time.Backoff;
import io.hostpulse.core.time.TickScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * POSTs notifications to one webhook on its own {@link TickScheduler} (a thread of its own in the agent, the test's
 * clock in tests): {@link #send} only puts them into a bounded queue (the oldest is dropped when it is full), so a
 * receiver that is down, slow or hanging never holds up anything else. Each notification is tried up to
 * {@code max_attempts} times, one at a time and in order, with the agent's {@link Backoff} (at least the server's
 * Retry-After) on no answer, 5xx, 408, 429 and redirects; any other 4xx is our mistake and is not retried. Failures
 * are logged once per streak and counted.
 */
public final class WebhookSender implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final WebhookConfig cfg;
    private final HttpTransport http;
    private final NotifyMetrics metrics;
    private final Backoff backoff;
    private final BlockingDeque<Notification> queue;
    private final TickScheduler ticks;
    private final AtomicBoolean delivering = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean closed;
    private boolean failing;

    public WebhookSender(WebhookConfig cfg, MeterRegistry registry) {
        this(cfg, registry, TickScheduler.threaded("hostpulse-webhook:" + cfg.name()));
    }

    /** @param ticks runs the deliveries and retries; closed with this sender */
    public WebhookSender(WebhookConfig cfg, MeterRegistry registry, TickScheduler ticks) {
        this.cfg = cfg;
        this.http = new HttpTransport(cfg.timeout());
        this.metrics = new NotifyMetrics(registry, name());
        this.backoff = new Backoff(cfg.backoff(), cfg.maxBackoff());
        this.queue = new LinkedBlockingDeque<>(cfg.queueSize());
        this.ticks = ticks;
    }

    @Override
    public String name() {
        return "webhook:" + cfg.name();
    }

    @Override
    public void start() {
        started = true;
        kick();
    }

    /** Queues a notification unless this target does not want it (level, resolved). Never blocks. */
    public void send(Notification n) {
        if (!wants(n)) {
            return;
        }
        while (!queue.offerLast(n)) {
            if (queue.pollFirst() != null) {
                metrics.dropped.increment();
                LOG.warn("{}: queue full ({} notifications), dropped the oldest", name(), cfg.queueSize());
            }
        }
        kick();
    }
    boolean wants(Notification n) {
        if (n.kind() == Notification.Kind.TEST) {
            return true;
        }
        if (n.kind() == Notification.Kind.RESOLVED) {
            return cfg.sendResolved() && rank(n.level()) >= rank(cfg.minLevel());
        }
        return rank(n.level()) >= rank(cfg.minLevel());
    }

    static int rank(String level) {
        return switch (level == null ? "" : level) {
            case "critical" -> 3;
            case "warning" -> 2;
            case "careful" -> 1;
            default -> 0;
        };
    }

    int queued() {
        return queue.size();
    }

    /** Starts delivering the head of the queue unless a delivery (with its retries) is under way. */
    private void kick() {
        if (started && !closed && !queue.isEmpty() && delivering.compareAndSet(false, true)) {
            ticks.execute(this::deliverNext);
        }
    }

    private void deliverNext() {
        Notification n = closed ? null : queue.pollFirst();
        if (n == null) {
            delivering.set(false);
            kick(); // one may have come in between
            return;
        }
        attempt(n, 1);
    }

    /** One attempt; schedules the next one after the back-off, or moves on to the next notification. */
    private void attempt(Notification n, int attempt) {
        if (closed) {
            return;
        }
        HttpReply r = post(n);
        if (closed && !r.ok()) {
            return; // cut short by close(): not a failure of the receiver
        }
        if (r.ok()) {
            metrics.sent.increment();
            if (failing) {
                LOG.info("{}: delivering again", name());
                failing = false;
            }
        } else if (!r.retryable()) {
            metrics.failed.increment();
            metrics.rejected.increment();
            metrics.dropped.increment();
            LOG.warn("{}: {} rejected the {} notification of rule {}: {} (not retried: fix the webhook config)",
                    name(), Redactor.redact(cfg.url().toString()), n.status(), n.rule(), Redactor.redact(r.describe()));
        } else if (attempt >= cfg.maxAttempts()) {
            metrics.failed.increment();
            metrics.dropped.increment();
            LOG.warn("{}: gave up on the {} notification of rule {} after {} attempts: {}", name(), n.status(),
                    n.rule(), cfg.maxAttempts(), Redactor.redact(r.describe()));
            failing = true;
        } else {
            metrics.failed.increment();
            if (!failing) {
                LOG.warn("{}: {} failed: {}; retrying with back-off", name(),
                        Redactor.redact(cfg.url().toString()), Redactor.redact(r.describe()));
                failing = true;
            }
            metrics.retried.increment();
            ticks.schedule(backoff.delay(attempt, r.retryAfterDelay(ticks.clock().instant())), () -> attempt(n, attempt + 1));
            return;
        }
        ticks.execute(this::deliverNext);
    }

    private HttpReply post(Notification n) {
        WebhookBody.Body body = WebhookBody.of(n, cfg.format());
        Map<String, String> headers = new LinkedHashMap<>(cfg.headers());
        if (cfg.bearerToken() != null && !cfg.bearerToken().isBlank()) {
            headers.put("Authorization", "Bearer " + cfg.bearerToken());
        }
        return http.post(cfg.url(), headers, body.contentType(), body.text(), cfg.timeout());
    }

    @Override
    public Result test(Notification test, Duration timeout) {
        Duration t = timeout.compareTo(cfg.timeout()) < 0 ? timeout : cfg.timeout();
        WebhookBody.Body body = WebhookBody.of(test, cfg.format());
        Map<String, String> headers = new LinkedHashMap<>(cfg.headers());
        if (cfg.bearerToken() != null && !cfg.bearerToken().isBlank()) {
            headers.put("Authorization", "Bearer " + cfg.bearerToken());
        }
        HttpReply r = http.post(cfg.url(), headers, body.contentType(), body.text(), t);
        (r.ok() ? metrics.sent : metrics.failed).increment();
        return new Result(name() + " (" + Redactor.redact(cfg.url().toString()) + ")", r.ok(),
                r.ok() ? "delivered (HTTP " + r.status() + ")" : r.describe());
    }

    @Override
    public void close() {
        closed = true;
        ticks.close();
        if (!queue.isEmpty()) {
            LOG.info("{}: {} notifications not sent at shutdown", name(), queue.size());
        }
    }
}
