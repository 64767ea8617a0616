package io.hostpulse.core;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the agent hands every collector: where the host's files are, the clock, the agent's data directory
 * (for small state files such as SMART baselines; null when none is configured), and the environment
 * (for DOCKER_HOST and PATH lookups; a map so tests can set it).
 */
public record CollectorContext(HostPaths hostPaths, Clock clock, String hostname, Path dataDir,
                               Map<String, String> environment) {
}
