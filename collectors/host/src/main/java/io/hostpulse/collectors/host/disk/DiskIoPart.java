package io.hostpulse.collectors.host.disk;

import io.hostpulse.collectors.host.Cycle;
import io.hostpulse.collectors.host.HostConfig;
import io.hostpulse.collectors.host.HostFileSource;
import io.hostpulse.collectors.host.HostPart;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.collectors.host.disk.DiskstatsParser.DiskStat;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Point;
import io.hostpulse.core.text.Glob;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code diskio} from /proc/diskstats: Telegraf's counters (sectors * 512 for bytes). The optional serial tag comes
 * from the host's udev database ({@code <root>/run/udev/data/b<major>:<minor>}, ID_SERIAL, what gopsutil reads) or
 * else {@code <sys>/class/block/<name>/device/serial} (the parent disk's for a partition); looked up once per device.
 */
public final class DiskIoPart implements HostPart {
    private final HostConfig config;
    private final Predicate<String> include;
    private final Predicate<String> ignore;
    private final Map<String, Optional<String>> serials = new HashMap<>();

    public DiskIoPart(HostConfig config) {
        this.config = config;
        this.include = config.diskioDevices().isEmpty() ? n -> true : Glob.anyOf(config.diskioDevices());
        this.ignore = Glob.anyOf(config.diskioIgnore());
    }

    @Override
    public String name() {
        return "diskio";
    }

    boolean wanted(String name) {
        return include.test(name) && !ignore.test(name);
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception {
        ParseProblems problems = new ParseProblems();
        for (DiskStat d : DiskstatsParser.parse(cycle.source().proc("diskstats"), problems)) {
            if (!wanted(d.name())) {
                continue;
            }
            Point.Builder b = Point.builder("diskio").time(now).tag("name", d.name());
            if (config.diskioSerial()) {
                b.tag("serial", serial(cycle.source(), d).orElse(null));
            }
            acc.add(b.field("reads", d.reads())
                    .field("writes", d.writes())
                    .field("read_bytes", d.sectorsRead() * 512)
                    .field("write_bytes", d.sectorsWritten() * 512)
                    .field("read_time", d.readTimeMs())
                    .field("write_time", d.writeTimeMs())
                    .field("io_time", d.ioTimeMs())
                    .field("weighted_io_time", d.weightedIoTimeMs())
                    .field("iops_in_progress", d.inProgress())
                    .field("merged_reads", d.mergedReads())
                    .field("merged_writes", d.mergedWrites())
                    .build());
        }
        cycle.report("diskstats", problems);
    }

    private Optional<String> serial(HostFileSource src, DiskStat d) {
        String key = d.major() + ":" + d.minor() + " " + d.name();
        return serials.computeIfAbsent(key, k -> lookup(src, d));
    }

    private static Optional<String> lookup(HostFileSource src, DiskStat d) {
        try {
            Optional<String> udev = src.rootIfPresent("run/udev/data/b" + d.major() + ":" + d.minor())
                    .map(DiskstatsParser::udevSerial);
            if (udev.isPresent()) {
                return udev;
            }
            String dev = "class/block/" + d.name().replace('!', '/');
            Optional<String> own = src.sysIfPresent(dev + "/device/serial").map(String::trim).filter(s -> !s.isEmpty());
            if (own.isPresent()) {
                return own;
            }
            if (src.sysIfPresent(dev + "/partition").isPresent()) {
                return src.sysIfPresent(dev + "/../device/serial").map(String::trim).filter(s -> !s.isEmpty());
            }
        } catch (IOException e) {
            // a serial we may not read is a serial we do not know; the counters still matter
        }
        return Optional.empty();
    }
}
