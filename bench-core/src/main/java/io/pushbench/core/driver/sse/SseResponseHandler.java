package io.pushbench.core.driver.sse;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The last handler of one TCP connection of a {@link NettySseHttp1Stream}: sends the stream's
 * request once connected, and hands the stream the response's headers, its body chunks with their
 * receive time, and the connection's end. One per TCP connection.
 */
final class SseResponseHandler extends SimpleChannelInboundHandler<HttpObject> {

    private final NettySseHttp1Stream stream;
    private boolean streamOpened;

    SseResponseHandler(NettySseHttp1Stream stream) {
        this.stream = stream;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(stream.request());
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        long receivedNanos = System.nanoTime();
        if (msg.decoderResult().isFailure()) {
            stream.malformed(msg.decoderResult().cause());
            return;
        }
        if (msg instanceof HttpResponse response) {
            streamOpened = stream.answered(response);
        }
        if (msg instanceof HttpContent content && streamOpened) {
            stream.feed(content.content(), receivedNanos);
            if (content instanceof LastHttpContent) {
                // The server ended the response: an event stream that ends is reopened.
                ctx.close();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx);
        stream.channelClosed(streamOpened);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stream.failed(cause);
        ctx.close();
    }
}
