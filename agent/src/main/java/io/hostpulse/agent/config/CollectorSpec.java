package io.hostpulse.agent.config;

import io.hostpulse.core.Collector;

import java.time.Duration;

/**
 * A collector the agent will schedule, made from its config section.
 *
 * @param cron    a Quartz cron expression that replaces {@code interval} when set
 * @param timeout how long one collection may take before the agent logs it as overdue
 */
public record CollectorSpec(String name, Collector collector, Duration interval, Duration jitter, String cron,
                            Duration timeout) {
}
