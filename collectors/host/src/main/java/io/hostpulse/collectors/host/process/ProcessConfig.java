package io.hostpulse.collectors.host.process;

import io.hostpulse.core.config.ConfigNode;

/**
 * The host collector's {@code procstat:} section.
 *
 * @param enabled    read the process list at all (default true: the live view and {@code hostpulse top} show it)
 * @param export     write the top processes as {@code procstat} points to the outputs (default false: one series
 *                   per exported process, so it is opt-in)
 * @param top        how many processes by CPU and how many by memory are exported (default 5)
 * @param keep       how many processes (by CPU, by memory and by I/O, together) the live view keeps (default 100)
 * @param cmdlineMax command lines are cut to this many characters (default 200)
 */
public record ProcessConfig(boolean enabled, boolean export, int top, int keep, int cmdlineMax) {

    public static ProcessConfig defaults() {
        return new ProcessConfig(true, false, 5, 100, 200);
    }

    /** Reads the section; mistakes are recorded on the node and the default is used instead. */
    public static ProcessConfig from(ConfigNode node) {
        ProcessConfig d = defaults();
        return new ProcessConfig(node.bool("enabled", d.enabled()), node.bool("export", d.export()),
                (int) node.integer("top", d.top(), 1, 50), (int) node.integer("keep", d.keep(), 10, 1000),
                (int) node.integer("cmdline_max", d.cmdlineMax(), 16, 4096));
    }
}
