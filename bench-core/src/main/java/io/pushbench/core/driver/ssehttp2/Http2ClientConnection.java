package io.pushbench.core.driver.ssehttp2;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import io.pushbench.core.netty.WireCountingHandler;
import io.pushbench.core.driver.netty.NettyErrors;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One TCP connection of {@link NettySseHttp2Driver}, carrying many HTTP/2 streams. It connects,
 * for {@code https} negotiates TLS and insists on {@code h2} by ALPN, then speaks HTTP/2 through an
 * {@link Http2ClientHandler}, which hands each stream's frames to that stream's
 * {@link Http2StreamEvents}. It is ready for streams once the server's first SETTINGS frame
 * arrived, so that its SETTINGS_MAX_CONCURRENT_STREAMS is known before any stream is opened; that
 * and every later change, GOAWAY and the connection's end are told to its {@link Events} (the
 * pool), which decides how many streams go on it.
 *
 * <p>Thread-safe: streams may be opened from any thread; everything else runs on the
 * connection's event loop.
 */
final class Http2ClientConnection {

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

    private final CompletableFuture<Http2ClientHandler> ready = new CompletableFuture<>();
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
        ConnectionEvents connectionEvents = new ConnectionEvents();
        connectionEvents.http2 = Http2ClientHandler.create(connectionEvents);
        p.addLast(connectionEvents.http2);
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
     * Opens a stream for {@code stream} once the connection is ready, on the connection's event
     * loop. If the stream cannot be had, {@code onFailure} is told why on that event loop; if the
     * connection failed before it was ready, on the thread that learnt it. Whatever goes wrong on the
     * way is told to {@code onFailure}: an exception thrown inside {@code whenComplete} or an event-loop
     * task would otherwise be dropped, and the stream would wait for ever.
     */
    void openStream(Http2StreamEvents stream, Consumer<DriverException> onFailure) {
        ready.whenComplete((http2, error) -> {
            if (error != null) {
                onFailure.accept(NettyErrors.asDriverException(error));
                return;
            }
            // Not onLoop(), which drops a task on a loop that is shutting down: this stream must hear of it.
            try {
                channel.eventLoop().execute(() -> open(http2, stream, onFailure));
            } catch (RejectedExecutionException e) {
                onFailure.accept(Http2ConnectionPool.clientClosed());
            }
        });
    }

    /** On the connection's event loop: opens {@code stream}, or tells {@code onFailure} why it cannot be. */
    private void open(Http2ClientHandler http2, Http2StreamEvents stream, Consumer<DriverException> onFailure) {
        if (!channel.isActive()) {
            DriverException lost = failure;
            onFailure.accept(lost != null ? lost : new DriverException(ErrorKind.CLOSED_BY_SERVER,
                    "the HTTP/2 connection to " + origin() + " closed"));
            return;
        }
        try {
            http2.open(stream);
        } catch (Http2Exception e) {
            onFailure.accept(new DriverException(ErrorKind.PROTOCOL, "cannot open an HTTP/2 stream: "
                    + e.getMessage(), e));
        } catch (RuntimeException e) {
            onFailure.accept(NettyErrors.asDriverException(e));
        }
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
     * What the connection's HTTP/2 handler tells: SETTINGS make it ready and set how many streams it
     * takes, GOAWAY stops new streams, an error is why it closes.
     */
    private final class ConnectionEvents implements Http2ClientHandler.ConnectionEvents {
        /** The handler these events come from, which streams are opened on. */
        private Http2ClientHandler http2;

        @Override
        public void settingsRead(int maxStreams) {
            ready.complete(http2);
            events.onMaxStreams(Http2ClientConnection.this, maxStreams);
        }

        @Override
        public void goAwayRead(Http2Error error) {
            acceptsStreams = false;
            events.onGoAway(Http2ClientConnection.this, error);
        }

        @Override
        public void connectionError(Throwable cause) {
            fail(Http2Failures.connectionFailure(cause, tls == null));
        }
    }
}
