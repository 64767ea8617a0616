package io.hostpulse.exporters.pipeline;

/** Turns buffered items into spool records and back. */
public interface ItemCodec<T> {

    /** @return the bytes of one item, or null when the item cannot be written at all (it is dropped and counted) */
    byte[] encode(T item);

    /** @throws IllegalArgumentException when the bytes are not an item (the record is skipped and counted) */
    T decode(byte[] data);
}
