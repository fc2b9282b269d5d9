package io.pushbench.server.websocket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Pings a WebSocket client when nothing was written to it for a heartbeat interval (an
 * {@code IdleStateHandler} before this one fires the event), so that idle subscribers survive
 * intermediaries that cut silent connections. Clients answer with a pong (RFC 6455 5.5.2).
 */
final class WebSocketHeartbeat extends ChannelInboundHandlerAdapter {

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
            ctx.writeAndFlush(new PingWebSocketFrame(), ctx.voidPromise());
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
