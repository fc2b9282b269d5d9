package io.pushbench.core.driver;

import java.util.concurrent.CompletableFuture;

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

    /** Whether the connection is open and can receive. */
    boolean isOpen();

    /** Closes the connection; {@link ConnectionListener#onClose} follows. Idempotent. */
    void close();
}
