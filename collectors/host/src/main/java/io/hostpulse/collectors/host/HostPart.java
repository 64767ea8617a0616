package io.hostpulse.collectors.host;

import io.hostpulse.core.Accumulator;

import java.time.Instant;

/**
 * One measurement family of the host collector (cpu, mem, disk ...). A part that throws is reported with
 * {@link Accumulator#addError} under its name and the others go on; a part may also report smaller failures itself
 * (one mount, one file) and still add its other points. A later {@code sensors} part plugs in here.
 */
public interface HostPart {
    String name();

    void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception;
}
