package io.pushbench.server.websocket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.pushbench.server.Hub;
import io.pushbench.server.ServerStats;

import java.nio.charset.StandardCharsets;

/** A broadcast subscriber: joins the broadcast once upgraded; text frames it sends are published to all. */
final class WebSocketSubscriberHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final WebSocketBroadcast broadcast;
    private final Hub hub;
    private final ServerStats stats;

    WebSocketSubscriberHandler(WebSocketBroadcast broadcast, Hub hub, ServerStats stats) {
        this.broadcast = broadcast;
        this.hub = hub;
        this.stats = stats;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            broadcast.subscribe(ctx.channel());
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            hub.publish(text.text());
        } else if (frame instanceof BinaryWebSocketFrame) {
            // A --binary publisher's envelope: broadcast as text, as every subscriber reads it.
            hub.publish(frame.content().toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.error();
        ctx.close();
    }
}
