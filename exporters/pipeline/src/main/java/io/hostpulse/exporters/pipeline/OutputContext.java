package io.hostpulse.exporters.pipeline;

import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;
import java.time.Clock;

/**
 * What the agent hands every output: its data directory (spools live under {@code dataDir/spool/<output>}; null
 * when none is configured, which turns the spool off), the self-metrics registry and the clock.
 */
public record OutputContext(Path dataDir, MeterRegistry registry, Clock clock) {
}
