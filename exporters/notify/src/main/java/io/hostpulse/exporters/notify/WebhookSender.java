package io.hostpulse.exporters.notify;

import io.hostpulse.core.Redactor;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * POSTs notifications to one webhook on its own thread: {@link #send} only puts them into a bounded queue (the
 * oldest is dropped when it is full), so a receiver that is down, slow or hanging never holds up anything else.
 * Each notification is tried up to {@code max_attempts} times with exponential back-off on no answer, 5xx, 408
 * and 429; any other 4xx is our mistake and is not retried. Failures are logged once per streak and counted.
 */
public final class WebhookSender implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final WebhookConfig cfg;
    private final HttpTransport http;
    private final NotifyMetrics metrics;
    private final Backoff backoff;
    private final BlockingDeque<Notification> queue;
    private final Thread worker;
    private volatile boolean closed;
    private boolean failing;

    public WebhookSender(WebhookConfig cfg, MeterRegistry registry) {
        this.cfg = cfg;
        this.http = new HttpTransport(cfg.timeout());
        this.metrics = new NotifyMetrics(registry, name());
        this.backoff = new Backoff(cfg.backoff(), cfg.maxBackoff());
        this.queue = new LinkedBlockingDeque<>(cfg.queueSize());
        this.worker = new Thread(this::loop, "hostpulse-" + name());
        worker.setDaemon(true);
    }

    @Override
    public String name() {
        return "webhook:" + cfg.name();
    }

    @Override
    public void start() {
        worker.start();
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

    private void loop() {
        while (!closed) {
            Notification n;
            try {
                n = queue.pollFirst(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (n != null) {
                deliver(n);
            }
        }
    }

    private void deliver(Notification n) {
        for (int attempt = 0; attempt < cfg.maxAttempts() && !closed; attempt++) {
            HttpReply r = post(n);
            if (r.ok()) {
                metrics.sent.increment();
                if (failing) {
                    LOG.info("{}: delivering again", name());
                    failing = false;
                }
                return;
            }
            metrics.failed.increment();
            if (!r.retryable()) {
                metrics.rejected.increment();
                metrics.dropped.increment();
                LOG.warn("{}: {} rejected the {} notification of rule {}: {} (not retried: fix the webhook config)",
                        name(), Redactor.redact(cfg.url().toString()), n.status(), n.rule(), r.describe());
                return;
            }
            if (attempt + 1 >= cfg.maxAttempts()) {
                metrics.dropped.increment();
                LOG.warn("{}: gave up on the {} notification of rule {} after {} attempts: {}", name(), n.status(),
                        n.rule(), cfg.maxAttempts(), r.describe());
                failing = true;
                return;
            }
            if (!failing) {
                LOG.warn("{}: {} failed: {}; retrying with back-off", name(),
                        Redactor.redact(cfg.url().toString()), r.describe());
                failing = true;
            }
            metrics.retried.increment();
            try {
                Thread.sleep(backoff.delay(attempt).toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
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
        worker.interrupt();
        try {
            worker.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!queue.isEmpty()) {
            LOG.info("{}: {} notifications not sent at shutdown", name(), queue.size());
        }
    }
}
