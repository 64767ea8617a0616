package io.hostpulse.exporters.loki;

import io.hostpulse.core.Event;
import io.hostpulse.exporters.pipeline.ItemCodec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Events as spool records: version byte 1, epoch seconds (int64), nanos (int32), then source, level, message, the
 * labels and the metadata as length-prefixed UTF-8 strings (int32 length; maps as an int32 count of pairs).
 * The spool adds the CRC; a record that does not parse is skipped and counted by the buffer.
 */
final class EventCodec implements ItemCodec<Event> {
    private static final int VERSION = 1;
    private static final int MAX_STRING = 64 << 20;
    private static final int MAX_ENTRIES = 100_000;

    @Override
    public byte[] encode(Event e) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(64 + e.message().length());
        try (DataOutputStream out = new DataOutputStream(bos)) {
            out.writeByte(VERSION);
            out.writeLong(e.time().getEpochSecond());
            out.writeInt(e.time().getNano());
            str(out, e.source());
            str(out, e.level());
            str(out, e.message());
            map(out, e.labels());
            map(out, e.metadata());
        } catch (IOException ex) {
            return null; // not reachable for a byte array
        }
        return bos.toByteArray();
    }

    @Override
    public Event decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int v = in.readUnsignedByte();
            if (v != VERSION) {
                throw new IllegalArgumentException("unknown event record version " + v);
            }
            long sec = in.readLong();
            int nanos = in.readInt();
            if (nanos < 0 || nanos > 999_999_999) {
                throw new IllegalArgumentException("bad nanos " + nanos);
            }
            Instant t = Instant.ofEpochSecond(sec, nanos);
            String source = str(in);
            String level = str(in);
            String message = str(in);
            Map<String, String> labels = map(in);
            Map<String, String> meta = map(in);
            if (in.available() != 0) {
                throw new IllegalArgumentException(in.available() + " bytes after the event");
            }
            return new Event(t, source, level, message, labels, meta);
        } catch (IOException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("not an event record: " + e.getMessage(), e);
        }
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static void map(DataOutputStream out, Map<String, String> m) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, String> e : m.entrySet()) {
            str(out, e.getKey());
            str(out, e.getValue());
        }
    }

    private static String str(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING || n > in.available()) {
            throw new IOException("bad string length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static Map<String, String> map(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ENTRIES) {
            throw new IOException("bad map size " + n);
        }
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            m.put(str(in), str(in));
        }
        return m;
    }
}
