package io.hostpulse.collectors.smart;

import java.util.ArrayList;
import java.util.List;

/** smartctl's exit status is a bit mask (smartctl(8), section RETURN VALUES); this names each bit. */
final class ExitStatus {
    private static final String[] BITS = {
        "command line did not parse",
        "device open failed, or the device is in a low-power mode",
        "a SMART or ATA command failed, or a SMART data checksum error (output may be incomplete)",
        "SMART status check returned DISK FAILING",
        "prefail attributes at or below threshold",
        "SMART status OK, but attributes were at or below threshold in the past",
        "the device error log contains errors",
        "the device self-test log contains errors",
    };

    private ExitStatus() {
    }

    /** @return one phrase per set bit, in bit order; empty for 0 */
    static List<String> decode(int status) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((status & (1 << bit)) != 0) {
                out.add("bit " + bit + ": " + BITS[bit]);
            }
        }
        return out;
    }

    static String describe(int status) {
        List<String> d = decode(status);
        return d.isEmpty() ? "0 (ok)" : status + " (" + String.join("; ", d) + ")";
    }
}
