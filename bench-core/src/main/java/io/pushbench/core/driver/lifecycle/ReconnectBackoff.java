package io.pushbench.core.driver.lifecycle;

/**
 * The wait before each reconnect attempt: {@value #FIRST_MILLIS} ms, doubling up to
 * {@value #MAX_MILLIS} ms, back to the start once a connection succeeds. Drivers share it so
 * that every transport recovers on the same schedule, and a server that refuses every attempt
 * sees no reconnect storm.
 *
 * <p>Not thread-safe: one per connection, used by its {@link ReconnectPolicy}.
 */
public final class ReconnectBackoff {

    /** Wait before the first attempt after a failure, milliseconds. */
    public static final long FIRST_MILLIS = 100;
    /** Longest wait between attempts, milliseconds. */
    public static final long MAX_MILLIS = 2_000;

    private long next = FIRST_MILLIS;

    /** The wait before the next attempt; each call doubles the one after, up to the maximum. */
    public long nextDelayMillis() {
        long delay = next;
        next = Math.min(MAX_MILLIS, next * 2);
        return delay;
    }

    /** A connection succeeded: the next failure starts from the first wait again. */
    public void reset() {
        next = FIRST_MILLIS;
    }
}
