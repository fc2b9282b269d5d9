package io.pushbench.core.driver.longpoll;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverErrors;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.lifecycle.ReconnectBackoff;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * One long-polling client, for the library drivers: polls, delivers each answer's batch, polls
 * again at once, and after a failed poll reports it and polls again with backoff (long polling's
 * own recovery: the next poll asks for everything after the last id, so nothing the server still
 * holds is missed; {@link ConnectionListener#onReconnect} reports the downtime once a poll is
 * answered). An answer other than 200, or a malformed one, stops the client, as the Netty driver
 * does. A stack supplies only the requests: {@link #sendPoll}, {@link #post} and {@link #schedule}.
 *
 * <p>The connection's future completes when the first poll was written. Thread-safe: the stack
 * calls back from its own threads, but one poll is in flight at a time, so the callbacks of one
 * client never overlap; {@link #send} and {@link #close} may be called from any thread.
 */
public abstract class PollingConnection implements PushConnection {

    private final int id;
    private final Target target;
    private final ConnectionListener listener;
    private final PollCursor cursor;
    private final ReconnectBackoff backoff = new ReconnectBackoff();
    private final long connectStartNanos = System.nanoTime();
    private final CompletableFuture<PushConnection> opened = new CompletableFuture<>();
    private volatile boolean closing;
    private volatile boolean stopped;
    private boolean closeReported;
    /** When the last poll failed, while polls keep failing; -1 otherwise. */
    private long lostAtNanos = -1;

    /**
     * @param id       the connection's number in its driver
     * @param target   where to poll and post, with a client id of its own ({@link ClientIds})
     * @param listener the engine's listener
     */
    protected PollingConnection(int id, Target target, ConnectionListener listener) {
        this.id = id;
        this.target = target;
        this.listener = listener;
        this.cursor = new PollCursor(target.uri());
    }

    /** Sends the first poll; the future completes once it was written. */
    public final CompletableFuture<PushConnection> start() {
        poll();
        return opened;
    }

    /** The target: its URI's host and port, its headers. */
    protected final Target target() {
        return target;
    }

    /**
     * Sends {@code GET uri} with the target's headers, asynchronously. The stack then calls
     * {@link #pollWritten()} when the request was written, and either {@link #answered} or {@link #failed}.
     */
    protected abstract void sendPoll(URI uri);

    /** Sends {@code POST uri} with {@code body} as UTF-8 {@code text/plain}; the future completes on a 2xx answer. */
    protected abstract CompletableFuture<Void> post(URI uri, String body);

    /** Runs {@code task} after {@code delayMillis} on a thread of the stack. */
    protected abstract void schedule(Runnable task, long delayMillis);

    /** Aborts the poll in flight, if any; it then ends in {@link #failed}. */
    protected abstract void abortPoll();

    /** Called once, after {@link ConnectionListener#onClose}: the driver forgets this connection. */
    protected abstract void forget();

    private void poll() {
        if (closing || stopped) {
            reportClose();
            return;
        }
        sendPoll(cursor.next());
    }

    /** The poll in flight was written. */
    protected final void pollWritten() {
        if (!opened.isDone()) {
            listener.onOpen(this, System.nanoTime() - connectStartNanos);
            opened.complete(this);
        }
    }

    /**
     * The poll in flight was answered.
     *
     * @param status        its HTTP status
     * @param lastIdHeader  its last-id header, or null
     * @param body          its whole body
     * @param receivedNanos {@link System#nanoTime()} read when the whole answer had been read
     */
    protected final void answered(int status, String lastIdHeader, byte[] body, long receivedNanos) {
        try {
            // Locked against a failed send's report, the one listener call that may come from another thread.
            synchronized (this) {
                cursor.answer(status, lastIdHeader, body, (lineId, text) -> listener.onMessage(this, text, receivedNanos));
            }
        } catch (DriverException e) {
            stopped = true;
            listener.onError(this, e);
            opened.completeExceptionally(e);
            reportClose();
            return;
        }
        backoff.reset();
        if (lostAtNanos >= 0) {
            listener.onReconnect(this, System.nanoTime() - lostAtNanos);
            lostAtNanos = -1;
        }
        poll();
    }

    /** The poll in flight failed before it was answered (connect, I/O, or aborted by {@link #close}). */
    protected final void failed(Throwable cause) {
        if (closing || stopped) {
            opened.completeExceptionally(new DriverException(ErrorKind.IO, "closed before the first poll"));
            reportClose();
            return;
        }
        DriverException error = opened.isDone() ? DriverErrors.ioFailure(cause)
                : DriverErrors.connectFailure(target, cause);
        listener.onError(this, error);
        if (!opened.isDone()) {
            stopped = true;
            opened.completeExceptionally(error);
            reportClose();
            return;
        }
        if (lostAtNanos < 0) {
            lostAtNanos = System.nanoTime();
        }
        schedule(this::poll, backoff.nextDelayMillis());
    }

    private synchronized void reportClose() {
        if (!closeReported) {
            closeReported = true;
            listener.onClose(this);
            forget();
        }
    }

    @Override
    public final int id() {
        return id;
    }

    @Override
    public final CompletableFuture<Void> send(String message) {
        URI sendUri = target.sendUri();
        if (sendUri == null) {
            return CompletableFuture.failedFuture(new DriverException(ErrorKind.PROTOCOL,
                    "long polling sends by POST to the target's send URI, and this target has none"));
        }
        CompletableFuture<Void> posted = post(sendUri, message);
        posted.whenComplete((ok, error) -> {
            if (error != null) {
                synchronized (this) {
                    listener.onError(this, DriverErrors.ioFailure(error));
                }
            }
        });
        return posted;
    }

    @Override
    public final boolean isOpen() {
        return opened.isDone() && !opened.isCompletedExceptionally() && !closing && !stopped;
    }

    @Override
    public final void close() {
        closing = true;
        abortPoll();
    }
}
