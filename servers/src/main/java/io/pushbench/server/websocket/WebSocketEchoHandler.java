package io.pushbench.server.websocket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.pushbench.server.ServerStats;

/** Echo: every text frame goes back to its sender unchanged. */
final class WebSocketEchoHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {

    private final ServerStats stats;

    WebSocketEchoHandler(ServerStats stats) {
        super(false);
        this.stats = stats;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        ctx.writeAndFlush(frame, ctx.voidPromise());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.error();
        ctx.close();
    }
}
