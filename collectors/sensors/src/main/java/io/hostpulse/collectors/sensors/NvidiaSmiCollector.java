package io.hostpulse.collectors.sensors;

import io.hostpulse.core.Accumulator;
import io.hostpulse.core.CollectException;
import io.hostpulse.core.Collector;
import io.hostpulse.core.exec.CommandResult;
import io.hostpulse.core.exec.CommandRunner;
import io.hostpulse.core.exec.CommandTimeoutException;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * NVIDIA GPUs through one {@code nvidia-smi -q -x} per collection (Telegraf's nvidia_smi source): {@code nvidia_smi},
 * {@code nvidia_smi_mig} and {@code nvidia_smi_process} points. A run that fails, times out or prints no XML fails
 * the collection with the program's own words; no points are made up.
 */
public final class NvidiaSmiCollector implements Collector {
    private final NvidiaSmiConfig config;
    private final CommandRunner runner;
    private final String program;

    /** @param program the resolved nvidia-smi path (or the configured name when it was not found) */
    public NvidiaSmiCollector(NvidiaSmiConfig config, CommandRunner runner, String program) {
        this.config = config;
        this.runner = runner;
        this.program = program;
    }

    @Override
    public String name() {
        return NvidiaSmiCollectorPlugin.NAME;
    }

    @Override
    public void collect(Instant now, Accumulator acc) throws CollectException {
        CommandResult r;
        try {
            r = runner.run(List.of(program, "-q", "-x"), config.timeout());
        } catch (IOException e) {
            throw new CollectException("cannot run " + program + ": " + e.getMessage()
                    + " (install the NVIDIA driver utilities, or set collectors.nvidia_smi.bin_path)", e);
        } catch (CommandTimeoutException e) {
            throw new CollectException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectException("interrupted while running " + program, e);
        }
        if (r.exitCode() != 0 || !r.stdout().contains("<nvidia_smi_log")) {
            String why = firstLine(r.stdout().isBlank() ? r.stderr() : r.stdout());
            throw new CollectException(program + " -q -x exited with " + r.exitCode()
                    + (why.isEmpty() ? "" : ": " + why));
        }
        NvidiaSmiParser.Result result;
        try {
            result = NvidiaSmiParser.parse(r.stdout(), now);
        } catch (IOException e) {
            throw new CollectException(e.getMessage(), e);
        }
        result.gpus().forEach(acc::add);
        result.mig().forEach(acc::add);
        if (config.processes()) {
            result.processes().forEach(acc::add);
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        String line = nl < 0 ? t : t.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
