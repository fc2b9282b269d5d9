package io.pushbench.core.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.TimeUnit;

/** Creates and stops the Netty event loops that drivers and servers run on. */
public final class NettyIo {

    private NettyIo() {
    }

    /**
     * A group of NIO event loops whose threads are daemons named {@code name-N}.
     *
     * @param threads 0 for Netty's default (twice the available processors)
     */
    public static EventLoopGroup newGroup(String name, int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
                NioIoHandler.newFactory());
    }

    /** Shuts a group down without a quiet period and waits up to five seconds for its threads. */
    public static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(6, TimeUnit.SECONDS);
    }
}
