package io.pushbench.core.driver;

/**
 * Exponential backoff between reconnect attempts: {@value #FIRST_MILLIS} ms, doubling up to
 * {@value #MAX_MILLIS} ms, back to the first after a success. The same schedule as the Netty
 * drivers', so that every stack recovers alike.
 *
 * <p>Not thread-safe: one per connection, touched by one thread at a time.
 */
public final class Backoff {

    /** The first wait, milliseconds. */
    public static final long FIRST_MILLIS = 100;
    /** The longest wait, milliseconds. */
    public static final long MAX_MILLIS = 2_000;

    private long next = FIRST_MILLIS;

    /** The wait before the next attempt, milliseconds; each call doubles the one after. */
    public long nextDelayMillis() {
        long delay = next;
        next = Math.min(MAX_MILLIS, next * 2);
        return delay;
    }

    /** An attempt succeeded: the next wait is the first again. */
    public void reset() {
        next = FIRST_MILLIS;
    }
}
