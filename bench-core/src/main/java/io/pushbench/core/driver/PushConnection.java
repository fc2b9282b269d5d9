package io.pushbench.core.driver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One open subscription or channel to a server, as a driver exposes it.
 * Thread-safe: {@link #send} and {@link #close} may be called from any thread.
 */
public interface PushConnection {

    /** A number unique among the connections of one driver, from 0. */
    int id();

    /**
     * Sends a message upstream: a WebSocket text frame, or an HTTP {@code POST} for the
     * HTTP transports. A reply, if the server sends one, arrives at
     * {@link ConnectionListener#onMessage}. The future completes when the message was
     * written to the socket.
     */
    CompletableFuture<Void> send(String message);

    /**
     * Sends a message upstream like {@link #send}, but may leave it buffered until {@link #flush}:
     * a sender that writes many messages in one go flushes each connection once. The text is copied
     * before this returns, so the caller may reuse it. A failure is reported to the connection's
     * {@link ConnectionListener#onError}. Cheapest when called on {@link #ioExecutor()}.
     *
     * <p>The default sends at once, as {@link #send} does.
     */
    default void write(CharSequence message) {
        send(message.toString());
    }

    /** Sends what {@link #write} buffered. The default has nothing buffered. */
    default void flush() {
    }

    /**
     * The I/O thread (event loop) this connection reads and writes on, on which a sender can run its
     * timers so that writes need no hand-off between threads; null when the stack has no such thread
     * to offer (the default).
     */
    default ScheduledExecutorService ioExecutor() {
        return null;
    }

    /** Whether the connection is open and can receive. */
    boolean isOpen();

    /** Closes the connection; {@link ConnectionListener#onClose} follows. Idempotent. */
    void close();
}
