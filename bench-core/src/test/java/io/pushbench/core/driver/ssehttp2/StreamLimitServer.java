package io.pushbench.core.driver.ssehttp2;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2SettingsFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsAckFrame;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import io.pushbench.core.netty.NettyIo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP/2 server (Netty's codec, h2c with prior knowledge on 127.0.0.1) that announces a
 * low SETTINGS_MAX_CONCURRENT_STREAMS and can change it or send GOAWAY, for testing that clients
 * stay within it. Every request is answered with a {@code 200 text/event-stream} that stays open
 * (one comment line, then nothing). It counts connections, and per connection the streams open
 * and the most ever open at once; it can refuse the next streams (RST_STREAM REFUSED_STREAM); acknowledgements of its SETTINGS and PINGs tell a test that the
 * client has read what came before them.
 *
 * <p>Thread-safe; counters are read from the test thread.
 */
final class StreamLimitServer implements AutoCloseable {

    private final EventLoopGroup group = NettyIo.newGroup("h2-limit-server", 1);
    private final Channel listener;
    private final Map<Channel, Streams> connections = new ConcurrentHashMap<>();
    private final AtomicInteger settingsAcks = new AtomicInteger();
    private final AtomicInteger pingAcks = new AtomicInteger();
    private final AtomicInteger toRefuse = new AtomicInteger();

    /** Streams open on one connection now, and the most ever open at once. */
    static final class Streams {
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
    }

    /** @param maxStreams the SETTINGS_MAX_CONCURRENT_STREAMS announced on every connection */
    StreamLimitServer(int maxStreams) throws InterruptedException {
        listener = new ServerBootstrap().group(group).channel(NettyIo.serverSocketChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        Streams streams = new Streams();
                        connections.put(ch, streams);
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forServer()
                                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(maxStreams))
                                .build());
                        ch.pipeline().addLast(new Http2MultiplexHandler(new EventStream(streams, toRefuse)));
                        ch.pipeline().addLast(new Acks());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** TCP connections accepted so far. */
    int connections() {
        return connections.size();
    }

    /** Each connection's stream counts, in no particular order. */
    List<Streams> streams() {
        return List.copyOf(connections.values());
    }

    /** Announces a new SETTINGS_MAX_CONCURRENT_STREAMS on every connection. */
    void announce(int maxStreams) {
        connections.keySet().forEach(ch -> ch.writeAndFlush(new DefaultHttp2SettingsFrame(
                new Http2Settings().maxConcurrentStreams(maxStreams))));
    }

    /** Sends GOAWAY (keeping the streams open so far) and then a PING on every connection. */
    void goAway() {
        connections.keySet().forEach(ch -> {
            ch.write(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
            ch.writeAndFlush(new DefaultHttp2PingFrame(1));
        });
    }

    /** Resets the next {@code streams} requests with REFUSED_STREAM instead of answering them. */
    void refuseNext(int streams) {
        toRefuse.set(streams);
    }

    /** SETTINGS acknowledged by clients, after the first (initial) one of each connection. */
    int settingsAcks() {
        return settingsAcks.get();
    }

    /** PINGs answered by clients. */
    int pingAcks() {
        return pingAcks.get();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        NettyIo.shutdown(group);
    }

    /** One stream: answers its request with an open event stream, counted while it lasts. */
    @ChannelHandler.Sharable
    private static final class EventStream extends ChannelInboundHandlerAdapter {
        private final Streams streams;
        private final AtomicInteger toRefuse;

        EventStream(Streams streams, AtomicInteger toRefuse) {
            this.streams = streams;
            this.toRefuse = toRefuse;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            int open = streams.open.incrementAndGet();
            streams.most.accumulateAndGet(open, Math::max);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame && toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM));
                } else if (msg instanceof Http2HeadersFrame) {
                    ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                            .set("content-type", "text/event-stream")));
                    ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.copiedBuffer(": open\n\n", CharsetUtil.UTF_8)));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            streams.open.decrementAndGet();
            ctx.fireChannelInactive();
        }
    }

    /** Counts the clients' acknowledgements on a connection. */
    private final class Acks extends ChannelInboundHandlerAdapter {
        private boolean initialAcked;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2SettingsAckFrame) {
                if (initialAcked) {
                    settingsAcks.incrementAndGet();
                }
                initialAcked = true;
            } else if (msg instanceof Http2PingFrame ping && ping.ack()) {
                pingAcks.incrementAndGet();
            }
            ReferenceCountUtil.release(msg);
        }
    }
}
