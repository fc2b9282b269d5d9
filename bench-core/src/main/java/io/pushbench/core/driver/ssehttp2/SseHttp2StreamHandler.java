package io.pushbench.core.driver.ssehttp2;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.netty.NettyErrors;

import java.util.concurrent.TimeUnit;

/**
 * The handler in one HTTP/2 stream's child channel of an {@link SseHttp2Subscription}: sends the
 * request when the stream opens, checks the response headers, hands DATA frames to the
 * subscription's parser with their receive time, and reports the stream's end.
 *
 * <p>The receive time of an event is read when the DATA frame that completes it arrives, at the
 * top of this handler on the connection's event loop: before it there is only the TCP read, TLS,
 * the HTTP/2 frame decoder and the hand-over to the stream's child channel.
 */
final class SseHttp2StreamHandler extends ChannelInboundHandlerAdapter {

    private final SseHttp2Subscription subscription;
    private final Http2ClientConnection connection;
    private ScheduledFuture<?> responseTimeout;
    private boolean answered;
    /** Why the server reset this stream, if it did. */
    private Http2Error reset;

    SseHttp2StreamHandler(SseHttp2Subscription subscription, Http2ClientConnection connection) {
        this.subscription = subscription;
        this.connection = connection;
    }

    /** Sends the request as soon as the stream's channel exists. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Http2Headers headers = subscription.streamOpened(ctx.channel());
        if (headers != null) {
            String path = String.valueOf(headers.path());
            responseTimeout = ctx.executor().schedule(() -> fail(ctx, new DriverException(ErrorKind.TIMEOUT,
                            "no response to GET " + path + " within " + SseHttp2Subscription.RESPONSE_TIMEOUT_MILLIS
                                    + " ms")),
                    SseHttp2Subscription.RESPONSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true)).addListener(f -> {
                if (!f.isSuccess()) {
                    fail(ctx, new DriverException(ErrorKind.PROTOCOL, "cannot send GET " + path
                            + " on the HTTP/2 connection: " + f.cause().getMessage(), f.cause()));
                }
            });
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2DataFrame data) {
            long receivedNanos = System.nanoTime();
            try {
                if (answered) {
                    subscription.feed(data.content(), receivedNanos);
                }
            } finally {
                data.release();
            }
            if (data.isEndStream()) {
                ctx.close();
            }
        } else if (msg instanceof Http2HeadersFrame headers) {
            onHeaders(ctx, headers);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Netty hands a stream's RST_STREAM to its child channel as a user event, not as a read. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Http2ResetFrame frame) {
            reset = Http2Error.valueOf(frame.errorCode());
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void onHeaders(ChannelHandlerContext ctx, Http2HeadersFrame frame) {
        if (!answered) {
            CharSequence status = frame.headers().status();
            CharSequence type = frame.headers().get(HttpHeaderNames.CONTENT_TYPE);
            if (status == null || !HttpResponseStatus.OK.codeAsText().contentEquals(status) || type == null
                    || !type.toString().startsWith(HttpHeaderValues.TEXT_EVENT_STREAM.toString())) {
                subscription.refused(NettyErrors.httpStatus(status, "event stream answered HTTP " + status
                        + " with content-type " + (type == null ? "(none)" : type) + ", not 200 text/event-stream"));
                return;
            }
            answered = true;
            responseTimeout.cancel(false);
            subscription.answered();
        }
        if (frame.isEndStream()) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, new DriverException(ErrorKind.PROTOCOL, "HTTP/2 stream failed: " + cause.getMessage(), cause));
    }

    /** Reports a failure of this stream and closes it; whether it is requested again is the subscription's call. */
    private void fail(ChannelHandlerContext ctx, DriverException failure) {
        subscription.failed(failure);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (responseTimeout != null) {
            responseTimeout.cancel(false);
        }
        // A stream lost after its answer is reported by the cursor (with the Last-Event-ID it resumes from).
        DriverException cause = answered ? null : reset != null ? new DriverException(ErrorKind.CLOSED_BY_SERVER,
                "the server reset the event-stream request (" + reset + ")") : connection.failure();
        if (!answered && reset == Http2Error.REFUSED_STREAM) {
            // Not processed by the server (RFC 9113 section 8.7): safe to request again.
            subscription.streamRefused(connection, cause);
        } else {
            subscription.streamClosed(connection, answered, cause);
        }
        super.channelInactive(ctx);
    }
}
