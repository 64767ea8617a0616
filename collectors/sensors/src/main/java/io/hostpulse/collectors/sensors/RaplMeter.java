package io.hostpulse.collectors.sensors;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns RAPL energy counters ({@code energy_uj}, microjoules since some point, wrapping to 0 after
 * {@code max_energy_range_uj}) into average watts between two collections. Keeps the previous reading per zone; pure
 * apart from that state (time comes with each reading).
 *
 * <p>Rules: the first reading of a zone gives no power (there is no interval yet). A counter that went down is a
 * wrap-around only when the range is known and the energy implied by the wrap is at most half the range; otherwise
 * (a counter reset, a zone re-registered by a driver reload, a range the kernel does not report) the reading becomes
 * the new baseline and no power is reported for that interval. Likewise a rise of more than half the range, or more
 * than {@link #MAX_WATTS}, gives nothing: there are never negative or absurd watts. An
 * interval that is not positive gives nothing. A counter that wrapped more than once within one interval cannot be
 * told from one that wrapped once: keep the interval well under the wrap time (about 15 minutes at 250 W for a
 * 2^38 µJ range).
 */
final class RaplMeter {
    private record Sample(long energyUj, Instant time) {
    }

    /** More than this from one RAPL zone is no reading but a counter that jumped (the largest CPUs draw about 500 W). */
    static final double MAX_WATTS = 5000;

    private final Map<String, Sample> previous = new HashMap<>();

    /**
     * @param zone        the powercap zone (intel-rapl:0)
     * @param energyUj    the counter now
     * @param maxRangeUj  {@code max_energy_range_uj}, or 0 when unknown
     * @return average watts since the previous reading of this zone, or null when there is no sound figure
     */
    Double watts(String zone, long energyUj, long maxRangeUj, Instant now) {
        Sample before = previous.get(zone);
        if (before != null && !now.isAfter(before.time())) {
            return null; // same or earlier instant: keep the older baseline
        }
        previous.put(zone, new Sample(energyUj, now));
        if (before == null || energyUj < 0) {
            return null;
        }
        long delta;
        if (energyUj >= before.energyUj()) {
            delta = energyUj - before.energyUj();
        } else {
            if (maxRangeUj <= 0 || before.energyUj() > maxRangeUj) {
                return null;
            }
            delta = (maxRangeUj - before.energyUj()) + energyUj;
        }
        if (maxRangeUj > 0 && delta > maxRangeUj / 2) {
            return null; // as far from the last reading as from a wrap: no telling which it was
        }
        double watts = delta / 1e6 / (Duration.between(before.time(), now).toNanos() / 1e9);
        return watts > MAX_WATTS ? null : watts;
    }

    /** Forgets zones that are gone, so a zone that comes back starts with a fresh baseline. */
    void retain(java.util.Set<String> zones) {
        previous.keySet().retainAll(zones);
    }
}
