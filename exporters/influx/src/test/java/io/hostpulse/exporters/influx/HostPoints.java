package io.hostpulse.exporters.influx;

import io.hostpulse.core.Point;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Points shaped like the agent's host collector output (Telegraf names), with awkward tag values on purpose. */
final class HostPoints {
    private HostPoints() {
    }

    static List<Point> at(Instant t, String host) {
        List<Point> l = new ArrayList<>();
        for (String cpu : List.of("cpu0", "cpu1", "cpu-total")) {
            l.add(Point.builder("cpu").tag("host", host).tag("cpu", cpu)
                    .field("usage_user", 12.5 + cpu.length()).field("usage_system", 3.25)
                    .field("usage_idle", 84.0).field("usage_iowait", 0.125).time(t).build());
        }
        l.add(Point.builder("mem").tag("host", host)
                .field("total", 16_777_216_000L).field("used", 8_123_456_789L).field("available_percent", 51.57)
                .time(t).build());
        l.add(Point.builder("disk").tag("host", host).tag("path", "/mnt/my disk,2=x").tag("device", "sda1")
                .tag("fstype", "ext4").field("total", 1_000_204_886_016L).field("used", 523_124_000_000L)
                .field("used_percent", 52.3).field("inodes_free", 61_000_000L).time(t).build());
        l.add(Point.builder("system").tag("host", host).field("load1", 0.42).field("n_cpus", 2L)
                .field("uptime", 123_456L).field("uptime_format", "1 day, 10:17").time(t).build());
        l.add(Point.builder("net").tag("host", host).tag("interface", "eth0").field("bytes_recv", 9_223_372_036_854_775L)
                .field("err_in", 0L).field("drop_in", -1L).time(t).build());
        l.add(Point.builder("docker_container_status").tag("host", host).tag("container_name", "web \"front\"")
                .field("running", true).field("oomkilled", false).field("exitcode", 0L).time(t).build());
        return l;
    }
}
