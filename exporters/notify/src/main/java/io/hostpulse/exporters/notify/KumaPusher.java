package io.hostpulse.exporters.notify;

import io.hostpulse.core.Redactor;
import io.hostpulse.core.time.Backoff;
import io.hostpulse.core.time.TickScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Heartbeats to one Uptime Kuma push monitor ({@code GET <base>/api/push/<token>?status=&msg=&ping=}) on its own
 * {@link TickScheduler} (a thread of its own in the agent, the test's clock in tests): every {@code interval} the
 * latest status is pushed, and at once when it turns up or down. A failed push is retried with the agent's
 * {@link Backoff} (at least the server's Retry-After) within the interval, at most three times; an unknown token (Kuma: "Monitor not found or not active") is
 * logged once until it works again, and counted. If the agent stops, the pushes stop and Kuma marks the monitor
 * down after its Heartbeat Interval: the dead man's switch.
 */
public final class KumaPusher implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(KumaPusher.class);
    static final int MAX_MESSAGE = 250;

    private final KumaConfig cfg;
    private final HttpTransport http;
    private final NotifyMetrics metrics;
    private final Backoff backoff;
    private final TickScheduler ticks;
    private final AtomicBoolean immediatePending = new AtomicBoolean();
    private volatile KumaStatus latest;
    private boolean rejectedLogged;
    private boolean failingLogged;
    private int retries;

    public KumaPusher(KumaConfig cfg, MeterRegistry registry) {
        this(cfg, registry, TickScheduler.threaded("hostpulse-kuma:" + cfg.name()));
    }

    /** @param ticks runs the heartbeats and retries; closed with this pusher */
    public KumaPusher(KumaConfig cfg, MeterRegistry registry, TickScheduler ticks) {
        this.cfg = cfg;
        this.http = new HttpTransport(cfg.timeout());
        this.metrics = new NotifyMetrics(registry, name());
        this.backoff = new Backoff(Duration.ofSeconds(1), cfg.interval().dividedBy(4));
        this.ticks = ticks;
    }

    public KumaConfig config() {
        return cfg;
    }

    @Override
    public String name() {
        return "kuma:" + cfg.name();
    }

    @Override
    public void start() {
        ticks.every(cfg.interval(), cfg.interval(), this::heartbeat);
    }

    /** Sets what to push from now on; pushes at once when the monitor turns up or down, or has never been pushed. Never blocks. */
    public void update(KumaStatus s) {
        KumaStatus before = latest;
        latest = s;
        if ((before == null || before.up() != s.up()) && immediatePending.compareAndSet(false, true)) {
            ticks.execute(() -> {
                immediatePending.set(false);
                heartbeat();
            });
        }
    }

    KumaStatus latest() {
        return latest;
    }

    private void heartbeat() {
        retries = 0;
        pushWithRetry();
    }

    private void pushWithRetry() {
        KumaStatus s = latest;
        if (s == null) {
            return; // nothing evaluated yet: say nothing rather than "up"
        }
        HttpReply r = http.get(pushUri(cfg, s), cfg.timeout());
        Outcome o = judge(r);
        switch (o) {
            case OK -> {
                metrics.sent.increment();
                if (rejectedLogged || failingLogged) {
                    LOG.info("{}: pushing again", name());
                }
                rejectedLogged = false;
                failingLogged = false;
            }
            case REJECTED -> {
                metrics.failed.increment();
                metrics.rejected.increment();
                if (!rejectedLogged) {
                    LOG.warn("{}: Uptime Kuma at {} refused the push: {} (check the push token and that the monitor is active)",
                            name(), cfg.baseUrl(), r.describe());
                    rejectedLogged = true;
                }
            }
            case FAILED -> {
                metrics.failed.increment();
                if (!failingLogged) {
                    LOG.warn("{}: push to {} failed: {}; retrying", name(), cfg.baseUrl(), r.describe());
                    failingLogged = true;
                }
                Duration d = backoff.delay(retries + 1, r.retryAfterDelay(ticks.clock().instant()));
                if (retries < 3 && d.compareTo(cfg.interval().dividedBy(2)) < 0) {
                    retries++;
                    metrics.retried.increment();
                    ticks.schedule(d, this::pushWithRetry);
                } else {
                    metrics.dropped.increment();
                }
            }
        }
    }

    enum Outcome { OK, REJECTED, FAILED }

    /** Kuma answers {"ok":true}; an unknown or paused monitor gives {"ok":false,"msg":"Monitor not found or not active."} (404 or 500 by version). */
    static Outcome judge(HttpReply r) {
        String b = r.body() == null ? "" : r.body().replace(" ", "");
        if (r.status() == 200 && b.contains("\"ok\":true")) {
            return Outcome.OK;
        }
        boolean unknownMonitor = b.contains("\"ok\":false") && r.body().toLowerCase().contains("not found");
        if (unknownMonitor || (r.status() >= 0 && !r.ok() && !r.retryable())) {
            return Outcome.REJECTED;
        }
        return Outcome.FAILED;
    }

    static URI pushUri(KumaConfig cfg, KumaStatus s) {
        String msg = s.message() == null ? "" : s.message();
        if (msg.length() > MAX_MESSAGE) {
            msg = msg.substring(0, MAX_MESSAGE - 3) + "...";
        }
        StringBuilder q = new StringBuilder(cfg.baseUrl().toString()).append("/api/push/").append(cfg.token())
                .append("?status=").append(s.up() ? "up" : "down")
                .append("&msg=").append(URLEncoder.encode(msg, StandardCharsets.UTF_8).replace("+", "%20"));
        if (s.pingMs() != null && s.pingMs() >= 0) {
            q.append("&ping=").append(s.pingMs());
        }
        return URI.create(q.toString());
    }

    @Override
    public Result test(Notification test, Duration timeout) {
        Duration t = timeout.compareTo(cfg.timeout()) < 0 ? timeout : cfg.timeout();
        KumaStatus s = new KumaStatus(true, test.message(), null);
        HttpReply r = http.get(pushUri(cfg, s), t);
        Outcome o = judge(r);
        (o == Outcome.OK ? metrics.sent : metrics.failed).increment();
        String where = name() + " (" + Redactor.redact(pushUri(cfg, s).toString().replaceFirst("\\?.*", "")) + ")";
        return new Result(where, o == Outcome.OK, switch (o) {
            case OK -> "pushed status=up (Kuma answered ok)";
            case REJECTED -> "refused: " + r.describe() + " (check the push token and that the monitor is active)";
            case FAILED -> r.describe();
        });
    }

    @Override
    public void close() {
        ticks.close();
    }
}
