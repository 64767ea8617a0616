package io.hostpulse.collectors.host;

import io.hostpulse.collectors.host.cpu.ProcStatParser;
import io.hostpulse.collectors.host.mem.KeyValueParser;
import io.hostpulse.core.Accumulator;

import java.io.IOException;
import java.util.Map;

/**
 * What several parts of one collection share: /proc/stat (cpu, system, kernel) and /proc/meminfo (mem, swap) are read
 * and parsed at most once per cycle. Skipped lines are reported once per file.
 */
public final class Cycle {
    private final HostFileSource source;
    private final Accumulator acc;
    private ProcStatParser.ProcStat stat;
    private Map<String, Long> meminfo;

    Cycle(HostFileSource source, Accumulator acc) {
        this.source = source;
        this.acc = acc;
    }

    public HostFileSource source() {
        return source;
    }

    public ProcStatParser.ProcStat stat() throws IOException {
        if (stat == null) {
            ParseProblems problems = new ParseProblems();
            stat = ProcStatParser.parse(source.proc("stat"), problems);
            report("stat", problems);
        }
        return stat;
    }

    public Map<String, Long> meminfo() throws IOException {
        if (meminfo == null) {
            ParseProblems problems = new ParseProblems();
            meminfo = KeyValueParser.meminfo(source.proc("meminfo"), problems);
            report("meminfo", problems);
        }
        return meminfo;
    }

    /** Reports the skipped lines of one file as one error (part = the file under proc). */
    public void report(String file, ParseProblems problems) {
        HostParseException e = problems.toException(source.paths().proc(file).toString());
        if (e != null) {
            acc.addError(file, e);
        }
    }
}
