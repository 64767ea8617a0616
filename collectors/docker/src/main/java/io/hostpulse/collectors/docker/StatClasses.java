package io.hostpulse.collectors.docker;

import java.util.List;
import java.util.Set;

/**
 * Which stats classes get rows per device and which get a total row: Telegraf's {@code perdevice_include} and
 * {@code total_include}, with Telegraf's defaults. Per device: {@code cpu} (cpu0, cpu1, … from percpu_usage,
 * cgroup v1 only), {@code network} (eth0, eth1, …), {@code blkio} (major:minor). Total: {@code cpu} (the
 * {@code cpu=cpu-total} row the engine reports), {@code network} and {@code blkio} (sums of the devices).
 */
record StatClasses(Set<String> perDevice, Set<String> total) {
    static final String CPU = "cpu";
    static final String NETWORK = "network";
    static final String BLKIO = "blkio";
    static final List<String> ALL = List.of(CPU, NETWORK, BLKIO);
    static final List<String> DEFAULT_PER_DEVICE = List.of(CPU);
    static final List<String> DEFAULT_TOTAL = List.of(CPU, BLKIO, NETWORK);
    static final StatClasses DEFAULTS = new StatClasses(Set.copyOf(DEFAULT_PER_DEVICE), Set.copyOf(DEFAULT_TOTAL));

    StatClasses {
        perDevice = Set.copyOf(perDevice);
        total = Set.copyOf(total);
    }

    boolean perDevice(String cls) {
        return perDevice.contains(cls);
    }

    boolean total(String cls) {
        return total.contains(cls);
    }
}
