package io.pushbench.core.genfloor;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The last handler of a generator floor connection: a connection that closes, or fails, while
 * the floor runs fails the floor (after {@link FloorCounts#closing()}, closing is expected and
 * ignored). Subclasses count what the connection reads.
 */
abstract class FloorConnectionHandler extends ChannelInboundHandlerAdapter {

    /** What the floor counts. */
    protected final FloorCounts counts;
    private final String what;

    /** @param what the connection, for the failure, e.g. {@code a WebSocket connection of the generator floor} */
    FloorConnectionHandler(FloorCounts counts, String what) {
        this.counts = counts;
        this.what = what;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        counts.fail(what + " closed");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        counts.fail(what + " failed: " + cause.getMessage());
        ctx.close();
    }
}
