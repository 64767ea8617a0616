package io.hostpulse.exporters.liveview;

import io.hostpulse.core.Point;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-second rates of byte counters between two batches of one collector: the host's diskio read/write and net
 * received/sent bytes, a container's network (total) and block I/O (total) bytes. The only numbers the live view
 * derives itself, since Telegraf's points carry counters there; one instance per collector. A counter that went backwards (reboot, interface re-created) gives no rate this time.
 */
final class Rates {
    private Map<String, Double> previous = new HashMap<>();
    private Instant previousTime;
    private Map<String, Double> current = new LinkedHashMap<>();

    void update(Iterable<Point> hostBatch, Instant t) {
        Map<String, Double> now = new HashMap<>();
        for (Point p : hostBatch) {
            if (p.measurement().equals("diskio")) {
                put(now, "diskio:" + p.tag("name") + ":read", p.field("read_bytes"));
                put(now, "diskio:" + p.tag("name") + ":write", p.field("write_bytes"));
            } else if (p.measurement().equals("net")) {
                put(now, "net:" + p.tag("interface") + ":recv", p.field("bytes_recv"));
                put(now, "net:" + p.tag("interface") + ":sent", p.field("bytes_sent"));
            } else if (p.measurement().equals("docker_container_net") && "total".equals(p.tag("network"))) {
                put(now, "ctr:" + p.tag("container_name") + ":rx", p.field("rx_bytes"));
                put(now, "ctr:" + p.tag("container_name") + ":tx", p.field("tx_bytes"));
            } else if (p.measurement().equals("docker_container_blkio") && "total".equals(p.tag("device"))) {
                put(now, "ctr:" + p.tag("container_name") + ":read", p.field("io_service_bytes_recursive_read"));
                put(now, "ctr:" + p.tag("container_name") + ":write", p.field("io_service_bytes_recursive_write"));
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (previousTime != null && t.isAfter(previousTime)) {
            double s = Duration.between(previousTime, t).toNanos() / 1e9;
            now.forEach((k, v) -> {
                Double before = previous.get(k);
                if (before != null && v >= before) {
                    out.put(k, (v - before) / s);
                }
            });
        }
        previous = now;
        previousTime = t;
        current = out;
    }

    private static void put(Map<String, Double> m, String key, Object v) {
        if (v instanceof Number n) {
            m.put(key, n.doubleValue());
        }
    }

    /**
     * Rates of the last update, by key {@code diskio:<name>:read|write}, {@code net:<interface>:recv|sent} and
     * {@code ctr:<container>:rx|tx|read|write}.
     */
    Map<String, Double> current() {
        return current;
    }

    Double get(String key) {
        return current.get(key);
    }
}
