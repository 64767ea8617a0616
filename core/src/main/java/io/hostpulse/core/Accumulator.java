package io.hostpulse.core;

/**
 * Where a collector puts what it gathered. A collector that fails for one part (one container, one disk)
 * reports it with {@link #addError} and goes on with the rest, as Telegraf's AddError does.
 */
public interface Accumulator {

    void add(Point point);

    void addEvent(Event event);

    /**
     * @param part what failed, short and stable (for example "container nginx" or "/dev/sda"), so the agent
     *             can log each distinct problem once
     */
    void addError(String part, Throwable error);
}
