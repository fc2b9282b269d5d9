package io.pushbench.server.sse;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.pushbench.core.sse.SseEvents;
import io.pushbench.server.ServerStats;

/**
 * Owns a connection once it carries an event stream: writes a heartbeat comment when nothing was
 * written for the heartbeat interval (an {@code IdleStateHandler} before this one fires the event),
 * discards requests pipelined behind the stream, and closes the connection on errors, counting them.
 */
final class SseStreamHandler extends ChannelInboundHandlerAdapter {

    private final ServerStats stats;

    SseStreamHandler(ServerStats stats) {
        this.stats = stats;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
            if (ctx.channel().isWritable()) {
                ByteBuf heartbeat = ctx.alloc().buffer(8);
                SseEvents.writeComment(heartbeat, SseEndpoint.HEARTBEAT);
                ctx.writeAndFlush(new DefaultHttpContent(heartbeat), ctx.voidPromise());
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.error();
        ctx.close();
    }
}
