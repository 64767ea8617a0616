package io.hostpulse.collectors.host.sysctlfs;

import io.hostpulse.collectors.host.Cycle;
import io.hostpulse.collectors.host.HostPart;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Point;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code linux_sysctl_fs} (optional): open files, inodes, dentries and async I/O requests from
 * {@code <proc>/sys/fs}, as Telegraf's linux_sysctl_fs plugin. Files a kernel lacks (dquot-*, super-* on current
 * kernels) are left out, as Telegraf does.
 */
public final class SysctlFsPart implements HostPart {
    @Override
    public String name() {
        return "linux_sysctl_fs";
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception {
        List<String> files = new ArrayList<>(SysctlFsParser.SINGLE);
        files.addAll(SysctlFsParser.TUPLES.keySet());
        Map<String, Long> fields = new LinkedHashMap<>();
        ParseProblems problems = new ParseProblems();
        for (String f : files) {
            Optional<String> text = cycle.source().procIfPresent("sys/fs/" + f);
            text.ifPresent(t -> SysctlFsParser.add(f, t, fields, problems));
        }
        cycle.report("sys/fs", problems);
        if (!fields.isEmpty()) {
            Point.Builder b = Point.builder("linux_sysctl_fs").time(now);
            fields.forEach(b::field);
            acc.add(b.build());
        }
    }
}
