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
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One TCP connection of {@link NettySseHttp2Driver}, carrying many HTTP/2 streams. It connects,
 * for {@code https} negotiates TLS and insists on {@code h2} by ALPN, then runs Netty's HTTP/2
 * frame codec with one child channel per stream ({@link Http2MultiplexHandler}), which also sends
 * the WINDOW_UPDATEs for what each stream has read. It is ready for streams once the server's
 * first SETTINGS frame arrived, so that its SETTINGS_MAX_CONCURRENT_STREAMS is known before any
 * stream is opened; that and every later change, GOAWAY and the connection's end are told to its
 * {@link Events} (the pool), which decides how many streams go on it.
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
    /** How long the server's first SETTINGS frame may take after the TCP connect (TLS included), ms. */
    static final long SETTINGS_TIMEOUT_MILLIS = 10_000;

    /**
     * What the pool hears of a connection, on the connection's event loop: each once, except
     * {@link #onMaxStreams}, which follows every SETTINGS frame.
     */
    interface Events {
        /**
         * The server's SETTINGS arrived (the first one makes the connection ready).
         *
         * @param maxStreams the streams the client may have open at once: the server's
         *                   SETTINGS_MAX_CONCURRENT_STREAMS as the codec enforces it, {@link Integer#MAX_VALUE} without one
         */
        void onMaxStreams(Http2ClientConnection connection, int maxStreams);

        /** The server sent GOAWAY: no new streams; those it accepted go on. */
        void onGoAway(Http2ClientConnection connection, Http2Error error);

        /** The connection failed or closed; {@link #failure()} says why. */
        void onEnded(Http2ClientConnection connection);
    }

    private final CompletableFuture<Channel> ready = new CompletableFuture<>();
    private final Bootstrap bootstrap;
    private final Target target;
    private final SslContext tls;
    private final ChannelHandler wireCounter;
    private final Runnable onTcpConnect;
    private final Events events;
    private volatile Channel channel;
    private volatile boolean acceptsStreams = true;
    private volatile DriverException failure;
    private boolean ended;
    private Http2FrameCodec codec;

    /**
     * A connection not yet connecting: {@link #start()} connects, so that the pool can hold it before
     * any of its events can arrive.
     *
     * @param tls          client TLS context offering h2 by ALPN, or null for h2c with prior knowledge
     * @param onTcpConnect called once the TCP connection is made
     * @param events       told of its SETTINGS, GOAWAY and end
     */
    Http2ClientConnection(Bootstrap bootstrap, Target target, SslContext tls, ChannelHandler wireCounter,
                          Runnable onTcpConnect, Events events) {
        this.bootstrap = bootstrap;
        this.target = target;
        this.tls = tls;
        this.wireCounter = wireCounter;
        this.onTcpConnect = onTcpConnect;
        this.events = events;
    }

    /** Starts connecting; streams wait until the server's SETTINGS arrived. Called once. */
    void start() {
        ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                // Known here, before the connect begins: the server's SETTINGS (and the pool's close) can
                // come before connect() below returns to the thread that called start().
                channel = ch;
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
        Channel ch = connect.channel();
        this.channel = ch;
        connect.addListener(f -> {
            if (f.isSuccess()) {
                onTcpConnect.run();
                ch.eventLoop().schedule(() -> {
                    if (!ready.isDone()) {
                        fail(new DriverException(ErrorKind.TIMEOUT, "no HTTP/2 SETTINGS from " + origin() + " within "
                                + SETTINGS_TIMEOUT_MILLIS + " ms of connecting: does it speak HTTP/2"
                                + (tls == null ? " with prior knowledge (h2c)?" : "?")));
                        ch.close();
                    }
                }, SETTINGS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                fail(NettyErrors.connectFailure(target, f.cause()));
                ended();
            }
        });
        ch.closeFuture().addListener(f -> {
            acceptsStreams = false;
            // Netty closes before it reports why (a TLS failure, say): let that reason be the one recorded.
            onLoop(ch, () -> {
                fail(new DriverException(ErrorKind.CLOSED_BY_SERVER, "the HTTP/2 connection to " + origin()
                        + " closed"));
                ended();
            });
        });
    }

    private String origin() {
        return target.uri().getHost() + ":" + target.port();
    }

    /** Tells the pool once that the connection is gone. */
    private void ended() {
        boolean first;
        synchronized (this) {
            first = !ended;
            ended = true;
        }
        if (first) {
            events.onEnded(this);
        }
    }

    private void addHttp2(ChannelPipeline p) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .initialWindowSize(INITIAL_WINDOW_BYTES)
                .pushEnabled(false);
        codec = Http2FrameCodecBuilder.forClient().initialSettings(settings).build();
        p.addLast(codec);
        // Push is off, so the server never opens a stream and this handler for its streams stays unused.
        p.addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
        p.addLast(new ConnectionEvents());
    }

    /** Whether new streams may go on this connection: not failed, closed or told to go away. */
    boolean acceptsStreams() {
        return acceptsStreams;
    }


    /** Why the connection failed or closed, or null while it is fine. */
    DriverException failure() {
        return failure;
    }

    /**
     * Opens a stream with {@code handler} in its pipeline once the connection is ready, on the
     * connection's event loop. If the stream cannot be had, {@code onFailure} is told why on that
     * event loop; if the connection failed before it was ready, on the thread that learnt it.
     */
    void openStream(ChannelHandler handler, Consumer<DriverException> onFailure) {
        ready.whenComplete((parent, error) -> {
            if (error != null) {
                onFailure.accept(NettyErrors.asDriverException(error));
                return;
            }
            onLoop(parent, () -> new Http2StreamChannelBootstrap(parent).handler(handler).open().addListener(f -> {
                if (!f.isSuccess()) {
                    onFailure.accept(new DriverException(ErrorKind.PROTOCOL, "cannot open an HTTP/2 stream: "
                            + f.cause().getMessage(), f.cause()));
                }
            }));
        });
    }

    /** Runs {@code task} later on {@code ch}'s event loop, unless the driver is shutting the loop down. */
    private static void onLoop(Channel ch, Runnable task) {
        EventLoop loop = ch.eventLoop();
        if (!loop.isShuttingDown()) {
            loop.execute(task);
        }
    }

    /** Closes the connection and with it every stream on it; nothing if it never started. */
    void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
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

    /**
     * The end of the connection's pipeline: SETTINGS make it ready and set how many streams it takes,
     * GOAWAY stops new streams, an error closes the connection.
     */
    private final class ConnectionEvents extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2SettingsFrame) {
                    // The codec applied the settings before passing them on: its limit is the one it enforces.
                    int maxStreams = codec.connection().local().maxActiveStreams();
                    ready.complete(ctx.channel());
                    events.onMaxStreams(Http2ClientConnection.this, maxStreams);
                } else if (msg instanceof Http2GoAwayFrame goAway) {
                    acceptsStreams = false;
                    events.onGoAway(Http2ClientConnection.this, Http2Error.valueOf(goAway.errorCode()));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(Http2Failures.connectionFailure(cause, tls == null));
            ctx.close();
        }
    }
}
