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
 * whose length or checksum is wrong (a torn write after a crash, a corrupted disk block) ends the reading of its
 * segment: it is counted and logged, never thrown. Writes always go to a fresh segment after opening, so a torn
 * tail is never appended to. Segments wholly before the acknowledged position are deleted.
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
        acked = readAck();
        for (var e : segments.entrySet()) {
            long seg = e.getKey();
            if (acked != null && seg < acked.segment()) {
                continue;
            }
            long from = acked != null && seg == acked.segment() ? acked.offset() : 0;
            readSegment(seg, from);
        }
        current = segments.isEmpty() ? 1 : segments.lastKey() + 1;
        openSegment(current);
        if (acked == null || acked.segment() < segments.firstKey()) {
            acked = replayed.isEmpty() ? new Position(current, 0) : replayed.get(0).start();
        }
        deleteBefore(acked.segment());
    }

    private void readSegment(long seg, long from) throws IOException {
        Path p = segmentPath(seg);
        byte[] all = Files.readAllBytes(p);
        int pos = (int) Math.min(from, all.length);
        ByteBuffer bb = ByteBuffer.wrap(all);
        CRC32 crc = new CRC32();
        while (pos < all.length) {
            String problem = null;
            if (all.length - pos < HEADER) {
                problem = "truncated record header";
            } else {
                int len = bb.getInt(pos);
                int sum = bb.getInt(pos + 4);
                if (len <= 0 || len > MAX_RECORD) {
                    problem = "bad record length " + len;
                } else if (len > all.length - pos - HEADER) {
                    problem = "truncated record (" + (all.length - pos - HEADER) + " of " + len + " bytes)";
                } else {
                    crc.reset();
                    crc.update(all, pos + HEADER, len);
                    if ((int) crc.getValue() != sum) {
                        problem = "checksum mismatch";
                    } else {
                        byte[] data = new byte[len];
                        System.arraycopy(all, pos + HEADER, data, 0, len);
                        replayed.add(new Record(data, new Position(seg, pos)));
                        pos += HEADER + len;
                        continue;
                    }
                }
            }
            corrupt++;
            LOG.warn("spool {}: segment {} offset {}: {}; skipping the {} bytes after it (a torn write from a crash?)",
                    dir, seg, pos, problem, all.length - pos);
            return;
        }
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
            LOG.warn("spool {}: unreadable ack file ({}); replaying from the oldest segment", dir, e.toString());
            return null;
        }
    }

    private void openSegment(long seg) throws IOException {
        if (out != null) {
            out.force(false);
            out.close();
        }
        out = FileChannel.open(segmentPath(seg), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
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
        while (bb.hasRemaining()) {
            out.write(bb, currentSize + (total - bb.remaining()));
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
        acked = firstUnacked;
        Path tmp = dir.resolve("ack.tmp");
        Files.writeString(tmp, firstUnacked.segment() + " " + firstUnacked.offset() + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, dir.resolve("ack"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve("ack"), StandardCopyOption.REPLACE_EXISTING);
        }
        deleteBefore(firstUnacked.segment());
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

    long corruptRegions() {
        return corrupt;
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
