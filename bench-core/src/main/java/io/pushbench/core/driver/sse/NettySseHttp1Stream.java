package io.pushbench.core.driver.sse;

import io.pushbench.core.sse.SseLimitException;
import io.pushbench.core.sse.SseParser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.lifecycle.ReconnectPolicy;
import io.pushbench.core.driver.netty.NettyConnection;
import io.pushbench.core.driver.netty.NettyConnector;
import io.pushbench.core.driver.netty.NettyErrors;
import io.pushbench.core.driver.netty.NettyHttpRequests;

import java.util.concurrent.CompletableFuture;

/**
 * One event stream of {@link NettySseHttp1Driver}: each attempt is a TCP connection carrying one
 * {@code GET} for the stream, answered by a {@code 200 text/event-stream} whose body one
 * {@link SseCursor} reads across attempts (so that the next request carries {@code Last-Event-ID}).
 * A loss is requested again as {@link ReconnectPolicy#sseRetry} says.
 *
 * <p>Thread-safe; the parser is fed on the stream's event loop.
 */
final class NettySseHttp1Stream extends NettyConnection {

    private static final String EVENT_STREAM = "text/event-stream";

    private final SseCursor cursor;

    NettySseHttp1Stream(int id, Target target, ConnectionListener listener, NettyConnector connector) {
        this(id, target, listener, connector, ReconnectPolicy.sseRetry(connector.loopFor(id)));
    }

    private NettySseHttp1Stream(int id, Target target, ConnectionListener listener, NettyConnector connector,
                                ReconnectPolicy.SseRetry retry) {
        super(id, target, listener, connector, retry);
        this.cursor = new SseCursor(this, listener, retry);
    }

    @Override
    protected ChannelHandler handlers() {
        return new SseHttp1ClientInitializer(new SseResponseHandler(this));
    }

    /** The request for the stream, with the last event id seen so far. */
    FullHttpRequest request() {
        FullHttpRequest request = NettyHttpRequests.get(target(), target().uri());
        request.headers().set(HttpHeaderNames.ACCEPT, EVENT_STREAM);
        request.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        if (!cursor.lastEventId().isEmpty()) {
            request.headers().set("Last-Event-ID", cursor.lastEventId());
        }
        return request;
    }

    /** The response headers arrived: returns whether the stream is open (else it was refused for good). */
    boolean answered(HttpResponse response) {
        CharSequence type = HttpUtil.getMimeType(response);
        if (!HttpResponseStatus.OK.equals(response.status()) || type == null
                || !EVENT_STREAM.equalsIgnoreCase(type.toString())) {
            stop(NettyErrors.httpStatus(response.status().codeAsText(), "event stream answered HTTP "
                    + response.status() + " with Content-Type " + (type == null ? "(none)" : type) + ", not 200 "
                    + EVENT_STREAM));
            return false;
        }
        receiving();
        return true;
    }

    /** A chunk of the body arrived, read at {@code receivedNanos}. */
    void feed(ByteBuf chunk, long receivedNanos) {
        DriverException tooLarge = cursor.feed(chunk, receivedNanos);
        if (tooLarge != null) {
            stop(tooLarge);
        }
    }

    /** The parser the body's event bytes go to, across this stream's responses. */
    SseParser parser() {
        return cursor.parser();
    }

    /** The body broke its framing, or held a line or event over the parser's limit. */
    void bodyFailed(String reason, Throwable cause) {
        stop(new DriverException(ErrorKind.PROTOCOL, cause instanceof SseLimitException ? reason
                : "malformed event-stream response: " + reason, cause));
    }

    /** The response could not be decoded. */
    void malformed(Throwable cause) {
        stop(new DriverException(ErrorKind.PROTOCOL, "malformed event-stream response: " + cause.getMessage(), cause));
    }

    /** The connection failed; it is being closed. */
    void failed(Throwable cause) {
        attemptFailed(NettyErrors.ioFailure(cause));
    }

    /**
     * The TCP connection closed.
     *
     * @param streamOpened its response headers had arrived: a stream was lost, not an attempt
     */
    void channelClosed(boolean streamOpened) {
        attemptEnded(cursor.ended(streamOpened));
    }

    @Override
    public CompletableFuture<Void> send(String message) {
        return post(message);
    }
}
