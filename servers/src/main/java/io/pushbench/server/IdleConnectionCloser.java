package io.pushbench.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection on which nothing was read or written for the server's idle timeout (an
 * {@code IdleStateHandler} for all-idle sits just before this). Push channels never go idle:
 * heartbeats write on them. What remains are abandoned keep-alive connections, which would
 * otherwise hold a file descriptor forever. Counted in {@link ServerStats#idleClosed()}.
 */
@ChannelHandler.Sharable
final class IdleConnectionCloser extends ChannelInboundHandlerAdapter {

    private final ServerStats stats;

    IdleConnectionCloser(ServerStats stats) {
        this.stats = stats;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.ALL_IDLE) {
            stats.countIdleClose();
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
