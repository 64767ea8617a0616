package io.hostpulse.collectors.host.process;

import java.util.HashMap;
import java.util.Map;

/** User names by uid from the host's {@code /etc/passwd} (name:password:uid:...). Pure; bad lines are skipped. */
public final class Passwd {
    private Passwd() {
    }

    public static Map<Integer, String> parse(String text) {
        Map<Integer, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length < 3 || f[0].isEmpty()) {
                continue;
            }
            try {
                out.putIfAbsent(Integer.parseInt(f[2].trim()), f[0]);
            } catch (NumberFormatException e) {
                // not a passwd line: skip it
            }
        }
        return out;
    }
}
