package io.hostpulse.collectors.docker;

import io.hostpulse.testing.RecordingAccumulator;

/** The shared recording accumulator under the name this module's tests use. */
final class ListAccumulator extends RecordingAccumulator {
}
