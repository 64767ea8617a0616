package io.hostpulse.agent.cli;

import io.hostpulse.core.config.Durations;
import picocli.CommandLine;

import java.time.Duration;

/** Command-line durations in the config's syntax (2s, 500ms, 1m). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration d = Durations.parse(value);
        if (d == null || d.isNegative() || d.isZero()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration such as 2s or 500ms");
        }
        return d;
    }
}
