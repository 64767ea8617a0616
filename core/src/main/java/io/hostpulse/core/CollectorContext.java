package io.hostpulse.core;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the agent hands every collector plugin: where the host's files are, the clock, the agent's data directory
 * (for small state files such as SMART baselines; null when there is none, or for {@code hostpulse test}, which
 * must leave nothing behind), the environment (for DOCKER_HOST and PATH lookups; a map so tests can set it) and
 * the event sink, for events a collector learns of between collections (the Docker events stream): they reach
 * the outputs when they happen. All of it is data except the sink, which the agent sets only when it creates the
 * collectors to run them ({@link EventSink#DISCARD} while the config is only read).
 */
public record CollectorContext(HostPaths hostPaths, Clock clock, String hostname, Path dataDir,
                               Map<String, String> environment, EventSink events) {

    /** A context without an event lane (config checks, tests of collectors that push no events). */
    public CollectorContext(HostPaths hostPaths, Clock clock, String hostname, Path dataDir,
                            Map<String, String> environment) {
        this(hostPaths, clock, hostname, dataDir, environment, EventSink.DISCARD);
    }

    /** The same context delivering pushed events to {@code sink}. */
    public CollectorContext withEvents(EventSink sink) {
        return new CollectorContext(hostPaths, clock, hostname, dataDir, environment, sink);
    }

    /** The same context without a data directory: nothing is written to disk (hostpulse test). */
    public CollectorContext withoutDataDir() {
        return new CollectorContext(hostPaths, clock, hostname, null, environment, events);
    }
}
