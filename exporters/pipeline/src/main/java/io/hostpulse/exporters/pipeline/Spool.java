package io.hostpulse.exporters.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * An append-only write-ahead log of buffered items: segment files {@code <16 digits>.seg} in one directory, each a
 * sequence of records {@code [int length][int crc32][payload]}, and a small {@code ack} file holding the position of
 * the first record not yet acknowledged by the server. Opening replays the unacknowledged records in order; a record
 * whose length or checksum is wrong (a torn write after a crash, a corrupted disk block) is skipped and reading goes
 * on at the next valid record (see {@link #scan}): the records lost are counted and logged, never thrown. An ack
 * that cannot be true is logged and ignored: every segment is replayed (at least once, never skipped). Writes always
 * go to a fresh segment after opening, so a torn tail is never appended to, and a failed append (disk full) is cut
 * off again. Segments wholly before the acknowledged position are deleted.
 *
 * <p>Not thread-safe: the buffer calls it under its own lock. {@link #sync()} may be called from another thread.
 */
final class Spool implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    static final int HEADER = 8;
    static final int MAX_RECORD = 16 << 20;

    /** A place in the spool: segment number and byte offset in it. */
    record Position(long segment, long offset) implements Comparable<Position> {
        @Override
        public int compareTo(Position o) {
            int c = Long.compare(segment, o.segment);
            return c != 0 ? c : Long.compare(offset, o.offset);
        }
    }

    /** One replayed record. */
    record Record(byte[] data, Position start) {
    }

    private final Path dir;
    private final long segmentBytes;
    private final TreeMap<Long, Long> segments = new TreeMap<>(); // segment -> size in bytes
    private final List<Record> replayed = new ArrayList<>();
    private volatile FileChannel out;
    private long current;
    private long currentSize;
    private Position acked;
    private long corrupt;
    private long invalidAcks;
    private volatile boolean dirty;
    private FileChannel lockChannel;
    private java.nio.channels.FileLock lockHandle;

    private Spool(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
    }

    /** Opens (creating) the spool in {@code dir} and reads the unacknowledged records; see {@link #replayed()}. */
    static Spool open(Path dir, long segmentBytes) throws IOException {
        Files.createDirectories(dir);
        Spool s = new Spool(dir, segmentBytes);
        s.lock();
        try {
            s.load();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** One process per spool: a second agent (or output) on the same directory would interleave and re-send. */
    private void lock() throws IOException {
        lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lockHandle = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lockHandle = null;
        }
        if (lockHandle == null) {
            lockChannel.close();
            lockChannel = null;
            throw new IOException("spool " + dir + " is in use by another output or process");
        }
    }

    private void load() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                String n = p.getFileName().toString();
                if (n.endsWith(".seg") && n.length() == 20) {
                    try {
                        segments.put(Long.parseLong(n.substring(0, 16)), Files.size(p));
                    } catch (NumberFormatException | IOException e) {
                        LOG.warn("spool {}: ignoring file {}: {}", dir, n, e.toString());
                    }
                }
            });
        }
        acked = validated(readAck());
        for (var e : segments.entrySet()) {
            long seg = e.getKey();
            if (acked != null && seg < acked.segment()) {
                continue;
            }
            long from = acked != null && seg == acked.segment() ? acked.offset() : 0;
            Scan scan = scan(seg);
            for (Record r : scan.records()) {
                if (r.start().offset() >= from) {
                    replayed.add(r);
                }
            }
            for (Damage d : scan.damage()) {
                if (d.end() > from) { // damage wholly before the ack was already delivered
                    corrupt += d.records();
                    LOG.warn("spool {}: segment {} bytes {} to {}: {}; {}{} lost, reading on at the next valid record",
                            dir, seg, d.start(), d.end(), d.problem(), d.exact() ? "" : "about ", d.records()
                                    + (d.records() == 1 ? " record" : " records"));
                }
            }
        }
        current = segments.isEmpty() ? 1 : segments.lastKey() + 1;
        openSegment(current);
        if (acked == null || acked.segment() < segments.firstKey()) {
            acked = replayed.isEmpty() ? new Position(current, 0) : replayed.get(0).start();
        }
        deleteBefore(acked.segment());
    }

    /**
     * The ack as read, when it can be true: older than every segment (all of them unsent), or at a record start or
     * the end of an existing segment. Anything else (a segment that is not there, an offset past its data or inside
     * a record: a lost write, a restored backup, a hand edit) is logged and replaced by "nothing acknowledged":
     * replaying from the oldest segment re-sends, skipping would lose.
     */
    private Position validated(Position a) throws IOException {
        if (a == null || segments.isEmpty() || a.segment() < segments.firstKey()) {
            return a;
        }
        String problem = null;
        Long size = segments.get(a.segment());
        if (size == null) {
            problem = "segment " + a.segment() + " does not exist (segments " + segments.firstKey() + " to "
                    + segments.lastKey() + ")";
        } else if (a.offset() < 0 || a.offset() > size) {
            problem = "offset " + a.offset() + " is past the " + size + " bytes of segment " + a.segment();
        } else if (a.offset() != 0 && a.offset() != size) {
            boolean atRecord = false;
            Scan scan = scan(a.segment());
            for (Record r : scan.records()) {
                atRecord |= r.start().offset() == a.offset();
            }
            for (Damage d : scan.damage()) {
                atRecord |= d.start() == a.offset();
            }
            if (!atRecord) {
                problem = "offset " + a.offset() + " of segment " + a.segment() + " is not the start of a record";
            }
        }
        if (problem == null) {
            return a;
        }
        invalidAcks++;
        LOG.warn("spool {}: the ack file points where no record can be ({}: {}); replaying every segment from the "
                + "oldest, so some points may be sent twice", dir, a.segment() + " " + a.offset(), problem);
        return null;
    }

    /** A stretch of a segment that holds no valid record; {@code exact} when its own record length was intact. */
    record Damage(long start, long end, String problem, long records, boolean exact) {
    }

    private record Scan(List<Record> records, List<Damage> damage) {
    }

    /**
     * Reads every valid record of a segment. A record whose length or checksum is wrong is skipped: when its length
     * is plausible and a valid record (or the end) follows right after it, exactly that one record is lost;
     * otherwise the next valid frame is found by scanning byte by byte (a length and a CRC-32 that match the
     * payload: a false match is a 1 in 2^32 chance per place), and the records lost in between are estimated
     * from the mean record size of the segment.
     */
    private Scan scan(long seg) throws IOException {
        byte[] all = Files.readAllBytes(segmentPath(seg));
        List<Record> records = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        ByteBuffer bb = ByteBuffer.wrap(all);
        CRC32 crc = new CRC32();
        long validBytes = 0;
        int pos = 0;
        while (pos < all.length) {
            if (validAt(all, bb, crc, pos)) {
                int len = bb.getInt(pos);
                byte[] data = new byte[len];
                System.arraycopy(all, pos + HEADER, data, 0, len);
                records.add(new Record(data, new Position(seg, pos)));
                validBytes += HEADER + len;
                pos += HEADER + len;
                continue;
            }
            String problem = problemAt(all, bb, pos);
            int len = all.length - pos >= HEADER ? bb.getInt(pos) : -1;
            int next;
            boolean exact = false;
            if (problem.equals("checksum mismatch")
                    && (pos + HEADER + len == all.length || validAt(all, bb, crc, pos + HEADER + len))) {
                next = pos + HEADER + len;
                exact = true;
            } else {
                next = pos + 1;
                while (next < all.length && !validAt(all, bb, crc, next)) {
                    next++;
                }
            }
            damage.add(new Damage(pos, next, problem, 0, exact));
            pos = next;
        }
        if (!damage.isEmpty()) {
            double mean = records.isEmpty() ? 0 : (double) validBytes / records.size();
            for (int i = 0; i < damage.size(); i++) {
                Damage d = damage.get(i);
                long n = d.exact() || mean == 0 ? 1 : Math.max(1, Math.round((d.end() - d.start()) / mean));
                damage.set(i, new Damage(d.start(), d.end(), d.problem(), n, d.exact()));
            }
        }
        return new Scan(records, damage);
    }

    private static boolean validAt(byte[] all, ByteBuffer bb, CRC32 crc, int pos) {
        if (all.length - pos < HEADER) {
            return false;
        }
        int len = bb.getInt(pos);
        if (len <= 0 || len > MAX_RECORD || len > all.length - pos - HEADER) {
            return false;
        }
        crc.reset();
        crc.update(all, pos + HEADER, len);
        return (int) crc.getValue() == bb.getInt(pos + 4);
    }

    private static String problemAt(byte[] all, ByteBuffer bb, int pos) {
        if (all.length - pos < HEADER) {
            return "truncated record header";
        }
        int len = bb.getInt(pos);
        if (len <= 0 || len > MAX_RECORD) {
            return "bad record length " + len;
        }
        if (len > all.length - pos - HEADER) {
            return "truncated record (" + (all.length - pos - HEADER) + " of " + len + " bytes)";
        }
        return "checksum mismatch";
    }

    private Position readAck() {
        Path p = dir.resolve("ack");
        if (!Files.exists(p)) {
            return null;
        }
        try {
            String[] parts = Files.readString(p, StandardCharsets.US_ASCII).trim().split(" ");
            return new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (IOException | RuntimeException e) {
            // an unreadable ack means replaying from the oldest segment: duplicates, never loss
            invalidAcks++;
            LOG.warn("spool {}: unreadable ack file ({}); replaying from the oldest segment", dir, e.toString());
            return null;
        }
    }

    private void openSegment(long seg) throws IOException {
        FileChannel next = FileChannel.open(segmentPath(seg), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (out != null) {
            try {
                out.force(false);
                out.close();
            } catch (IOException e) {
                next.close();
                Files.deleteIfExists(segmentPath(seg));
                throw e;
            }
        }
        out = next;
        current = seg;
        currentSize = 0;
        segments.put(seg, 0L);
    }

    private Path segmentPath(long seg) {
        return dir.resolve(String.format("%016d.seg", seg));
    }

    /** The records that were not acknowledged when the spool was opened, oldest first. Cleared after reading. */
    List<Record> takeReplayed() {
        List<Record> r = new ArrayList<>(replayed);
        replayed.clear();
        return r;
    }

    /** Appends records in one write; returns the start position of each. */
    List<Position> append(List<byte[]> records) throws IOException {
        if (currentSize >= segmentBytes) {
            openSegment(current + 1);
        }
        int total = 0;
        for (byte[] r : records) {
            total += HEADER + r.length;
        }
        ByteBuffer bb = ByteBuffer.allocate(total);
        List<Position> starts = new ArrayList<>(records.size());
        CRC32 crc = new CRC32();
        long off = currentSize;
        for (byte[] r : records) {
            crc.reset();
            crc.update(r);
            bb.putInt(r.length).putInt((int) crc.getValue()).put(r);
            starts.add(new Position(current, off));
            off += HEADER + r.length;
        }
        bb.flip();
        try {
            while (bb.hasRemaining()) {
                out.write(bb, currentSize + (total - bb.remaining()));
            }
        } catch (IOException e) {
            // a partial write (disk full) must not stay as a torn record in front of the next append
            try {
                out.truncate(currentSize);
            } catch (IOException t) {
                e.addSuppressed(t);
            }
            throw e;
        }
        currentSize += total;
        segments.put(current, currentSize);
        dirty = true;
        return starts;
    }

    /** Where the next record will go: the acknowledged position when nothing is pending. */
    Position end() {
        return new Position(current, currentSize);
    }

    /**
     * Records that everything before {@code firstUnacked} reached the server; deletes segments wholly before it.
     * The ack file is replaced atomically; it is synced with the segments by {@link #sync()}.
     */
    void ack(Position firstUnacked) throws IOException {
        if (firstUnacked.equals(acked)) {
            return;
        }
        // delivered segments go first: on a full disk that is what makes room for the ack file itself (an ack left
        // older than every segment replays them all: duplicates, never loss)
        deleteBefore(firstUnacked.segment());
        Path tmp = dir.resolve("ack.tmp");
        Files.writeString(tmp, firstUnacked.segment() + " " + firstUnacked.offset() + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, dir.resolve("ack"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve("ack"), StandardCopyOption.REPLACE_EXISTING);
        }
        acked = firstUnacked;
        dirty = true;
    }

    private void deleteBefore(long seg) throws IOException {
        while (!segments.isEmpty() && segments.firstKey() < seg && segments.firstKey() != current) {
            long s = segments.pollFirstEntry().getKey();
            Files.deleteIfExists(segmentPath(s));
        }
    }

    /** Forces written records to the disk (fsync of the current segment). */
    void sync() throws IOException {
        if (dirty) {
            dirty = false;
            FileChannel c = out;
            if (c != null && c.isOpen()) {
                c.force(false);
            }
        }
    }

    /** Bytes in the segment files still on disk. */
    long bytes() {
        long b = 0;
        for (long s : segments.values()) {
            b += s;
        }
        return b;
    }

    /** Records found damaged when the spool was opened (exact for a damaged payload, estimated for a damaged length). */
    long corruptRecords() {
        return corrupt;
    }

    /** 1 when the ack file could not be true and every segment was replayed instead, else 0. */
    long invalidAcks() {
        return invalidAcks;
    }

    Position acked() {
        return acked;
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.force(false);
            out.close();
            out = null;
        }
        // an empty last segment is left for the next run to delete via the ack
        if (lockChannel != null) {
            lockChannel.close(); // releases the lock
            lockChannel = null;
        }
    }
}
