package io.hostpulse.collectors.host;

import io.hostpulse.core.Event;
import io.hostpulse.testing.RecordingAccumulator;

/** The shared recording accumulator, refusing events: the host collector emits none. */
final class TestAcc extends RecordingAccumulator {
    @Override
    public void addEvent(Event event) {
        throw new AssertionError("the host collector emits no events");
    }
}
