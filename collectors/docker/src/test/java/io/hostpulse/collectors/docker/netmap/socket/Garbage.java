package io.hostpulse.collectors.docker.netmap.socket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random bytes as proc text (one char per byte, as the readers decode), for the parsers' never-throw tests. */
final class Garbage {
    private Garbage() {
    }

    /** {@code rounds} texts of 1 to 4,000 random bytes, the same every run; each holds at least one non-blank line. */
    static List<String> texts(int rounds) {
        Random random = new Random(15);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            byte[] bytes = new byte[1 + random.nextInt(4000)];
            random.nextBytes(bytes);
            bytes[0] = (byte) 0xff; // not a separator: the first line is never blank
            out.add(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        return out;
    }
}
