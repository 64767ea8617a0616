package io.hostpulse.exporters.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Self-metrics of one target: {@code hostpulse.notify.sent}, {@code .failed} (attempts that got no good answer),
 * {@code .retried}, {@code .dropped} (given up or pushed out of a full queue), {@code .rejected} (the receiver
 * said our request is wrong: Kuma's unknown push token, HTTP 4xx), all tagged {@code target}.
 */
final class NotifyMetrics {
    final Counter sent;
    final Counter failed;
    final Counter retried;
    final Counter dropped;
    final Counter rejected;

    NotifyMetrics(MeterRegistry registry, String target) {
        sent = registry.counter("hostpulse.notify.sent", "target", target);
        failed = registry.counter("hostpulse.notify.failed", "target", target);
        retried = registry.counter("hostpulse.notify.retried", "target", target);
        dropped = registry.counter("hostpulse.notify.dropped", "target", target);
        rejected = registry.counter("hostpulse.notify.rejected", "target", target);
    }
}
