package io.pushbench.core.driver.ssehttp2;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.concurrent.ScheduledFuture;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.netty.NettyErrors;

import java.util.concurrent.TimeUnit;

/**
 * One HTTP/2 stream of an {@link SseHttp2Subscription}: sends the request when the stream opens,
 * checks the response headers, hands DATA frames to the subscription's parser with their receive
 * time, and reports the stream's end.
 *
 * <p>The receive time of an event is read when the DATA frame that completes it arrives, first
 * thing in {@link #dataRead}, on the connection's event loop: before it there is only the TCP
 * read, TLS, the HTTP/2 frame decoder and the lookup of the stream by its id.
 */
final class SseHttp2StreamHandler implements Http2StreamEvents {

    private final SseHttp2Subscription subscription;
    private final Http2ClientConnection connection;
    private Http2ClientStream stream;
    private ScheduledFuture<?> responseTimeout;
    private boolean answered;
    /** Why the server reset this stream, if it did. */
    private Http2Error reset;

    SseHttp2StreamHandler(SseHttp2Subscription subscription, Http2ClientConnection connection) {
        this.subscription = subscription;
        this.connection = connection;
    }

    /** Sends the request as soon as the stream exists. */
    @Override
    public void opened(Http2ClientStream stream) {
        this.stream = stream;
        Http2Headers headers = subscription.streamOpened(stream);
        if (headers == null) {
            return;
        }
        String path = String.valueOf(headers.path());
        responseTimeout = stream.eventLoop().schedule(() -> fail(new DriverException(ErrorKind.TIMEOUT,
                        "no response to GET " + path + " within " + SseHttp2Subscription.RESPONSE_TIMEOUT_MILLIS
                                + " ms")),
                SseHttp2Subscription.RESPONSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        stream.writeHeaders(headers, true).addListener(f -> {
            if (!f.isSuccess()) {
                fail(new DriverException(ErrorKind.PROTOCOL, "cannot send GET " + path
                        + " on the HTTP/2 connection: " + f.cause().getMessage(), f.cause()));
            }
        });
    }

    @Override
    public void dataRead(ByteBuf data, boolean endStream) {
        long receivedNanos = System.nanoTime();
        if (answered) {
            subscription.feed(data, receivedNanos);
        }
    }

    @Override
    public void headersRead(Http2Headers headers, boolean endStream) {
        if (answered) {
            return; // trailers
        }
        CharSequence status = headers.status();
        CharSequence type = headers.get(HttpHeaderNames.CONTENT_TYPE);
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

    @Override
    public void resetByServer(Http2Error error) {
        reset = error;
    }

    @Override
    public void failed(Throwable cause) {
        fail(new DriverException(ErrorKind.PROTOCOL, "HTTP/2 stream failed: " + cause.getMessage(), cause));
    }

    /** Reports a failure of this stream and cancels it; whether it is requested again is the subscription's call. */
    private void fail(DriverException failure) {
        subscription.failed(failure);
        stream.cancel();
    }

    @Override
    public void closed() {
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
    }
}
