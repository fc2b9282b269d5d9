package io.pushbench.core.driver.ssehttp2;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import io.pushbench.core.netty.WireCountingHandler;
import io.pushbench.core.driver.netty.NettyErrors;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One TCP connection of {@link NettySseHttp2Driver}, carrying many HTTP/2 streams. It connects,
 * for {@code https} negotiates TLS and insists on {@code h2} by ALPN, then runs Netty's HTTP/2
 * frame codec with one child channel per stream ({@link Http2MultiplexHandler}), which also sends
 * the WINDOW_UPDATEs for what each stream has read.
 *
 * <table>
 *   <caption>HTTP/2 settings the driver announces</caption>
 *   <tr><th>setting</th><th>value</th><th>why</th></tr>
 *   <tr><td>SETTINGS_INITIAL_WINDOW_SIZE</td><td>{@value #INITIAL_WINDOW_BYTES}</td><td>a stream can take a
 *       burst of events without waiting for a WINDOW_UPDATE round trip; the connection window is raised to
 *       twice that</td></tr>
 *   <tr><td>SETTINGS_ENABLE_PUSH</td><td>0</td><td>server push is not an event stream</td></tr>
 * </table>
 *
 * <p>Thread-safe: streams may be opened from any thread; everything else runs on the
 * connection's event loop.
 */
final class Http2ClientConnection {

    /** Receive window per stream, bytes. */
    static final int INITIAL_WINDOW_BYTES = 1024 * 1024;

    private final CompletableFuture<Channel> ready = new CompletableFuture<>();
    private final Channel channel;
    private volatile boolean acceptsStreams = true;
    private volatile DriverException failure;

    /**
     * Starts connecting; streams opened meanwhile wait until HTTP/2 is up.
     *
     * @param tls          client TLS context offering h2 by ALPN, or null for h2c with prior knowledge
     * @param onTcpConnect called once the TCP connection is made
     */
    Http2ClientConnection(Bootstrap bootstrap, Target target, SslContext tls, ChannelHandler wireCounter,
                          Runnable onTcpConnect) {
        ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ChannelPipeline p = ch.pipeline();
                p.addLast(WireCountingHandler.NAME, wireCounter);
                if (tls == null) {
                    addHttp2(p);
                } else {
                    p.addLast(tls.newHandler(ch.alloc(), target.uri().getHost(), target.port()));
                    p.addLast(new RequireH2());
                }
            }
        }).connect(target.uri().getHost(), target.port());
        this.channel = connect.channel();
        connect.addListener(f -> {
            if (f.isSuccess()) {
                onTcpConnect.run();
                if (tls == null) {
                    ready.complete(channel);
                }
            } else {
                fail(NettyErrors.connectFailure(target, f.cause()));
            }
        });
        channel.closeFuture().addListener(f -> {
            acceptsStreams = false;
            // Netty closes before it reports why (a TLS failure, say): let that reason be the one recorded.
            onLoop(() -> fail(new DriverException(ErrorKind.CLOSED_BY_SERVER, "the HTTP/2 connection closed")));
        });
    }

    private void addHttp2(ChannelPipeline p) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .initialWindowSize(INITIAL_WINDOW_BYTES)
                .pushEnabled(false);
        p.addLast(Http2FrameCodecBuilder.forClient().initialSettings(settings).build());
        // Push is off, so the server never opens a stream and this handler for its streams stays unused.
        p.addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
        p.addLast(new ConnectionEvents());
    }

    /** Whether new streams may go on this connection: not failed, closed or told to go away. */
    boolean acceptsStreams() {
        return acceptsStreams;
    }

    /** The event loop this connection and all its streams run on. */
    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** Why the connection failed or closed, or null while it is fine. */
    DriverException failure() {
        return failure;
    }

    /**
     * Opens a stream with {@code handler} in its pipeline once the connection is ready, on the
     * connection's event loop. If the connection or the stream cannot be had, {@code onFailure}
     * is told why, on that event loop.
     */
    void openStream(ChannelHandler handler, Consumer<DriverException> onFailure) {
        ready.whenComplete((parent, error) -> onLoop(() -> {
            if (error != null) {
                onFailure.accept(NettyErrors.asDriverException(error));
                return;
            }
            new Http2StreamChannelBootstrap(parent).handler(handler).open().addListener(f -> {
                if (!f.isSuccess()) {
                    onFailure.accept(new DriverException(ErrorKind.PROTOCOL, "cannot open an HTTP/2 stream: "
                            + f.cause().getMessage(), f.cause()));
                }
            });
        }));
    }

    /** Runs {@code task} later on the connection's event loop, unless the driver is shutting the loop down. */
    private void onLoop(Runnable task) {
        EventLoop loop = channel.eventLoop();
        if (!loop.isShuttingDown()) {
            loop.execute(task);
        }
    }

    /** Closes the connection and with it every stream on it. */
    void close() {
        channel.close();
    }

    private void fail(DriverException error) {
        acceptsStreams = false;
        if (failure == null) {
            failure = error;
        }
        ready.completeExceptionally(error);
    }

    /** After the TLS handshake: HTTP/2 if the server chose {@code h2} by ALPN, else a clear failure. */
    private final class RequireH2 extends ApplicationProtocolNegotiationHandler {
        RequireH2() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                addHttp2(ctx.pipeline());
                ready.complete(channel);
            } else {
                fail(new DriverException(ErrorKind.HANDSHAKE_FAILED, "the server did not choose h2 by ALPN (it chose "
                        + protocol + "): it does not serve HTTP/2 over TLS"));
                ctx.close();
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            fail(NettyErrors.ioFailure(cause));
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(NettyErrors.ioFailure(cause));
            ctx.close();
        }
    }

    /** The end of the connection's pipeline: GOAWAY stops new streams; an error closes the connection. */
    private final class ConnectionEvents extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2GoAwayFrame) {
                acceptsStreams = false;
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(NettyErrors.ioFailure(cause));
            ctx.close();
        }
    }
}
