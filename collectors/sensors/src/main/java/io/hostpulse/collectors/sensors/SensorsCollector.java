package io.hostpulse.collectors.sensors;

import io.hostpulse.core.Accumulator;
import io.hostpulse.core.CollectException;
import io.hostpulse.core.Collector;
import io.hostpulse.core.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hardware sensors from the kernel's files under the host's sys path: hwmon chips ({@code sensors}, {@code temp}),
 * thermal zones ({@code temp}), amdgpu cards ({@code amd_rocm_smi}), RAPL energy counters ({@code rapl}) and power
 * supplies ({@code power_supply}). A host without any of these (a VM, a container without /sys) gives no points and no
 * errors. Each part that fails is reported with {@link Accumulator#addError} under its name and the others go on.
 * Not thread-safe: the agent calls collect from one job at a time (RAPL keeps the previous counters).
 */
public final class SensorsCollector implements Collector {
    private static final Logger LOG = LoggerFactory.getLogger(SensorsCollector.class);
    private static final Pattern CARD = Pattern.compile("card\\d+");
    private static final Pattern RAPL_ZONE = Pattern.compile("intel-rapl(-mmio)?:[0-9:]+");
    private static final Pattern ANY = Pattern.compile("[^.].*");
    private static final List<String> AMD_DEVICE = List.of("vendor", "device", "unique_id", "gpu_busy_percent",
            "mem_busy_percent", "mem_info_vram_total", "mem_info_vram_used");
    private static final List<String> AMD_HWMON = List.of("temp1_input", "temp1_label", "temp2_input", "temp2_label",
            "temp3_input", "temp3_label", "power1_average", "power1_input", "pwm1", "freq1_input", "freq2_input");
    private static final List<String> SUPPLY = List.of("type", "status", "capacity", "capacity_level", "health", "online",
            "present", "cycle_count", "energy_now", "energy_full", "energy_full_design", "charge_now", "charge_full",
            "charge_full_design", "power_now", "current_now", "voltage_now", "voltage_min_design");

    private final SensorsConfig config;
    private final SysTree sys;
    private final HwmonScanner hwmon;
    private final RaplMeter rapl = new RaplMeter();
    private final Set<String> raplDenied = new HashSet<>();

    public SensorsCollector(SensorsConfig config, Path sysPath) {
        this.config = config;
        this.sys = new SysTree(sysPath);
        this.hwmon = new HwmonScanner(sys);
    }

    @Override
    public String name() {
        return SensorsCollectorPlugin.NAME;
    }

    @Override
    public void collect(Instant now, Accumulator acc) throws CollectException {
        if (!Files.isDirectory(sys.root())) {
            throw new CollectException("host sys path " + sys.root()
                    + " does not exist or is not a directory (mount the host's /sys there, or set agent.host_sys)");
        }
        List<HwmonChip> chips = config.enabled("sensors") || config.enabled("temp") ? chips(acc) : List.of();
        if (config.enabled("sensors")) {
            for (HwmonChip c : chips) {
                HwmonMapper.sensors(c, now).forEach(acc::add);
            }
        }
        if (config.enabled("temp")) {
            part("temp", acc, () -> temps(chips, now, acc));
        }
        if (config.enabled("amd_gpu")) {
            part("amd_gpu", acc, () -> amdGpus(now, acc));
        }
        if (config.enabled("rapl")) {
            part("rapl", acc, () -> rapl(now, acc));
        }
        if (config.enabled("power_supply")) {
            part("power_supply", acc, () -> powerSupplies(now, acc));
        }
    }

    private List<HwmonChip> chips(Accumulator acc) {
        try {
            return hwmon.chips();
        } catch (IOException e) {
            acc.addError("hwmon", e);
            return List.of();
        }
    }

    private interface Part {
        void run() throws IOException;
    }

    private static void part(String name, Accumulator acc, Part p) {
        try {
            p.run();
        } catch (IOException | RuntimeException e) {
            acc.addError(name, e);
        }
    }

    private void temps(List<HwmonChip> chips, Instant now, Accumulator acc) throws IOException {
        int n = 0;
        for (HwmonChip c : chips) {
            for (Point p : HwmonMapper.temps(c, config.deviceTag(), now)) {
                acc.add(p);
                n++;
            }
        }
        if (n == 0 || config.thermalZones()) {
            for (HwmonScanner.Zone z : hwmon.zones()) {
                Double v = HwmonMapper.number(z.temp());
                if (v != null) {
                    acc.add(Point.builder("temp").time(now).tag("sensor", z.type()).field("temp", v / 1000.0).build());
                }
            }
        }
    }

    private void amdGpus(Instant now, Accumulator acc) throws IOException {
        for (Path card : sys.list(sys.resolve("class/drm"), CARD)) {
            Path device = card.resolve("device");
            Map<String, String> dev = sys.attributes(device, AMD_DEVICE);
            if (!AmdGpuMapper.isAmdGpu(dev)) {
                continue;
            }
            List<Path> mons = sys.list(device.resolve("hwmon"), Pattern.compile("hwmon\\d+"));
            Map<String, String> mon = mons.isEmpty() ? Map.of() : sys.attributes(mons.get(0), AMD_HWMON);
            Point p = AmdGpuMapper.map(card.getFileName().toString(), dev, mon, now);
            if (p != null) {
                acc.add(p);
            }
        }
    }

    private void rapl(Instant now, Accumulator acc) throws IOException {
        Set<String> seen = new HashSet<>();
        for (Path zone : sys.list(sys.resolve("class/powercap"), RAPL_ZONE)) {
            String id = zone.getFileName().toString();
            if (raplDenied.contains(id)) {
                continue;
            }
            String energyText;
            try {
                energyText = sys.required(zone.resolve("energy_uj")).orElse(null);
            } catch (IOException e) {
                if (e.getCause() instanceof AccessDeniedException) {
                    raplDenied.add(id);
                    LOG.info("RAPL counter {} is readable by root only (Linux 5.10 and later); no rapl points for it",
                            zone.resolve("energy_uj"));
                    acc.addError("rapl " + id, e);
                    continue;
                }
                throw e;
            }
            Long energy = AmdGpuMapper.whole(energyText);
            if (energy == null) {
                continue;
            }
            seen.add(id);
            Long max = AmdGpuMapper.whole(sys.text(zone.resolve("max_energy_range_uj")).orElse(null));
            Double watts = rapl.watts(id, energy, max == null ? 0 : max, now);
            acc.add(Point.builder("rapl").time(now)
                    .tag("name", sys.text(zone.resolve("name")).orElse(id))
                    .tag("power_zone", id)
                    .field("energy_joules", energy / 1e6)
                    .field("power_watts", watts)
                    .build());
        }
        rapl.retain(seen);
    }

    private void powerSupplies(Instant now, Accumulator acc) throws IOException {
        for (Path supply : sys.list(sys.resolve("class/power_supply"), ANY)) {
            Point p = PowerSupplyMapper.map(supply.getFileName().toString(), sys.attributes(supply, SUPPLY), now);
            if (p != null) {
                acc.add(p);
            }
        }
    }
}
