package io.hostpulse.exporters.influx;

import io.hostpulse.core.Point;
import io.hostpulse.core.lineprotocol.LineProtocol;
import io.hostpulse.core.lineprotocol.Precision;

import java.util.List;

/** A batch as the request body both APIs send. Pure. */
final class InfluxBatch {
    private InfluxBatch() {
    }

    /** The batch as line protocol, one line per writable point, each ending in a newline; null when none is writable. */
    static String lines(List<Point> batch, Precision precision) {
        StringBuilder sb = new StringBuilder(batch.size() * 160);
        LineProtocol.Result r = LineProtocol.encode(batch, precision, sb);
        return r.lines() == 0 ? null : sb.toString();
    }
}
