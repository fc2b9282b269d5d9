package io.pushbench.core.driver.ssehttp2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.netty.NettyErrors;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One upstream message of {@link NettySseHttp2Driver}: a {@code POST} on a new stream of an
 * existing HTTP/2 connection, so that requests and the event streams they are answered on share
 * one TCP connection. A reply other than 2xx, or a reset stream, is reported as an error.
 */
final class Http2Post extends ChannelInboundHandlerAdapter {

    private final String path;
    private final Consumer<DriverException> onError;
    private boolean answered;

    private Http2Post(String path, Consumer<DriverException> onError) {
        this.path = path;
        this.onError = onError;
    }

    /**
     * POSTs {@code body} (UTF-8) with {@code headers} on a new stream of {@code connection}.
     *
     * @param onError told, on the connection's event loop, when the server refuses the request
     * @return completes when the request was written to the socket, or fails with an {@link ErrorKind#IO} error
     */
    static CompletableFuture<Void> send(Channel connection, Http2Headers headers, String body,
                                        Consumer<DriverException> onError) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        Http2Post exchange = new Http2Post(String.valueOf(headers.path()), onError);
        new Http2StreamChannelBootstrap(connection).handler(exchange).open().addListener(opened -> {
            if (!opened.isSuccess()) {
                written.completeExceptionally(new DriverException(ErrorKind.IO, "cannot open a stream for POST "
                        + exchange.path + ": " + opened.cause().getMessage(), opened.cause()));
                return;
            }
            Http2StreamChannel stream = (Http2StreamChannel) opened.getNow();
            ByteBuf content = ByteBufUtil.writeUtf8(stream.alloc(), body);
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
            headers.set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            stream.write(new DefaultHttp2HeadersFrame(headers, false));
            stream.writeAndFlush(new DefaultHttp2DataFrame(content, true)).addListener(f -> {
                if (f.isSuccess()) {
                    written.complete(null);
                } else {
                    written.completeExceptionally(new DriverException(ErrorKind.IO, "POST " + exchange.path
                            + " failed: " + f.cause().getMessage(), f.cause()));
                }
            });
        });
        return written;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2HeadersFrame frame && !answered) {
                answered = true;
                CharSequence status = frame.headers().status();
                if (status == null || status.length() != 3 || status.charAt(0) != '2') {
                    onError.accept(NettyErrors.httpStatus(status, "POST " + path + " answered HTTP " + status));
                }
            } else if (msg instanceof Http2ResetFrame reset) {
                onError.accept(new DriverException(ErrorKind.PROTOCOL, "the server reset the stream of POST " + path
                        + " (" + Http2Error.valueOf(reset.errorCode()) + ")"));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        onError.accept(new DriverException(ErrorKind.PROTOCOL, "POST " + path + " failed: " + cause.getMessage(),
                cause));
        ctx.close();
    }
}
