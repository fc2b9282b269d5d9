package io.pushbench.core.driver;

/**
 * Receives what happens on one connection. Methods are called on the driver's I/O thread
 * for that connection, one at a time per connection, so a listener may keep per-connection
 * state without locking; they must not block.
 */
public interface ConnectionListener {

    /**
     * The connection is open and can receive.
     *
     * @param connectNanos from the start of the TCP connect to this moment (for HTTP/2 streams
     *                     on an existing connection, from the stream's request), nanoseconds
     */
    default void onOpen(PushConnection connection, long connectNanos) {
    }

    /**
     * A message arrived.
     *
     * <p>The Netty drivers hand the text over as a reused view of their buffers
     * ({@link io.pushbench.core.text.MessageText}), so that receiving allocates nothing; it is
     * valid only during this call. A listener that keeps the text calls {@code toString()}.
     *
     * @param payload       the message text (the SSE event's data, the frame's text, one message of a poll's batch),
     *                      valid during this call only
     * @param receivedNanos {@link System#nanoTime()} read where the message was decoded
     */
    void onMessage(PushConnection connection, CharSequence payload, long receivedNanos);

    /**
     * The connection was lost and the driver opened it again (the transport's own recovery:
     * WebSocket reconnect with backoff, SSE reconnect with {@code Last-Event-ID}, a new poll).
     * The connection object stays the same; {@link #onClose} is not called for the loss.
     *
     * @param downtimeNanos from noticing the loss to being able to receive again
     */
    default void onReconnect(PushConnection connection, long downtimeNanos) {
    }

    /**
     * A heartbeat the driver sent came back (a WebSocket pong answering its ping).
     *
     * @param roundTripNanos from sending the heartbeat to receiving its answer
     */
    default void onHeartbeat(PushConnection connection, long roundTripNanos) {
    }

    /** Something went wrong; the connection may or may not still be open. */
    default void onError(PushConnection connection, DriverException error) {
    }

    /** The connection closed, by either side. Called once. */
    default void onClose(PushConnection connection) {
    }
}
