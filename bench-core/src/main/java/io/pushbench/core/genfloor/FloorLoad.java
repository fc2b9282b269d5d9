package io.pushbench.core.genfloor;

/**
 * What the generator floor's timer drives: the echo client's sends, or the publisher of a
 * broadcast floor. Called on the floor's event loop only.
 */
interface FloorLoad extends AutoCloseable {

    /**
     * Sends {@code count} messages now, writing and flushing each connection once.
     *
     * @param nowNanos {@link System#nanoTime()} when the timer fired
     */
    void send(int count, long nowNanos);

    /** Closes what the load opened; on the event loop or after it stopped. */
    @Override
    void close();
}
