package io.pushbench.core.driver.lifecycle;

/**
 * How long an event stream waits before it is requested again, as an {@code EventSource} does:
 * the reconnection time the server advertised ({@code retry:}, {@value #DEFAULT_RETRY_MILLIS} ms
 * until it does), and after each failed attempt twice the previous wait, up to
 * {@value #MAX_BACKOFF_MILLIS} ms or the reconnection time if that is longer. A stream that opens
 * starts again from the reconnection time.
 *
 * <p>Not thread-safe: one per stream, used on one thread at a time.
 */
public final class SseReconnectDelay {

    /** The reconnection time until the server advertises one (browsers use about 3 s; loopback runs want less). */
    public static final long DEFAULT_RETRY_MILLIS = 1000;
    /** Longest wait between failed attempts, unless the reconnection time is longer. */
    public static final long MAX_BACKOFF_MILLIS = 2_000;

    private long retryMillis = DEFAULT_RETRY_MILLIS;
    private long backoffMillis;

    /** The server advertised a reconnection time, milliseconds {@code >= 0}. */
    public void retry(long millis) {
        retryMillis = millis;
    }

    /** The reconnection time now in force, milliseconds. */
    public long retryMillis() {
        return retryMillis;
    }

    /** The wait before the next attempt, milliseconds; the one after a failure of it will be longer. */
    public long next() {
        long delay = backoffMillis == 0 ? retryMillis : backoffMillis;
        backoffMillis = Math.min(Math.max(MAX_BACKOFF_MILLIS, retryMillis), Math.max(1, delay) * 2);
        return delay;
    }

    /** The stream opened: the next loss waits the reconnection time again. */
    public void opened() {
        backoffMillis = 0;
    }
}
