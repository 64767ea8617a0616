package io.hostpulse.collectors.host.process;

import io.hostpulse.core.Point;

import java.time.Instant;

/**
 * One process of the list, as the live view and the {@code procstat} measurement show it.
 *
 * @param cpuPercent  CPU used over the last interval, in percent of one core (a process busy on two cores shows
 *                    200, as in top and Telegraf's {@code cpu_usage}); null on the first sight of the process
 * @param readBytes   storage bytes read since the start (/proc/pid/io), null where that file is not readable
 * @param readRate    bytes per second over the last interval, null when not known
 * @param containerId the Docker (or containerd) container id from the cgroup, null outside containers
 */
public record ProcessRow(int pid, String name, String user, char state, Double cpuPercent, long rssBytes,
                         Long readBytes, Long writeBytes, Double readRate, Double writeRate, long threads,
                         String containerId, String cmdline) {

    public static final String MEASUREMENT = "procstat";

    /** CPU, or 0 when not known yet: the sort key of the CPU view. */
    public double cpuOrZero() {
        return cpuPercent == null ? 0 : cpuPercent;
    }

    /** Read plus write rate, 0 when not known: the sort key of the I/O view. */
    public double ioRate() {
        return (readRate == null ? 0 : readRate) + (writeRate == null ? 0 : writeRate);
    }

    /** Telegraf procstat's shape (tags process_name, user, pid as with pid_tag) plus hostpulse's extra fields. */
    public Point toPoint(Instant time) {
        return Point.builder(MEASUREMENT).time(time)
                .tag("process_name", name).tag("user", user).tag("pid", Integer.toString(pid))
                .field("pid", (long) pid)
                .field("cpu_usage", cpuPercent)
                .field("memory_rss", rssBytes)
                .field("read_bytes", readBytes)
                .field("write_bytes", writeBytes)
                .field("read_bytes_per_second", readRate)
                .field("write_bytes_per_second", writeRate)
                .field("num_threads", threads)
                .field("state", String.valueOf(state))
                .field("container_id", containerId)
                .field("cmdline", cmdline)
                .build();
    }
}
