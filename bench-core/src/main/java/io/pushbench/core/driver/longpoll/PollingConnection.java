package io.pushbench.core.driver.longpoll;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverErrors;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.lifecycle.ReconnectPolicy;
import io.pushbench.core.driver.lifecycle.ReconnectingConnection;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * One long-polling client of a library driver ({@link JettyLongPollingDriver},
 * {@link OkHttpLongPollingDriver}): polls, delivers each answer's batch, polls again at once. An
 * attempt is a run of polls; a poll that fails ends it, and the next attempt polls again with the
 * last id ({@link PollCursor}), as {@link ReconnectPolicy#repoll} says, so nothing the server still
 * holds is missed. As on Netty, the connection can receive once a poll was written, so a
 * reconnection's downtime ends there. An answer other than 200, or a malformed one, stops the
 * client. A stack supplies only the requests: {@link #sendPoll}, {@link #abortPoll} and {@link #post}.
 *
 * <p>Thread-safe: the stack calls back from its own threads, but one poll is in flight at a time,
 * so the callbacks of one client never overlap; batches are delivered holding this object's
 * monitor, as the lifecycle's reports are.
 */
public abstract class PollingConnection extends ReconnectingConnection {

    private final ReconnectPolicy.Repoll repoll;
    private final PollCursor cursor;

    /**
     * @param target where to poll and post, with a client id of its own
     * @param repoll this client's policy, on its driver's timer
     */
    protected PollingConnection(int id, Target target, ConnectionListener listener, ReconnectPolicy.Repoll repoll,
                                PollCursorStrategy cursors) {
        super(id, target, listener, repoll);
        this.repoll = repoll;
        this.cursor = cursors.newCursor(target.uri());
    }

    /**
     * Hands the next poll's headers beyond the target's (those its {@link PollCursor} resumes by) to
     * {@code into}; a stack's {@link #sendPoll} adds them to its request.
     */
    protected final synchronized void cursorHeaders(BiConsumer<String, String> into) {
        cursor.headers(into);
    }

    /**
     * Sends {@code GET uri} with the target's headers and {@link #cursorHeaders}, asynchronously. The stack then calls
     * {@link #pollWritten()} when the request was written, and either {@link #answered} or {@link #failed}.
     */
    protected abstract void sendPoll(URI uri);

    /** Aborts the poll in flight, if any; it then ends in {@link #failed}. */
    protected abstract void abortPoll();

    /** Sends {@code POST uri} with {@code body} as UTF-8 {@code text/plain}; the future completes on a 2xx answer. */
    protected abstract CompletableFuture<Void> post(URI uri, String body);

    @Override
    protected final void attempt() {
        sendPoll(cursor.next());
    }

    @Override
    protected final void abort() {
        abortPoll();
    }

    /** The poll in flight was written: the client can receive, if the poll carried a cursor (else once it is answered). */
    protected final void pollWritten() {
        boolean withCursor;
        synchronized (this) {
            withCursor = cursor.hasCursor();
        }
        if (withCursor) {
            receiving();
        }
    }

    /**
     * The poll in flight was answered: its batch is delivered and the next poll sent.
     *
     * @param status        its HTTP status
     * @param headers       its headers
     * @param body          its whole body
     * @param receivedNanos {@link System#nanoTime()} read when the whole answer had been read
     */
    protected final void answered(int status, PollCursor.Headers headers, byte[] body, long receivedNanos) {
        boolean first;
        try {
            synchronized (this) {
                first = !cursor.hasCursor();
                cursor.answer(status, headers, body, (lineId, text) -> listener().onMessage(this, text, receivedNanos));
            }
        } catch (DriverException e) {
            stop(e);
            // No poll is in flight to end the attempt: it ends here.
            attemptEnded(e);
            return;
        }
        if (first) {
            receiving();
        }
        repoll.answered();
        continueAttempt(() -> sendPoll(cursor.next()));
    }

    /** The poll in flight failed before it was answered (connect, I/O, or aborted by {@link #close}). */
    protected final void failed(Throwable cause) {
        attemptEnded(DriverErrors.connectFailure(target(), cause));
    }

    @Override
    public final CompletableFuture<Void> send(String message) {
        return sendByPost(message, this::post);
    }
}
