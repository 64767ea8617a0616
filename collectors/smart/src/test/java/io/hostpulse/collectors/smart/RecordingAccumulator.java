package io.hostpulse.collectors.smart;

import io.hostpulse.core.Point;

/** The shared recording accumulator, with a finder for one disk's smart_device point. */
final class RecordingAccumulator extends io.hostpulse.testing.RecordingAccumulator {
    java.util.List<Point> measurement(String name) {
        return of(name);
    }

    Point device(String device) {
        return tagged(SmartMapper.DEVICE, "device", device);
    }
}
