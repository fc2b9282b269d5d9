package io.pushbench.core.driver.lifecycle;

import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether a lost connection is opened again, after how long, and on which timer: the one thing
 * about recovery that differs between transports. One per connection; the
 * {@link ReconnectingConnection} it belongs to asks it for the wait before each attempt.
 *
 * <table>
 *   <caption>The policies</caption>
 *   <tr><th>policy</th><th>transport</th><th>wait before an attempt</th><th>starts again from the first wait</th></tr>
 *   <tr><td>{@link #backoff}</td><td>WebSocket</td><td>{@link ReconnectBackoff}: {@value ReconnectBackoff#FIRST_MILLIS} ms,
 *       doubling up to {@value ReconnectBackoff#MAX_MILLIS} ms</td><td>when the connection opens</td></tr>
 *   <tr><td>{@link #sseRetry}</td><td>SSE (HTTP/1.1 and HTTP/2)</td><td>{@link SseReconnectDelay}: the reconnection time the
 *       server advertised ({@code retry:}), doubling after failed attempts</td><td>when the stream opens</td></tr>
 *   <tr><td>{@link #repoll}</td><td>long polling</td><td>none after a connection whose polls were answered (the next poll goes
 *       out at once), else {@link ReconnectBackoff}</td><td>when a poll is answered</td></tr>
 *   <tr><td>{@link #none}</td><td>the library WebSocket and SSE clients, which have no reconnect</td><td>a loss closes the
 *       connection</td><td>-</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public abstract class ReconnectPolicy {

    private final ScheduledExecutorService timer;

    private ReconnectPolicy(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** A loss closes the connection. */
    public static ReconnectPolicy none() {
        return new None();
    }

    /** Exponential backoff ({@link ReconnectBackoff}) on {@code timer}: WebSocket's. */
    public static ReconnectPolicy backoff(ScheduledExecutorService timer) {
        return new Backoff(timer);
    }

    /** An {@code EventSource}'s reconnection time ({@link SseReconnectDelay}) on {@code timer}: SSE's. */
    public static SseRetry sseRetry(ScheduledExecutorService timer) {
        return new SseRetry(timer);
    }

    /** A new poll at once after answered polls, backoff after failed ones, on {@code timer}: long polling's. */
    public static Repoll repoll(ScheduledExecutorService timer) {
        return new Repoll(timer);
    }

    /** Whether a lost connection is opened again at all. */
    final boolean reconnects() {
        return timer != null;
    }

    /** The wait before the next attempt, milliseconds {@code >= 0}; each call is one attempt. */
    abstract long nextDelayMillis();

    /** The connection can receive again. */
    void opened() {
    }

    /**
     * Runs {@code task} on the timer after {@code delayMillis}.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the timer is shut down (its driver is closing)
     */
    final Future<?> schedule(Runnable task, long delayMillis) {
        return timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code task} on the timer's thread (for a Netty connection, its event loop, where its
     * listener is called), or at once when this policy has no timer. Once the timer is shut down
     * (its driver is closing) the task is dropped.
     */
    final void execute(Runnable task) {
        if (timer == null) {
            task.run();
            return;
        }
        try {
            timer.execute(task);
        } catch (RejectedExecutionException e) {
            // The driver is closing: what its connections would report no longer counts.
        }
    }

    private static final class None extends ReconnectPolicy {
        None() {
            super(null);
        }

        @Override
        long nextDelayMillis() {
            throw new IllegalStateException("a connection that does not reconnect has no next attempt");
        }
    }

    private static final class Backoff extends ReconnectPolicy {
        private final ReconnectBackoff backoff = new ReconnectBackoff();

        Backoff(ScheduledExecutorService timer) {
            super(timer);
        }

        @Override
        synchronized long nextDelayMillis() {
            return backoff.nextDelayMillis();
        }

        @Override
        synchronized void opened() {
            backoff.reset();
        }
    }

    /** SSE's policy; its stream tells it the reconnection time the server advertises. */
    public static final class SseRetry extends ReconnectPolicy {
        private final SseReconnectDelay delay = new SseReconnectDelay();

        private SseRetry(ScheduledExecutorService timer) {
            super(timer);
        }

        /** The server advertised a reconnection time ({@code retry:}), milliseconds {@code >= 0}. */
        public synchronized void retry(long millis) {
            delay.retry(millis);
        }

        /** The reconnection time now in force, milliseconds: the wait after the loss of an open stream. */
        public synchronized long retryMillis() {
            return delay.retryMillis();
        }

        @Override
        synchronized long nextDelayMillis() {
            return delay.next();
        }

        @Override
        synchronized void opened() {
            delay.opened();
        }
    }

    /** Long polling's policy; its poller tells it when a poll was answered. */
    public static final class Repoll extends ReconnectPolicy {
        private final ReconnectBackoff backoff = new ReconnectBackoff();
        private boolean answered;

        private Repoll(ScheduledExecutorService timer) {
            super(timer);
        }

        /**
         * A poll was answered: the server works. The next loss polls again at once, and failures
         * after that back off from the first wait, so that a server that takes polls but never
         * answers them causes no reconnect storm.
         */
        public synchronized void answered() {
            answered = true;
            backoff.reset();
        }

        @Override
        synchronized long nextDelayMillis() {
            if (answered) {
                answered = false;
                return 0;
            }
            return backoff.nextDelayMillis();
        }
    }
}
