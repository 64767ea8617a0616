package io.hostpulse.exporters.pipeline;

import io.hostpulse.core.Point;
import io.hostpulse.core.lineprotocol.LineProtocol;
import io.hostpulse.core.lineprotocol.LineProtocolParser;
import io.hostpulse.core.lineprotocol.Precision;

import java.nio.charset.StandardCharsets;

/**
 * Points as one line of line protocol each, nanosecond timestamps so that nothing is lost whatever precision the
 * output writes with. Fields that line protocol cannot carry (NaN, infinities) are left out as on the wire; a point
 * with no writable field encodes to null.
 */
public final class PointCodec implements ItemCodec<Point> {
    private final LineProtocolParser parser = new LineProtocolParser(Precision.NANOSECONDS);

    @Override
    public byte[] encode(Point item) {
        StringBuilder sb = new StringBuilder(128);
        if (LineProtocol.append(sb, item, Precision.NANOSECONDS) < 0) {
            return null;
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Point decode(byte[] data) {
        try {
            return parser.parseLine(new String(data, StandardCharsets.UTF_8), 1);
        } catch (LineProtocolParser.ParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
