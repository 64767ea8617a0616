package io.hostpulse.exporters.pipeline;

import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;
import java.time.Clock;

/** What the agent hands every output: its data directory (for spools), the self-metrics registry, the clock. */
public record OutputContext(Path dataDir, MeterRegistry registry, Clock clock) {
}
