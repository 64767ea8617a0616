package io.hostpulse.collectors.smart;

import io.hostpulse.core.text.Numbers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an ATA attribute's raw value into the count it stands for. smartctl already decodes most raw values
 * with its drive database and prints the result first in {@code raw.string} ("33 (Min/Max 24/36)",
 * "380 (Average 380)", "0/6"), so the leading number of that string is used. Seagate drives pack more into
 * the 48-bit raw value than smartctl shows by default:
 * <ul>
 *   <li>1 Raw_Read_Error_Rate, 7 Seek_Error_Rate, 195 Hardware_ECC_Recovered: the upper 16 bits count
 *       errors, the lower 32 bits count operations, so the error count is {@code raw >>> 32};</li>
 *   <li>188 Command_Timeout: three 16-bit counters; the lowest word is the total number of timeouts
 *       (smartctl's {@code -v 188,raw16} prints them as "a b c").</li>
 * </ul>
 * Temperatures (190, 194) carry min/max in the upper bytes; the current value is the lowest byte.
 */
final class AtaRawDecoder {
    private static final Pattern MIN_MAX = Pattern.compile("Min/Max\\s+(-?\\d+)/(-?\\d+)");

    private AtaRawDecoder() {
    }

    static boolean isSeagate(String model, String family) {
        return (family != null && family.toLowerCase().contains("seagate"))
                || (model != null && model.trim().toUpperCase().matches("^(ST\\d|SEAGATE).*"));
    }

    static long decode(int id, long raw, String rawString, boolean seagate) {
        if (seagate && (id == 1 || id == 7 || id == 195)) {
            return raw >>> 32;
        }
        if (seagate && id == 188 && raw > 0xFFFFL) {
            return raw & 0xFFFFL;
        }
        if (id == 190 || id == 194) {
            Long lead = leading(rawString);
            return lead != null ? lead : raw & 0xFF;
        }
        Long lead = leading(rawString);
        return lead != null ? lead : raw;
    }

    /** The leading integer of smartctl's raw string, or null. */
    static Long leading(String rawString) {
        return Numbers.leadingLong(rawString);
    }

    /** {min, max} from "33 (Min/Max 24/36)", or null. */
    static long[] minMax(String rawString) {
        if (rawString == null) {
            return null;
        }
        Matcher m = MIN_MAX.matcher(rawString);
        return m.find() ? new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))} : null;
    }
}
