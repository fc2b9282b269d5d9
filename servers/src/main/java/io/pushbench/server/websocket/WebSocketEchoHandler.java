package io.pushbench.server.websocket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.pushbench.server.ServerStats;

/** Echo: every text or binary frame goes back to its sender unchanged, of the same type. */
final class WebSocketEchoHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final ServerStats stats;

    WebSocketEchoHandler(ServerStats stats) {
        super(false);
        this.stats = stats;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            // A binary frame goes back binary, so that a --binary client reads binary frames.
            ctx.writeAndFlush(frame, ctx.voidPromise());
        } else {
            frame.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.error();
        ctx.close();
    }
}
