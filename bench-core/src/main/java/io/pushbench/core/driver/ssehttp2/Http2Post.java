package io.pushbench.core.driver.ssehttp2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.concurrent.ScheduledFuture;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.netty.NettyErrors;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One message sent upstream over HTTP/2: a {@code POST} on a stream of its own, on a pooled
 * connection to the URI's origin (within the connection's stream limit, like every stream), whose
 * answer completes the returned future: 2xx completes it; any other status
 * ({@link ErrorKind#HTTP_STATUS}), a reset stream ({@link ErrorKind#PROTOCOL}), no answer within
 * {@value #ANSWER_TIMEOUT_MILLIS} ms ({@link ErrorKind#TIMEOUT}), or a connection that could not be
 * had or was lost fails it with the cause. Runs on the connection's event loop.
 */
final class Http2Post implements Http2StreamEvents {

    /** How long the answer may take after the stream opened, ms. */
    static final long ANSWER_TIMEOUT_MILLIS = 10_000;

    private final Http2ClientConnection connection;
    private final Http2ConnectionPool pool;
    private final Http2Headers headers;
    private final String body;
    private final CompletableFuture<Void> answered;
    private final String what;
    private Http2ClientStream stream;
    private ScheduledFuture<?> timeout;

    private Http2Post(Http2ClientConnection connection, Http2ConnectionPool pool, Http2Headers headers, String body,
                      CompletableFuture<Void> answered) {
        this.connection = connection;
        this.pool = pool;
        this.headers = headers;
        this.body = body;
        this.answered = answered;
        this.what = "POST " + headers.path();
    }

    /**
     * POSTs {@code body} (UTF-8, {@code text/plain}) to {@code uri} with {@code target}'s headers, on a
     * connection of {@code pool} to {@code target}'s origin.
     *
     * @return completes when the server answered 2xx; fails with a {@link DriverException} naming the cause
     */
    static CompletableFuture<Void> send(Http2ConnectionPool pool, Target target, URI uri, String body) {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        Http2Headers headers = Http2Requests.request(HttpMethod.POST, target, uri);
        pool.request(target, new Http2ConnectionPool.StreamRequest() {
            @Override
            public void granted(Http2ClientConnection connection) {
                connection.openStream(new Http2Post(connection, pool, headers, body, answered), error -> {
                    pool.release(connection);
                    answered.completeExceptionally(error);
                });
            }

            @Override
            public void failed(DriverException error) {
                answered.completeExceptionally(error);
            }
        });
        return answered;
    }

    @Override
    public void opened(Http2ClientStream stream) {
        this.stream = stream;
        timeout = stream.eventLoop().schedule(() -> fail(new DriverException(ErrorKind.TIMEOUT,
                "no answer to " + what + " within " + ANSWER_TIMEOUT_MILLIS + " ms")), ANSWER_TIMEOUT_MILLIS,
                TimeUnit.MILLISECONDS);
        ByteBuf content = ByteBufUtil.writeUtf8(stream.alloc(), body);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        headers.set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        stream.writeHeaders(headers, false);
        stream.writeData(content, true).addListener(f -> {
            if (!f.isSuccess()) {
                fail(new DriverException(ErrorKind.IO, what + " could not be sent: " + f.cause().getMessage(),
                        f.cause()));
            }
        });
    }

    @Override
    public void headersRead(Http2Headers answer, boolean endStream) {
        if (!answered.isDone()) {
            CharSequence status = answer.status();
            if (status != null && status.length() == 3 && status.charAt(0) == '2') {
                answered.complete(null);
            } else if (status == null || status.charAt(0) != '1') {
                fail(NettyErrors.httpStatus(status, what + " answered HTTP " + status));
            }
        }
    }

    /** The answer's body is not read: its status says all. */
    @Override
    public void dataRead(ByteBuf data, boolean endStream) {
    }

    @Override
    public void resetByServer(Http2Error error) {
        fail(new DriverException(ErrorKind.PROTOCOL, "the server reset the stream of " + what + " (" + error + ")"));
    }

    @Override
    public void failed(Throwable cause) {
        fail(new DriverException(ErrorKind.PROTOCOL, what + " failed: " + cause.getMessage(), cause));
    }

    private void fail(DriverException error) {
        answered.completeExceptionally(error);
        stream.cancel();
    }

    /** The stream closed: its place is free; a POST still unanswered failed with its connection, or its stream. */
    @Override
    public void closed() {
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (!answered.isDone()) {
            DriverException lost = connection.failure();
            answered.completeExceptionally(lost != null ? lost
                    : new DriverException(ErrorKind.CLOSED_BY_SERVER, "the stream of " + what
                    + " closed before an answer"));
        }
        pool.release(connection);
    }
}
