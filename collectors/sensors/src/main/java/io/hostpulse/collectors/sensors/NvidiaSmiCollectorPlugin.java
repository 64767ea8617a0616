package io.hostpulse.collectors.sensors;

import io.hostpulse.core.Collector;
import io.hostpulse.core.CollectorContext;
import io.hostpulse.core.CollectorPlugin;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.exec.ProcessCommandRunner;
import io.hostpulse.core.exec.Programs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Registry row of the {@code nvidia_smi} collector: on by default only where {@code nvidia-smi} is on PATH (the
 * NVIDIA driver's utilities are installed, or the NVIDIA container toolkit mounted them). Where it is missing the
 * collector is simply off; that is said once, at debug level.
 */
public final class NvidiaSmiCollectorPlugin implements CollectorPlugin<NvidiaSmiConfig> {
    public static final String NAME = "nvidia_smi";
    private static final Logger LOG = LoggerFactory.getLogger(NvidiaSmiCollectorPlugin.class);
    private static final AtomicBoolean SAID_MISSING = new AtomicBoolean();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean availableByDefault(CollectorContext ctx) {
        String found = resolve("nvidia-smi", path(ctx));
        if (found == null && SAID_MISSING.compareAndSet(false, true)) {
            LOG.debug("nvidia-smi not found on PATH: the nvidia_smi collector is off (no NVIDIA GPU driver utilities)");
        }
        return found != null;
    }

    @Override
    public NvidiaSmiConfig configure(ConfigNode section, CollectorContext ctx) {
        return NvidiaSmiConfig.from(section);
    }

    @Override
    public Collector create(NvidiaSmiConfig config, CollectorContext ctx) {
        String found = resolve(config.binPath(), path(ctx));
        return new NvidiaSmiCollector(config, new ProcessCommandRunner(), found == null ? config.binPath() : found);
    }

    @Override
    public Map<String, Set<String>> schema() {
        return Map.of(
                "nvidia_smi", Set.of("driver_version", "cuda_version", "serial", "vbios_version", "display_active",
                        "display_mode", "current_ecc", "fan_speed", "memory_total", "memory_used", "memory_free",
                        "memory_reserved", "retired_pages_multiple_single_bit", "retired_pages_double_bit",
                        "retired_pages_blacklist", "retired_pages_pending", "remapped_rows_correctable",
                        "remapped_rows_uncorrectable", "remapped_rows_pending", "remapped_rows_failure",
                        "temperature_gpu", "temperature_gpu_slowdown_threshold", "temperature_gpu_shutdown_threshold",
                        "utilization_gpu", "utilization_memory", "utilization_encoder", "utilization_decoder",
                        "utilization_jpeg", "utilization_ofa", "pcie_link_gen_current", "pcie_link_width_current",
                        "encoder_stats_session_count", "encoder_stats_average_fps", "encoder_stats_average_latency",
                        "fbc_stats_session_count", "fbc_stats_average_fps", "fbc_stats_average_latency",
                        "clocks_current_graphics", "clocks_current_sm", "clocks_current_memory", "clocks_current_video",
                        "power_draw", "module_power_draw", "top_process", "top_process_memory"),
                "nvidia_smi_mig", Set.of("sram_uncorrectable", "memory_fb_total", "memory_fb_reserved", "memory_fb_used",
                        "memory_fb_free", "memory_bar1_total", "memory_bar1_used", "memory_bar1_free"),
                "nvidia_smi_process", Set.of("used_memory"));
    }

    private static String path(CollectorContext ctx) {
        return ctx.environment() == null ? null : ctx.environment().get("PATH");
    }

    /** A path is used as is; a bare name is looked up on PATH. Null: not found. */
    static String resolve(String name, String pathVar) {
        return Programs.find(name, pathVar, List.of());
    }
}
