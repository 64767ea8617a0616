package io.hostpulse.collectors.smart;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the collector remembers between runs and restarts (the state file): per disk its last health, the
 * counters of the last reading and of the baseline, and per device path the device type that worked and the
 * disk last seen there (so a disk in standby keeps its identity and health).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
final class SmartState {
    public int version = 1;
    /** The {@code baseline_reset} value last applied; a new value resets every baseline once. */
    public String baselineToken;
    public Map<String, Disk> disks = new TreeMap<>();
    /** device path (and scanned type) to the device type that returned SMART data. */
    public Map<String, String> types = new TreeMap<>();
    /** device path to the disk id last read there. */
    public Map<String, String> paths = new TreeMap<>();

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Disk {
        public String device;
        public String type;
        public String protocol;
        public String model;
        public String serial;
        public String wwn;
        public Long capacity;
        public String status;
        public String reason;
        /** Epoch seconds of the last real (not standby) reading. */
        public Long lastReading;
        public Map<String, Long> last = new TreeMap<>();
        public Map<String, Long> baseline = new TreeMap<>();
        public String baselineSince;
        public boolean acknowledged;
    }
}
