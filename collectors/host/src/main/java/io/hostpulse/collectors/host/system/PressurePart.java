package io.hostpulse.collectors.host.system;

import io.hostpulse.collectors.host.Cycle;
import io.hostpulse.collectors.host.HostPart;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.Point;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code pressure} (PSI) from /proc/pressure/{cpu,memory,io}, as Telegraf's kernel plugin with collect=["psi"]:
 * tags resource and type (some, full); cpu/full is left out as Telegraf does (always zero at system level).
 * Kernels without PSI have no /proc/pressure, and with psi=0 its files refuse reads (EOPNOTSUPP): then nothing is
 * emitted and nothing is reported.
 */
public final class PressurePart implements HostPart {
    static final List<String> RESOURCES = List.of("cpu", "memory", "io");

    @Override
    public String name() {
        return "pressure";
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) {
        if (!cycle.source().procDirExists("pressure")) {
            return;
        }
        for (String resource : RESOURCES) {
            String file = "pressure/" + resource;
            try {
                Optional<String> text = cycle.source().procIfPresent(file);
                if (text.isEmpty()) {
                    continue;
                }
                ParseProblems problems = new ParseProblems();
                for (PressureParser.PsiLine l : PressureParser.parse(text.get(), problems)) {
                    if (resource.equals("cpu") && l.type().equals("full")) {
                        continue;
                    }
                    acc.add(Point.builder("pressure").time(now)
                            .tag("resource", resource).tag("type", l.type())
                            .field("avg10", l.avg10()).field("avg60", l.avg60()).field("avg300", l.avg300())
                            .field("total", l.total())
                            .build());
                }
                cycle.report(file, problems);
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("Operation not supported")) {
                    return; // kernel built with PSI but booted with psi=0: the files exist and refuse reads
                }
                acc.addError("pressure " + resource, e);
            }
        }
    }
}
