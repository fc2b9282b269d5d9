package io.pushbench.core.driver.sse;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The last handler of one TCP connection of a {@link NettySseHttp1Stream}: sends the stream's
 * request once connected, and hands the stream the response's headers and the connection's end.
 * Once the headers are in, the body is read by an {@link EventStreamBodyDecoder} in the HTTP
 * decoder's place, which feeds each read's event bytes straight to the stream's parser with the
 * read's receive time: no content object or buffer slice per read. One per TCP connection.
 */
final class SseResponseHandler extends SimpleChannelInboundHandler<HttpObject>
        implements EventStreamBodyDecoder.Events {

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
            if (streamOpened && !(msg instanceof HttpContent)) {
                EventStreamBodyDecoder.replaceHttpDecoder(ctx, response, stream.parser(), this);
            }
        }
        if (msg instanceof HttpContent content && streamOpened) {
            // A response that came whole (headers and body in one object) is read the usual way.
            stream.feed(content.content(), receivedNanos);
            if (content instanceof LastHttpContent) {
                ended(ctx);
            }
        }
    }

    @Override
    public void ended(ChannelHandlerContext ctx) {
        // The server ended the response: an event stream that ends is reopened.
        ctx.close();
    }

    @Override
    public void failed(ChannelHandlerContext ctx, String reason, Throwable cause) {
        stream.bodyFailed(reason, cause);
        ctx.close();
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
