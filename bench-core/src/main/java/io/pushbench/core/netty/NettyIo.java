package io.pushbench.core.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.TimeUnit;

/**
 * Creates and stops the Netty event loops that drivers and servers run on, and names the socket
 * channel classes that go with them.
 *
 * <p>On Linux the loops use native epoll: its timers fire with microsecond precision, which the
 * scheduled sender relies on (NIO's selector waits whole milliseconds, and below half of one it
 * polls without waiting, which is a busy loop), and it reads and writes with fewer copies. Where
 * epoll is not available (another OS or CPU), NIO is used. {@code -Dpushbench.nio=true} forces
 * NIO, to compare the two.
 */
public final class NettyIo {

    private static final boolean EPOLL = Epoll.isAvailable() && !Boolean.getBoolean("pushbench.nio");

    private NettyIo() {
    }

    /**
     * A group of event loops whose threads are daemons named {@code name-N}.
     *
     * @param threads 0 for {@link #defaultThreads()}
     */
    public static EventLoopGroup newGroup(String name, int threads) {
        IoHandlerFactory handlers = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads == 0 ? defaultThreads() : threads,
                new DefaultThreadFactory(name, true), handlers);
    }

    /**
     * Event loops per group when none is asked for: one per available processor. Netty's own default
     * (two per processor) makes client and server loops, the sender and the log writer fight over
     * the cores of a small machine: more threads than cores only add context switches.
     */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Event loops per group when a generator and a server share one process (compare with its embedded
     * server): half the processors each, at least one, so that together they use each core once.
     */
    public static int sharedProcessThreads() {
        return Math.max(1, defaultThreads() / 2);
    }

    /** The client socket channel class for groups made by {@link #newGroup}. */
    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The server socket channel class for groups made by {@link #newGroup}. */
    public static Class<? extends ServerSocketChannel> serverSocketChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Which I/O the event loops use: {@code epoll} or {@code nio} (recorded with a run's environment). */
    public static String ioKind() {
        return EPOLL ? "epoll" : "nio";
    }

    /** Shuts a group down without a quiet period and waits up to five seconds for its threads. */
    public static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(6, TimeUnit.SECONDS);
    }
}
