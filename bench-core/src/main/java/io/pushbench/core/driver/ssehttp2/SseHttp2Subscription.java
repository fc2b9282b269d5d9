package io.pushbench.core.driver.ssehttp2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http2.Http2Headers;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.lifecycle.ReconnectPolicy;
import io.pushbench.core.driver.lifecycle.ReconnectingConnection;
import io.pushbench.core.driver.sse.SseCursor;

import java.util.concurrent.CompletableFuture;

/**
 * One event-stream subscription of {@link NettySseHttp2Driver}, its face to the engine across the
 * HTTP/2 streams it may need: each attempt is {@code GET uri} with {@code accept: text/event-stream}
 * on a connection from the pool, answered by a {@code 200 text/event-stream} response whose DATA
 * frames one {@link SseCursor} reads across attempts ({@link SseHttp2StreamHandler}).
 *
 * <p>Reconnection, as an {@code EventSource} does it: when the server ends the stream (END_STREAM,
 * RST_STREAM, or its connection closing) after it opened, the loss is reported as
 * {@link ErrorKind#CLOSED_BY_SERVER} and the stream is requested again after the reconnection time
 * ({@link ReconnectPolicy#sseRetry}), with {@code last-event-id} set to the last event id received, on a
 * pooled connection (a new one if the old one is gone); {@link ConnectionListener#onReconnect}
 * reports the downtime once the new stream's 200 arrived. An answer other than a {@code 200} event
 * stream, or an event larger than the parser's limit, ends the subscription for good, as does
 * {@link #close()}; so does any failure before the first stream opened. A stream the server refused
 * unprocessed (RST_STREAM with REFUSED_STREAM) is requested again at once, a few times in a row.
 *
 * <p>Thread-safe. The parser is fed on the event loop of the connection the current stream is on;
 * an attempt is scheduled on the subscription's own loop and hands over to the connection's.
 */
final class SseHttp2Subscription extends ReconnectingConnection {

    /** How long the response headers may take after a stream was opened. */
    static final long RESPONSE_TIMEOUT_MILLIS = 10_000;
    /** Streams refused in a row (REFUSED_STREAM) that are requested again at once before the attempt fails. */
    static final int MAX_REFUSED_IN_A_ROW = 3;

    private final Http2ConnectionPool pool;
    private final SseCursor cursor;
    /** The current HTTP/2 stream, while there is one. */
    private volatile Http2ClientStream stream;
    /** Streams of this attempt the server refused in a row (guarded by this). */
    private int refusedInARow;

    /**
     * @param target where to subscribe and send, with this subscription's own client id
     * @param timer  the event loop its reconnections are timed on
     */
    SseHttp2Subscription(int id, Target target, ConnectionListener listener, Http2ConnectionPool pool, EventLoop timer) {
        this(id, target, listener, pool, ReconnectPolicy.sseRetry(timer));
    }

    private SseHttp2Subscription(int id, Target target, ConnectionListener listener, Http2ConnectionPool pool,
                                 ReconnectPolicy.SseRetry retry) {
        super(id, target, listener, retry);
        this.pool = pool;
        this.cursor = new SseCursor(this, listener, retry);
    }

    /** Requests the event stream on a pooled connection, once one has a place for it. */
    @Override
    protected void attempt() {
        pool.request(target(), new Http2ConnectionPool.StreamRequest() {
            @Override
            public void granted(Http2ClientConnection connection) {
                connection.openStream(new SseHttp2StreamHandler(SseHttp2Subscription.this, connection), error -> {
                    pool.release(connection);
                    attemptEnded(error);
                });
            }

            @Override
            public void failed(DriverException error) {
                attemptEnded(error);
            }
        });
    }

    /** Cancels the current stream (RST_STREAM); the connection stays for the other streams. */
    @Override
    protected void abort() {
        Http2ClientStream current = stream;
        if (current != null) {
            current.cancel();
        }
    }

    /**
     * The stream is open: returns the request to send on it, or null when the subscription is
     * being closed (the stream is then cancelled).
     */
    Http2Headers streamOpened(Http2ClientStream opened) {
        // Published before the check, so that a close() racing with it either sees the stream or is seen here.
        stream = opened;
        if (isEnding()) {
            opened.cancel();
            return null;
        }
        Http2Headers headers = Http2Requests.request(HttpMethod.GET, target(), target().uri())
                .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.TEXT_EVENT_STREAM)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        if (!cursor.lastEventId().isEmpty()) {
            headers.set("last-event-id", cursor.lastEventId());
        }
        return headers;
    }

    /** The 200 event-stream headers arrived: the subscription can receive. */
    void answered() {
        synchronized (this) {
            refusedInARow = 0;
        }
        receiving();
    }

    /**
     * The server refused the stream before processing it (REFUSED_STREAM, e.g. its stream limit fell
     * before this client read the new SETTINGS): its place on {@code connection} is free, and the
     * stream is requested again at once, on whichever connection has room; after
     * {@value #MAX_REFUSED_IN_A_ROW} refusals in a row the attempt fails with {@code cause}.
     */
    void streamRefused(Http2ClientConnection connection, DriverException cause) {
        stream = null;
        pool.release(connection);
        synchronized (this) {
            if (++refusedInARow <= MAX_REFUSED_IN_A_ROW) {
                if (!isEnding()) {
                    attempt();
                }
                return;
            }
            refusedInARow = 0;
        }
        attemptEnded(cause);
    }

    /** A DATA frame of the stream arrived, read at {@code receivedNanos}. */
    void feed(ByteBuf data, long receivedNanos) {
        DriverException tooLarge = cursor.feed(data, receivedNanos);
        if (tooLarge != null) {
            stop(tooLarge);
        }
    }

    /** An answer that is not a 200 event stream: the end of the subscription. */
    void refused(DriverException error) {
        stop(error);
    }

    /** The stream failed; it is being closed. */
    void failed(DriverException error) {
        attemptFailed(error);
    }

    /**
     * The stream closed; its place on {@code connection} is free again.
     *
     * @param answered whether its 200 event-stream headers had arrived (a stream was lost, not an attempt)
     * @param cause    why, when known (a reset, a connection failure), or null
     */
    void streamClosed(Http2ClientConnection connection, boolean answered, DriverException cause) {
        stream = null;
        pool.release(connection);
        DriverException loss = cursor.ended(answered);
        attemptEnded(cause != null ? cause : loss);
    }

    /**
     * POSTs {@code message} to the target's send URI as a new stream on a pooled connection to the
     * same origin; completes when the server answered 2xx.
     */
    @Override
    public CompletableFuture<Void> send(String message) {
        return sendByPost(message, (uri, body) -> Http2Post.send(pool, target(), uri, body));
    }
}
