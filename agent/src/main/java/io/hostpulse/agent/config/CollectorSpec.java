package io.hostpulse.agent.config;

import io.hostpulse.core.CollectorPlugin;

import java.time.Duration;

/**
 * A collector the agent will schedule: its plugin with the config record read from its section (data only; the
 * collector itself is made by {@code agent.wiring.Wiring} when the agent runs).
 *
 * @param cron    a Quartz cron expression that replaces {@code interval} when set
 * @param timeout how long one collection may take before the agent logs it as overdue
 */
public record CollectorSpec(String name, CollectorPlugin.Configured<?> collector, Duration interval, Duration jitter,
                            String cron, Duration timeout) {
}
