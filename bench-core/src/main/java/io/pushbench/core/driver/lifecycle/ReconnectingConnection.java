package io.pushbench.core.driver.lifecycle;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverErrors;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;

/**
 * One logical connection as every driver keeps it, across the channels or requests under it: opens
 * it, notices its loss, opens it again as its {@link ReconnectPolicy} says, measures the downtime,
 * and reports each of these to the {@link ConnectionListener} once. A driver's connection class
 * extends it and supplies only the transport: {@link #attempt()} opens the underlying channel or
 * request, {@link #abort()} tears it down, and its I/O callbacks say what happened:
 *
 * <table>
 *   <caption>What the subclass reports</caption>
 *   <tr><th>call</th><th>when</th></tr>
 *   <tr><td>{@link #receiving()}</td><td>the attempt can receive: the WebSocket handshake is done, the event stream's
 *       response headers arrived, the poll was written</td></tr>
 *   <tr><td>{@link #attemptFailed}</td><td>an error on the attempt; it is reported once, and the attempt will end</td></tr>
 *   <tr><td>{@link #stop}</td><td>an error after which the connection is not opened again (a refused answer, a protocol
 *       violation)</td></tr>
 *   <tr><td>{@link #attemptEnded}</td><td>the attempt's channel or request is gone, exactly once per attempt</td></tr>
 *   <tr><td>{@link #attemptEndedAsExpected()}</td><td>it is gone as the protocol expects (a poll answer that said
 *       {@code Connection: close}): attempt again at once, no loss</td></tr>
 *   <tr><td>{@link #continueAttempt}</td><td>the attempt goes on with a new request (a long poll's next poll)</td></tr>
 * </table>
 *
 * <p>It also holds what the transports share around that: {@link #sendByPost} (the HTTP transports'
 * upstream, with its failures reported), {@link #sendFailed}, and {@link #afterClose()} for what a
 * connection keeps across attempts.
 *
 * <p><b>Lifecycle.</b> The first attempt opens the connection: {@link ConnectionListener#onOpen} with the time
 * from {@link ConnectionRegistry#start} to {@link #receiving()}, and the future {@code start} returned completes.
 * If the first attempt ends before it can receive, the future fails with the error reported for it and
 * the connection closes: nothing is retried before a connection ever opened. After that, an attempt that
 * ends is a loss: its error is reported ({@link ConnectionListener#onError}), and the connection waits
 * as its policy says and attempts again, until an attempt can receive
 * ({@link ConnectionListener#onReconnect}) or the connection is closed. {@link #close()} at any point
 * (opening, open, waiting to reconnect) cancels what is pending, aborts the attempt in flight, and
 * reports {@link ConnectionListener#onClose} exactly once; nothing is reported after it.
 *
 * <p><b>Downtime</b> ({@link ConnectionListener#onReconnect}) runs from the moment the driver notices a
 * loss ({@link #attemptEnded} of an attempt that could receive) to the moment the connection can receive
 * again ({@link #receiving()} of a later attempt), waits and failed attempts between them included. It is
 * measured here alone, so every transport and stack measures it alike.
 *
 * <p><b>Threads.</b> Lifecycle state is guarded by this object's monitor; listener calls for lifecycle
 * events and failures are made holding it, so they come one at a time. {@link #attempt()} is called
 * holding it, so a {@link #close()} racing with an attempt either comes first (and the attempt is not
 * made) or aborts it. Subclasses that deliver messages on a thread other than their I/O thread
 * synchronize on this object too. {@link #send}, {@link #isOpen()} and {@link #close()} may be called
 * from any thread.
 */
public abstract class ReconnectingConnection implements PushConnection {

    /** Where the connection is in its lifecycle. */
    private enum State {
        /** Not started. */
        NEW,
        /** An attempt is in flight and cannot receive yet. */
        CONNECTING,
        /** The attempt in flight can receive. */
        OPEN,
        /** Lost; the next attempt is scheduled. */
        WAITING,
        /** {@link ConnectionListener#onClose} was reported: the end. */
        CLOSED
    }

    private final int id;
    private final Target target;
    private final ConnectionListener listener;
    private final ReconnectPolicy policy;
    private final CompletableFuture<PushConnection> opened = new CompletableFuture<>();
    private ConnectionRegistry registry;
    private volatile State state = State.NEW;
    /** {@link #close()} was called. */
    private volatile boolean closing;
    /** A failure ended the connection for good ({@link #stop}, or a first attempt that failed). */
    private volatile boolean stopped;
    private long startNanos;
    /** When the loss was noticed, while the connection is being opened again; -1 otherwise. */
    private long lostAtNanos = -1;
    /** {@link ConnectionListener#onOpen} was reported. */
    private volatile boolean openReported;
    /** Why the connection never opened, once that is known. */
    private volatile DriverException openFailure;
    /** The error reported for the attempt in flight, or null. */
    private DriverException attemptFailure;
    /** The next attempt, while waiting for it. */
    private Future<?> nextAttempt;

    /**
     * @param id       the connection's number in its driver ({@link ConnectionRegistry#nextId()})
     * @param target   where it connects, with its own client id where the transport has one
     * @param listener the engine's listener
     * @param policy   whether and when it is opened again after a loss; one per connection
     */
    protected ReconnectingConnection(int id, Target target, ConnectionListener listener, ReconnectPolicy policy) {
        this.id = id;
        this.target = target;
        this.listener = listener;
        this.policy = policy;
    }

    /**
     * Opens the underlying channel or request, or opens it again after a loss. Called holding this
     * object's monitor, on whichever thread started the connection or runs its timer; must not block.
     * Every attempt ends in exactly one {@link #attemptEnded} or {@link #attemptEndedAsExpected()}, from
     * the I/O callback that sees its end (a connect that failed, a channel that closed).
     */
    protected abstract void attempt();

    /**
     * Tears down the attempt in flight, if any (closes its channel, aborts its request), so that it
     * ends soon. Idempotent; called from any thread, not holding this object's monitor unless its
     * caller does.
     */
    protected abstract void abort();

    /**
     * Called once, after {@link ConnectionListener#onClose}, holding this object's monitor: frees what
     * the connection holds across attempts (a connection pool of its own). Nothing by default.
     */
    protected void afterClose() {
    }

    /** Makes the first attempt: called once, by the registry. */
    final CompletableFuture<PushConnection> start(ConnectionRegistry owner) {
        synchronized (this) {
            registry = owner;
            startNanos = System.nanoTime();
            if (state == State.NEW) {
                beginAttempt();
            }
        }
        settle();
        return opened;
    }

    /** The target this connection was opened with. */
    protected final Target target() {
        return target;
    }

    /** The engine's listener, for the messages the subclass decodes. */
    protected final ConnectionListener listener() {
        return listener;
    }

    /** Whether the connection is being closed or has failed for good: the attempt in flight is the last. */
    protected final boolean isEnding() {
        return closing || stopped;
    }

    /** The attempt in flight can receive. Reported once per attempt; later calls (the next poll written) change nothing. */
    protected final void receiving() {
        synchronized (this) {
            if (!inFlight() || isEnding()) {
                return;
            }
            state = State.OPEN;
            policy.opened();
            long now = System.nanoTime();
            if (!openReported) {
                openReported = true;
                listener.onOpen(this, now - startNanos);
            } else if (lostAtNanos >= 0) {
                listener.onReconnect(this, now - lostAtNanos);
                lostAtNanos = -1;
            }
        }
        settle();
    }

    /**
     * An error on the attempt in flight, which will end it. Reported once per attempt (a later
     * {@link #attemptEnded} reports nothing more), and not at all while the connection is closing.
     */
    protected final void attemptFailed(DriverException error) {
        synchronized (this) {
            if (!inFlight() || isEnding() || attemptFailure != null) {
                return;
            }
            attemptFailure = error;
            listener.onError(this, error);
        }
    }

    /**
     * A failure after which the connection is not opened again: reported, the attempt in flight
     * aborted, and the connection closed once it ended.
     */
    protected final void stop(DriverException error) {
        boolean abort;
        synchronized (this) {
            if (isEnding() || state == State.CLOSED) {
                return;
            }
            stopped = true;
            attemptFailure = error;
            listener.onError(this, error);
            if (!openReported) {
                openFailure = error;
            }
            abort = closeUnlessInFlight();
        }
        finishEnding(abort);
    }

    /**
     * The attempt in flight ended: its channel closed, its request failed, or it could not be made.
     *
     * @param why what to report if nothing was reported for this attempt yet (the connect failed, the
     *            server closed the connection), or null for "the server closed the connection"
     */
    protected final void attemptEnded(DriverException why) {
        unlessEnding(() -> {
            DriverException error = attemptFailure;
            if (error == null) {
                error = why != null ? why
                        : new DriverException(ErrorKind.CLOSED_BY_SERVER, "the server closed the connection");
                listener.onError(this, error);
            }
            lost(error);
        });
    }

    /** The attempt in flight ended as the protocol expects: the next one is made at once, and it is no loss. */
    protected final void attemptEndedAsExpected() {
        unlessEnding(this::beginAttempt);
    }

    /**
     * Runs the next step of the attempt in flight (a long poll's next request) holding this object's
     * monitor, so that a {@link #close()} racing with it either comes first or aborts what it starts.
     * When the connection is ending the step is not run: the attempt ends here.
     */
    protected final void continueAttempt(Runnable step) {
        unlessEnding(step);
    }

    /**
     * Holding the monitor, for the attempt in flight: runs {@code next}, or, when the connection is
     * being closed or has failed for good, closes it instead. Nothing when no attempt is in flight
     * (a duplicate report of its end).
     */
    private void unlessEnding(Runnable next) {
        synchronized (this) {
            if (!inFlight()) {
                return;
            }
            if (isEnding()) {
                closeNow();
            } else {
                next.run();
            }
        }
        settle();
    }

    /**
     * Sends {@code message} by {@code POST} to the target's send URI, as the HTTP transports send
     * upstream. A failure fails the future and is reported to the listener too.
     *
     * @param post posts a body to a URI; its future completes when the server accepted it
     */
    protected final CompletableFuture<Void> sendByPost(String message,
                                                       BiFunction<URI, String, CompletableFuture<Void>> post) {
        URI sendUri = target.sendUri();
        if (sendUri == null) {
            return CompletableFuture.failedFuture(new DriverException(ErrorKind.PROTOCOL,
                    "this transport sends by POST to the target's send URI, and this target has none"));
        }
        CompletableFuture<Void> posted = post.apply(sendUri, message);
        posted.whenComplete((ok, error) -> {
            if (error != null) {
                sendFailed(DriverErrors.ioFailure(error));
            }
        });
        return posted;
    }

    /**
     * A message sent upstream failed (its write, or the server's answer to it); reported to the
     * listener from the connection's timer thread (a Netty connection's event loop), unless the
     * connection has closed. Any thread.
     */
    protected final void sendFailed(DriverException failure) {
        policy.execute(() -> {
            synchronized (this) {
                if (state != State.CLOSED) {
                    listener.onError(this, failure);
                }
            }
        });
    }

    @Override
    public final int id() {
        return id;
    }

    @Override
    public final boolean isOpen() {
        return state == State.OPEN && !isEnding();
    }

    /** Closes the connection, wherever it is in its lifecycle; {@link ConnectionListener#onClose} follows once. */
    @Override
    public final void close() {
        boolean abort;
        synchronized (this) {
            if (closing || state == State.CLOSED) {
                return;
            }
            closing = true;
            abort = closeUnlessInFlight();
        }
        finishEnding(abort);
    }

    /** Holding the monitor, once the connection is ending: closes it now if no attempt is in flight; returns whether one is. */
    private boolean closeUnlessInFlight() {
        boolean inFlight = inFlight();
        if (!inFlight) {
            closeNow();
        }
        return inFlight;
    }

    /** After the monitor: settles the future, and aborts the attempt in flight, whose end then closes the connection. */
    private void finishEnding(boolean abort) {
        settle();
        if (abort) {
            abort();
        }
    }

    private boolean inFlight() {
        return state == State.CONNECTING || state == State.OPEN;
    }

    /** Holding the monitor: a new attempt. */
    private void beginAttempt() {
        state = State.CONNECTING;
        attemptFailure = null;
        attempt();
    }

    /** Holding the monitor: an attempt ended with {@code error}, reported; close or wait for the next. */
    private void lost(DriverException error) {
        if (!openReported) {
            // Nothing is retried before a connection ever opened: the target is wrong, or refuses.
            stopped = true;
            openFailure = error;
            closeNow();
            return;
        }
        if (!policy.reconnects()) {
            closeNow();
            return;
        }
        if (lostAtNanos < 0) {
            lostAtNanos = System.nanoTime();
        }
        state = State.WAITING;
        try {
            nextAttempt = policy.schedule(this::reattempt, policy.nextDelayMillis());
        } catch (RejectedExecutionException e) {
            // The driver is shutting its threads down.
            closeNow();
        }
    }

    private synchronized void reattempt() {
        if (state == State.WAITING && !isEnding()) {
            nextAttempt = null;
            beginAttempt();
        }
    }

    /** Holding the monitor: the end. */
    private void closeNow() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (nextAttempt != null) {
            nextAttempt.cancel(false);
            nextAttempt = null;
        }
        if (!openReported && openFailure == null) {
            openFailure = new DriverException(ErrorKind.IO, "closed before it opened");
        }
        listener.onClose(this);
        afterClose();
        if (registry != null) {
            registry.forget(this);
        }
    }

    /** Completes the future {@link #start} returned, once the outcome is known; outside the monitor, as it runs dependents. */
    private void settle() {
        if (opened.isDone()) {
            return;
        }
        if (openReported) {
            opened.complete(this);
        } else if (openFailure != null) {
            opened.completeExceptionally(openFailure);
        }
    }
}
