package io.pushbench.core.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.pushbench.core.record.WireCounter;

/**
 * Counts the bytes that cross the socket. Put it first in a pipeline (before TLS, so that TLS
 * records are counted as sent) and it sees exactly what the kernel was handed.
 */
@ChannelHandler.Sharable
public final class WireCountingHandler extends ChannelDuplexHandler {

    /** The pipeline name this handler is added under. */
    public static final String NAME = "wire-counter";

    private final WireCounter counter;

    public WireCountingHandler(WireCounter counter) {
        this.counter = counter;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        counter.addRead(sizeOf(msg));
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        counter.addWritten(sizeOf(msg));
        ctx.write(msg, promise);
    }

    private static long sizeOf(Object msg) {
        if (msg instanceof ByteBuf buf) {
            return buf.readableBytes();
        }
        if (msg instanceof ByteBufHolder holder) {
            return holder.content().readableBytes();
        }
        return 0;
    }
}
