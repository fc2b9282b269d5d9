package io.pushbench.core.driver.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
import io.pushbench.core.sse.SseParser;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One event-stream subscription of {@link NettySseHttp2Driver}: an HTTP/2 stream carrying
 * {@code GET /sse?client=ID} (the target's URI) and its {@code text/event-stream} response. It is the handler in
 * the stream's child channel and the subscription's face to the engine.
 *
 * <p>The receive time of an event is read when the DATA frame that completes it arrives, at the
 * top of the stream's handler on the connection's event loop: before it there is only the TCP
 * read, TLS, the HTTP/2 frame decoder and the hand-over to the stream's channel.
 */
final class SseHttp2Stream extends ChannelInboundHandlerAdapter implements PushConnection, SseParser.Listener {

    /** How long the response headers may take after the stream was opened. */
    static final long RESPONSE_TIMEOUT_MILLIS = 10_000;

    private final int id;
    private final Target target;
    private final ConnectionListener listener;
    private final long connectStartNanos;
    private final Http2ClientConnection connection;
    private final Runnable onEnd;
    private final SseParser parser = new SseParser(this);
    final CompletableFuture<PushConnection> opened = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile boolean closeRequested;
    private ScheduledFuture<?> responseTimeout;
    private boolean endReported;
    private boolean closeReported;

    /**
     * @param target            where to subscribe and send, with this subscription's own client id
     * @param connectStartNanos when the engine asked for this subscription: its connect time counts from here
     * @param onEnd             called once when the stream has ended, however
     */
    SseHttp2Stream(int id, Target target, ConnectionListener listener, long connectStartNanos,
                   Http2ClientConnection connection, Runnable onEnd) {
        this.id = id;
        this.target = target;
        this.listener = listener;
        this.connectStartNanos = connectStartNanos;
        this.connection = connection;
        this.onEnd = onEnd;
    }

    /** Sends the request as soon as the stream's channel exists. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        Http2Headers headers = Http2Requests.request(HttpMethod.GET, target, target.uri())
                .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.TEXT_EVENT_STREAM)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        responseTimeout = ctx.executor().schedule(() -> {
            failOpen(new DriverException(ErrorKind.TIMEOUT, "no response to GET " + target.uri().getPath()
                    + " within " + RESPONSE_TIMEOUT_MILLIS + " ms"));
            ctx.close();
        }, RESPONSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true)).addListener(f -> {
            if (!f.isSuccess()) {
                failOpen(new DriverException(ErrorKind.PROTOCOL, "cannot send GET " + target.uri().getPath()
                        + " on the HTTP/2 connection: " + f.cause().getMessage(), f.cause()));
                ctx.close();
            }
        });
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2DataFrame data) {
            long receivedNanos = System.nanoTime();
            try {
                if (opened.isDone()) {
                    parser.feed(data.content(), receivedNanos);
                }
            } finally {
                data.release();
            }
            if (data.isEndStream()) {
                endedByServer("the server ended the event stream");
            }
        } else if (msg instanceof Http2HeadersFrame headers) {
            onHeaders(ctx, headers);
        } else if (msg instanceof Http2ResetFrame reset) {
            endedByServer("the server reset the stream (" + Http2Error.valueOf(reset.errorCode()) + ")");
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHeaders(ChannelHandlerContext ctx, Http2HeadersFrame frame) {
        if (!opened.isDone()) {
            Http2Headers headers = frame.headers();
            CharSequence status = headers.status();
            CharSequence type = headers.get(HttpHeaderNames.CONTENT_TYPE);
            if (status == null || !HttpResponseStatus.OK.codeAsText().contentEquals(status)) {
                failOpen(new DriverException(ErrorKind.HTTP_STATUS, "GET " + target.uri().getPath() + " answered HTTP "
                        + status + ", not 200"));
                ctx.close();
                return;
            }
            if (type == null || !type.toString().startsWith(HttpHeaderValues.TEXT_EVENT_STREAM.toString())) {
                failOpen(new DriverException(ErrorKind.HANDSHAKE_FAILED, "GET " + target.uri().getPath()
                        + " answered with content-type " + type + ", not text/event-stream"));
                ctx.close();
                return;
            }
            responseTimeout.cancel(false);
            listener.onOpen(this, System.nanoTime() - connectStartNanos);
            opened.complete(this);
        }
        if (frame.isEndStream()) {
            endedByServer("the server ended the event stream");
        }
    }

    @Override
    public void onEvent(String lastEventId, String type, String data, long receivedNanos) {
        listener.onMessage(this, data, receivedNanos);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        DriverException error = new DriverException(ErrorKind.PROTOCOL, "HTTP/2 stream failed: " + cause.getMessage(),
                cause);
        if (opened.isDone()) {
            listener.onError(this, error);
        } else {
            failOpen(error);
        }
        endReported = true;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (responseTimeout != null) {
            responseTimeout.cancel(false);
        }
        if (!opened.isDone()) {
            DriverException why = connection.failure();
            failOpen(why != null ? why : new DriverException(ErrorKind.HANDSHAKE_FAILED,
                    "the stream closed before the response headers arrived"));
        } else {
            endedByServer("the HTTP/2 connection closed");
        }
        reportClose();
        super.channelInactive(ctx);
    }

    /** Reports, once, an end of the stream that the driver did not ask for. */
    private void endedByServer(String what) {
        if (!endReported && !closeRequested && !connection.closedByClient()) {
            endReported = true;
            listener.onError(this, new DriverException(ErrorKind.CLOSED_BY_SERVER, what));
        }
    }

    /** The subscription could not be opened: tells the listener and the engine, on the event loop. */
    void failOpen(DriverException error) {
        if (opened.isDone()) {
            return;
        }
        endReported = true;
        listener.onError(this, error);
        opened.completeExceptionally(error);
        if (channel == null) {
            reportClose();
        }
    }

    private void reportClose() {
        if (!closeReported) {
            closeReported = true;
            onEnd.run();
            listener.onClose(this);
        }
    }

    @Override
    public int id() {
        return id;
    }

    /** POSTs {@code message} to the target's send URI as a new stream on this stream's TCP connection. */
    @Override
    public CompletableFuture<Void> send(String message) {
        Channel ch = channel;
        if (target.sendUri() == null) {
            return CompletableFuture.failedFuture(new DriverException(ErrorKind.IO,
                    "the target has no send URI to POST to"));
        }
        if (ch == null || !ch.isActive()) {
            return CompletableFuture.failedFuture(new DriverException(ErrorKind.IO, "connection is not open"));
        }
        Http2Headers headers = Http2Requests.request(HttpMethod.POST, target, target.sendUri());
        return Http2Post.send(ch.parent(), headers, message, error -> listener.onError(this, error));
    }

    @Override
    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive() && opened.isDone() && !opened.isCompletedExceptionally();
    }

    /** Cancels the stream (RST_STREAM); the connection stays for the other streams. */
    @Override
    public void close() {
        closeRequested = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }
}
