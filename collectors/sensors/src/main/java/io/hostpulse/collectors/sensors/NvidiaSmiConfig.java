package io.hostpulse.collectors.sensors;

import io.hostpulse.core.config.ConfigNode;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the {@code nvidia_smi} collector section (Telegraf's key names). Every key is optional.
 *
 * @param binPath   {@code bin_path}: nvidia-smi, a bare name looked up on PATH or an absolute path
 * @param timeout   {@code timeout}: how long one {@code nvidia-smi -q -x} may run before it is killed (default 5s)
 * @param processes {@code processes}: write {@code nvidia_smi_process} points (one per GPU process); default true
 */
public record NvidiaSmiConfig(String binPath, Duration timeout, boolean processes) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public static NvidiaSmiConfig defaults() {
        return from(ConfigNode.of(Map.of()));
    }

    public static NvidiaSmiConfig from(ConfigNode node) {
        String bin = node.string("bin_path", "nvidia-smi").trim();
        if (bin.isEmpty()) {
            node.problem("bin_path", "must not be empty (a program name such as nvidia-smi, or an absolute path)");
            bin = "nvidia-smi";
        }
        Duration timeout = node.duration("timeout", DEFAULT_TIMEOUT);
        if (timeout.isNegative() || timeout.isZero()) {
            node.problem("timeout", "must be more than 0s");
            timeout = DEFAULT_TIMEOUT;
        }
        return new NvidiaSmiConfig(bin, timeout, node.bool("processes", true));
    }
}
