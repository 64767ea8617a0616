package io.hostpulse.collectors.sensors;

import io.hostpulse.core.Point;

import java.util.List;
import java.util.Map;

/** The shared recording accumulator, with a finder for one hwmon feature's sensors point. */
final class RecordingAccumulator extends io.hostpulse.testing.RecordingAccumulator {
    List<Point> measurement(String name) {
        return of(name);
    }

    Point sensor(String chip, String feature) {
        return get("sensors", Map.of("chip", chip, "feature", feature));
    }
}
