package io.hostpulse.exporters.pipeline;

import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;
import java.time.Clock;

/**
 * What the agent hands every output it creates: its data directory (spools live under
 * {@code dataDir/spool/<output>}; null when none is configured, which turns the spool off), the self-metrics
 * registry, the clock, and the agent's host name (the {@code host} of events that carry none; null: the
 * output finds one itself).
 */
public record OutputContext(Path dataDir, MeterRegistry registry, Clock clock, String hostname) {

    public OutputContext(Path dataDir, MeterRegistry registry, Clock clock) {
        this(dataDir, registry, clock, null);
    }
}
