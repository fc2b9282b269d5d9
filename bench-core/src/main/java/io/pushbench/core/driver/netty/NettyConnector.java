package io.pushbench.core.driver.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Target;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.netty.WireCountingHandler;
import io.pushbench.core.record.WireCounter;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The TCP side of one Netty HTTP/1.1 driver: its event loops, its connects, the bytes they move,
 * the POSTs of its sends, and the channels left open when it closes. Every channel's pipeline starts with the
 * {@link WireCountingHandler} (below TLS, so that TLS records count) and, for {@code wss://} and
 * {@code https://} targets, TLS; the transport's handlers follow.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>connect timeout</td><td>{@value #CONNECT_TIMEOUT_MILLIS} ms</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class NettyConnector implements AutoCloseable {

    /** How long a TCP connect may take. */
    public static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final EventLoopGroup group;
    private final List<EventLoop> loops = new ArrayList<>();
    private final DriverOptions options;
    private final NettyTls tls;
    private final WireCounter wire;
    private final WireCountingHandler wireHandler;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile NettyHttpPoster poster;

    /**
     * @param name    the prefix of the event-loop threads' names
     * @param options {@link DriverOptions#ioThreads()} event loops (0 for Netty's default), the
     *                {@link DriverOptions#trust() trust} for TLS, the {@link DriverOptions#localAddresses() source addresses}
     * @param wire    counts the bytes and TCP connections of every channel it opens
     */
    public NettyConnector(String name, DriverOptions options, WireCounter wire) {
        this.options = options;
        this.wire = wire;
        this.wireHandler = new WireCountingHandler(wire);
        this.tls = NettyTls.of(options.trust());
        this.group = NettyIo.newGroup(name, options.ioThreads());
        for (EventExecutor executor : group) {
            loops.add((EventLoop) executor);
        }
    }

    /**
     * The POSTs of the HTTP transports' sends, on the same event loops and counted by the same
     * counter; made on first use.
     */
    public NettyHttpPoster poster() {
        NettyHttpPoster p = poster;
        if (p == null) {
            synchronized (this) {
                p = poster;
                if (p == null) {
                    p = new NettyHttpPoster(group, wire, options.trust());
                    poster = p;
                }
            }
        }
        return p;
    }

    /** The event loops every channel of this connector runs on: for probes that measure their lag. */
    public Iterable<? extends ScheduledExecutorService> loops() {
        return group;
    }

    /**
     * The event loop of connection {@code connectionId}, round robin: every TCP connection it opens,
     * and its timers, run there, so its events come from one thread.
     */
    public EventLoop loopFor(int connectionId) {
        return loops.get(Math.floorMod(connectionId, loops.size()));
    }

    /**
     * Connects to {@code target} on {@code loop}, from the source address of {@code connectionId}.
     *
     * @param handlers the transport's handlers, after wire counting and TLS (a {@link ChannelInitializer} for several)
     * @return the connect's future: failed if the connect failed, or if the channel was closed before it connected
     */
    public ChannelFuture connect(EventLoop loop, Target target, int connectionId, ChannelHandler handlers) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NettyIo.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(WireCountingHandler.NAME, wireHandler);
                        tls.addClientHandlerIfSecure(ch, target);
                        ch.pipeline().addLast(handlers);
                    }
                });
        InetSocketAddress local = options.localAddressFor(connectionId);
        if (local != null) {
            bootstrap.localAddress(local);
        }
        ChannelFuture connect = bootstrap.connect(target.uri().getHost(), target.port());
        connect.addListener(f -> {
            if (f.isSuccess()) {
                wire.connectionOpened();
                channels.add(connect.channel());
            }
        });
        return connect;
    }

    /** Closes every channel still open and the POSTs' connections, then stops the event loops and waits for them. */
    @Override
    public void close() {
        channels.close().awaitUninterruptibly();
        NettyHttpPoster p = poster;
        if (p != null) {
            p.close();
        }
        NettyIo.shutdown(group);
    }
}
