package io.pushbench.core.driver.ssehttp2;

import io.pushbench.core.driver.lifecycle.SseReconnectDelay;
import io.pushbench.core.driver.netty.NettyErrors;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.sse.SseLimitException;
import io.pushbench.core.sse.SseParser;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One event-stream subscription of {@link NettySseHttp2Driver}, its face to the engine across the
 * HTTP/2 streams it may need: each is {@code GET uri} with {@code accept: text/event-stream} on a
 * connection from the pool, answered by a {@code 200 text/event-stream} response whose DATA frames
 * are fed to one {@link SseParser}.
 *
 * <p>The receive time of an event is read when the DATA frame that completes it arrives, at the
 * top of the stream's handler on the connection's event loop: before it there is only the TCP
 * read, TLS, the HTTP/2 frame decoder and the hand-over to the stream's child channel.
 *
 * <p>Reconnection, as an {@code EventSource} does it: when the server ends the stream (END_STREAM,
 * RST_STREAM, or its connection closing) after it opened, the loss is reported as
 * {@link ErrorKind#CLOSED_BY_SERVER} and the stream is requested again after the reconnection time
 * ({@link SseReconnectDelay}), with {@code last-event-id} set to the last event id received, on a
 * pooled connection (a new one if the old one is gone); {@link ConnectionListener#onReconnect}
 * reports the downtime once the new stream's 200 arrived. An answer other than a {@code 200} event
 * stream, or an event larger than the parser's limit, ends the subscription for good, as does
 * {@link #close()}; so does any failure before the first stream opened.
 *
 * <p>State is touched on the event loop of the connection the current stream is on; a
 * reconnection hands it to the next connection's loop by scheduling. Volatile fields are read by
 * {@link #send}, {@link #isOpen} and {@link #close} from any thread.
 */
final class SseHttp2Subscription implements PushConnection, SseParser.Listener {

    /** How long the response headers may take after a stream was opened. */
    static final long RESPONSE_TIMEOUT_MILLIS = 10_000;

    private final int id;
    private final Target target;
    private final ConnectionListener listener;
    private final long connectStartNanos;
    private final Http2ConnectionPool pool;
    private final Consumer<SseHttp2Subscription> onClosed;
    private final SseParser parser = new SseParser(this);
    private final SseReconnectDelay delay = new SseReconnectDelay();
    private final AtomicBoolean closeReported = new AtomicBoolean();
    final CompletableFuture<PushConnection> opened = new CompletableFuture<>();
    /** The current HTTP/2 stream's channel, while there is one. */
    private volatile Channel stream;
    /** The event loop of the latest connection used: reconnections are scheduled on it. */
    private volatile EventLoop loop;
    private volatile boolean closing;
    private volatile boolean stopped;
    /** When the open stream was lost, while it is being requested again; -1 otherwise. */
    private long lostAtNanos = -1;

    /**
     * @param target            where to subscribe and send, with this subscription's own client id
     * @param connectStartNanos when the engine asked for this subscription: its connect time counts from here
     * @param onClosed          told once, after {@link ConnectionListener#onClose}
     */
    SseHttp2Subscription(int id, Target target, ConnectionListener listener, long connectStartNanos,
                         Http2ConnectionPool pool, Consumer<SseHttp2Subscription> onClosed) {
        this.id = id;
        this.target = target;
        this.listener = listener;
        this.connectStartNanos = connectStartNanos;
        this.pool = pool;
        this.onClosed = onClosed;
    }

    /** Requests the event stream on a pooled connection. */
    void open() {
        Http2ClientConnection connection = pool.acquire(target);
        connection.openStream(new StreamHandler(connection), error -> {
            pool.release(connection);
            loop = connection.eventLoop();
            lost(false, null, error);
        });
    }

    /**
     * The current attempt ended: the stream closed, or could not be opened.
     *
     * @param answered whether its 200 event-stream headers had arrived (a stream was lost, not an attempt)
     * @param reported the failure already reported for it, or null
     * @param cause    why, when known and not yet reported
     */
    private void lost(boolean answered, DriverException reported, DriverException cause) {
        parser.endOfStream();
        if (closing || stopped) {
            reportClose();
            return;
        }
        DriverException error = reported != null ? reported : cause != null ? cause
                : new DriverException(ErrorKind.CLOSED_BY_SERVER, answered
                        ? "the server ended the event stream; reconnecting in " + delay.retryMillis() + " ms"
                                + (parser.lastEventId().isEmpty() ? "" : " with Last-Event-ID " + parser.lastEventId())
                        : "the stream closed before the response headers arrived");
        if (reported == null) {
            listener.onError(this, error);
        }
        if (!opened.isDone()) {
            stopped = true;
            opened.completeExceptionally(error);
            reportClose();
            return;
        }
        if (lostAtNanos < 0) {
            lostAtNanos = System.nanoTime();
        }
        loop.schedule(() -> {
            if (closing) {
                reportClose();
            } else {
                open();
            }
        }, delay.next(), TimeUnit.MILLISECONDS);
    }

    /** Reports a failure after which the subscription is not requested again. */
    private DriverException stop(DriverException error) {
        stopped = true;
        listener.onError(this, error);
        opened.completeExceptionally(error);
        return error;
    }

    private void reportClose() {
        if (closeReported.compareAndSet(false, true)) {
            listener.onClose(this);
            onClosed.accept(this);
        }
    }

    @Override
    public void onEvent(String lastEventId, String type, String data, long receivedNanos) {
        listener.onMessage(this, data, receivedNanos);
    }

    @Override
    public void onRetry(long millis) {
        delay.retry(millis);
    }

    @Override
    public int id() {
        return id;
    }

    /** POSTs {@code message} to the target's send URI as a new stream on the current stream's TCP connection. */
    @Override
    public CompletableFuture<Void> send(String message) {
        if (target.sendUri() == null) {
            return CompletableFuture.failedFuture(new DriverException(ErrorKind.PROTOCOL,
                    "SSE sends by POST to the target's send URI, and this target has none"));
        }
        Channel current = stream;
        if (current == null || !current.isActive()) {
            return CompletableFuture.failedFuture(new DriverException(ErrorKind.IO, "the event stream is not open"));
        }
        Http2Headers headers = Http2Requests.request(HttpMethod.POST, target, target.sendUri());
        return Http2Post.send(current.parent(), headers, message, error -> listener.onError(this, error));
    }

    @Override
    public boolean isOpen() {
        Channel current = stream;
        return current != null && current.isActive() && !closing && !stopped && opened.isDone()
                && !opened.isCompletedExceptionally();
    }

    /** Cancels the current stream (RST_STREAM); the connection stays for the other streams. */
    @Override
    public void close() {
        closing = true;
        Channel current = stream;
        EventLoop l = loop;
        if (current != null) {
            current.close();
        } else if (l != null) {
            // Between streams: no close event will come, so report it here.
            l.execute(this::reportClose);
        }
    }

    /** One HTTP/2 stream of this subscription: the handler in its child channel. */
    private final class StreamHandler extends ChannelInboundHandlerAdapter {

        private final Http2ClientConnection connection;
        private ScheduledFuture<?> responseTimeout;
        private boolean answered;
        /** The failure reported on this stream, if any. */
        private DriverException error;
        /** Why the server reset this stream, if it did. */
        private Http2Error reset;

        StreamHandler(Http2ClientConnection connection) {
            this.connection = connection;
        }

        /** Sends the request as soon as the stream's channel exists. */
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            stream = ctx.channel();
            loop = ctx.channel().eventLoop();
            if (closing) {
                ctx.close();
                return;
            }
            Http2Headers headers = Http2Requests.request(HttpMethod.GET, target, target.uri())
                    .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.TEXT_EVENT_STREAM)
                    .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
            if (!parser.lastEventId().isEmpty()) {
                headers.set("last-event-id", parser.lastEventId());
            }
            responseTimeout = ctx.executor().schedule(() -> {
                fail(ctx, new DriverException(ErrorKind.TIMEOUT, "no response to GET " + target.uri().getPath()
                        + " within " + RESPONSE_TIMEOUT_MILLIS + " ms"));
            }, RESPONSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true)).addListener(f -> {
                if (!f.isSuccess()) {
                    fail(ctx, new DriverException(ErrorKind.PROTOCOL, "cannot send GET " + target.uri().getPath()
                            + " on the HTTP/2 connection: " + f.cause().getMessage(), f.cause()));
                }
            });
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2DataFrame data) {
                long receivedNanos = System.nanoTime();
                try {
                    if (answered) {
                        parser.feed(data.content(), receivedNanos);
                    }
                } catch (SseLimitException e) {
                    error = stop(new DriverException(ErrorKind.PROTOCOL, e.getMessage(), e));
                    ctx.close();
                } finally {
                    data.release();
                }
                if (data.isEndStream()) {
                    ctx.close();
                }
            } else if (msg instanceof Http2HeadersFrame headers) {
                onHeaders(ctx, headers);
            } else if (msg instanceof Http2ResetFrame frame) {
                reset = Http2Error.valueOf(frame.errorCode());
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        private void onHeaders(ChannelHandlerContext ctx, Http2HeadersFrame frame) {
            if (!answered) {
                CharSequence status = frame.headers().status();
                CharSequence type = frame.headers().get(HttpHeaderNames.CONTENT_TYPE);
                if (status == null || !HttpResponseStatus.OK.codeAsText().contentEquals(status) || type == null
                        || !type.toString().startsWith(HttpHeaderValues.TEXT_EVENT_STREAM.toString())) {
                    error = stop(NettyErrors.httpStatus(status, "event stream answered HTTP " + status
                            + " with content-type " + (type == null ? "(none)" : type)
                            + ", not 200 text/event-stream"));
                    ctx.close();
                    return;
                }
                answered = true;
                responseTimeout.cancel(false);
                delay.opened();
                long now = System.nanoTime();
                if (!opened.isDone()) {
                    listener.onOpen(SseHttp2Subscription.this, now - connectStartNanos);
                    opened.complete(SseHttp2Subscription.this);
                } else if (lostAtNanos >= 0) {
                    listener.onReconnect(SseHttp2Subscription.this, now - lostAtNanos);
                    lostAtNanos = -1;
                }
            }
            if (frame.isEndStream()) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, new DriverException(ErrorKind.PROTOCOL, "HTTP/2 stream failed: " + cause.getMessage(), cause));
        }

        /** Reports a failure of this stream (once) and closes it; whether it is requested again is up to {@link #lost}. */
        private void fail(ChannelHandlerContext ctx, DriverException failure) {
            if (error == null && !closing) {
                error = failure;
                listener.onError(SseHttp2Subscription.this, failure);
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (responseTimeout != null) {
                responseTimeout.cancel(false);
            }
            stream = null;
            pool.release(connection);
            DriverException cause = reset == null ? null : new DriverException(ErrorKind.CLOSED_BY_SERVER,
                    "the server reset the event stream (" + reset + ")");
            lost(answered, error, cause != null || answered ? cause : connection.failure());
            super.channelInactive(ctx);
        }
    }
}
