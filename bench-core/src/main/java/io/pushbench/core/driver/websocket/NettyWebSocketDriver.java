package io.pushbench.core.driver.websocket;

import io.pushbench.core.driver.netty.NettyErrors;
import io.pushbench.core.driver.netty.NettyFutures;
import io.pushbench.core.driver.netty.NettyIo;
import io.pushbench.core.driver.netty.NettyTls;
import io.pushbench.core.driver.netty.WireCountingHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.lifecycle.ReconnectBackoff;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.driver.WireCounter;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket (RFC 6455) on Netty: the default {@link Transport#WEBSOCKET} driver.
 *
 * <p>The receive time is read at the top of the frame handler, on the event loop, right after
 * Netty's frame decoder (and, for fragmented messages, the aggregator) produced the text
 * frame: the only work before it is TCP read and frame parsing. No compression extension is
 * offered, so wire bytes are those of plain frames. Each connection pings every heartbeat
 * interval with its send time as payload and reports the pong's round trip.
 *
 * <p>A connection the server drops is reopened with exponential backoff, as WebSocket clients
 * do; the loss is reported as {@link ErrorKind#CLOSED_BY_SERVER} and the recovery as
 * {@link ConnectionListener#onReconnect}. WebSocket has no resume: messages sent while the
 * connection was down are lost, and counted so.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>largest message (after aggregating fragments)</td><td>{@value #MAX_MESSAGE_BYTES} bytes</td></tr>
 *   <tr><td>handshake timeout</td><td>{@value #HANDSHAKE_TIMEOUT_MILLIS} ms</td></tr>
 *   <tr><td>reconnect backoff</td><td>{@value ReconnectBackoff#FIRST_MILLIS} ms, doubling up to {@value ReconnectBackoff#MAX_MILLIS} ms</td></tr>
 * </table>
 */
public final class NettyWebSocketDriver implements TransportDriver {

    /** Largest message accepted, after fragments are joined: 16 MiB. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** How long the upgrade may take before the connection counts as failed. */
    public static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final EventLoopGroup group;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final WireCounter wire = new WireCounter();
    private final WireCountingHandler wireHandler = new WireCountingHandler(wire);
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicLong tcpConnections = new AtomicLong();
    private final long heartbeatNanos;
    private final DriverOptions options;
    private final NettyTls tls;
    private volatile boolean closed;

    /** A driver with the given I/O threads (0 for Netty's default) and the default heartbeat. */
    public NettyWebSocketDriver(int ioThreads) {
        this(new DriverOptions(ioThreads, 0));
    }

    /**
     * A driver with {@link DriverOptions#ioThreads()} event loops that pings every
     * {@link DriverOptions#heartbeatInterval()}, checks certificates as {@link DriverOptions#trust()} says
     * and binds connections to {@link DriverOptions#localAddresses()} in turn.
     *
     */
    public NettyWebSocketDriver(DriverOptions options) {
        this.options = options;
        this.tls = NettyTls.of(options.trust());
        this.heartbeatNanos = options.heartbeatInterval().toNanos();
        this.group = NettyIo.newGroup("ws-client", options.ioThreads());
    }

    @Override
    public Transport transport() {
        return Transport.WEBSOCKET;
    }

    @Override
    public ClientStack stack() {
        return ClientStack.NETTY;
    }

    @Override
    public CompletableFuture<PushConnection> connect(Target target, ConnectionListener listener) {
        WsConnection connection = new WsConnection(nextId.getAndIncrement(), target, listener);
        connection.open();
        return connection.opened;
    }

    @Override
    public WireCounter wire() {
        return wire;
    }

    @Override
    public long tcpConnectionsOpened() {
        return tcpConnections.get();
    }

    @Override
    public void close() {
        closed = true;
        channels.close().awaitUninterruptibly();
        NettyIo.shutdown(group);
    }

    /** One logical connection: survives the TCP connections under it being dropped and reopened. */
    private final class WsConnection implements PushConnection {

        private final int id;
        private final Target target;
        private final ConnectionListener listener;
        private final WebSocketClientProtocolConfig config;
        private final CompletableFuture<PushConnection> opened = new CompletableFuture<>();
        private volatile Channel channel;
        private volatile boolean closedByUs;
        private boolean closeReported;
        private long attemptStartNanos;
        private long lostAtNanos;
        private final ReconnectBackoff backoff = new ReconnectBackoff();

        WsConnection(int id, Target target, ConnectionListener listener) {
            this.id = id;
            this.target = target;
            this.listener = listener;
            this.config = WebSocketClientProtocolConfig.newBuilder()
                    .webSocketUri(target.uri())
                    .customHeaders(headersOf(target))
                    .maxFramePayloadLength(MAX_MESSAGE_BYTES)
                    .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                    .dropPongFrames(false)
                    .build();
        }

        /** Opens a TCP connection and upgrades it; the first time, and after each loss. */
        void open() {
            attemptStartNanos = System.nanoTime();
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ChannelPipeline p = ch.pipeline();
                            p.addLast(WireCountingHandler.NAME, wireHandler);
                            tls.addClientHandlerIfSecure(ch, target);
                            p.addLast(new HttpClientCodec());
                            p.addLast(new HttpObjectAggregator(64 * 1024));
                            p.addLast(new WebSocketClientProtocolHandler(config));
                            p.addLast(new WebSocketFrameAggregator(MAX_MESSAGE_BYTES));
                            p.addLast(new FrameHandler(WsConnection.this));
                        }
                    });
            InetSocketAddress local = options.localAddressFor(id);
            if (local != null) {
                bootstrap.localAddress(local);
            }
            bootstrap.connect(target.uri().getHost(), target.port()).addListener(f -> {
                if (f.isSuccess()) {
                    tcpConnections.incrementAndGet();
                    channel = ((ChannelFuture) f).channel();
                    channels.add(channel);
                } else {
                    failAttempt(NettyErrors.connectFailure(target, f.cause()));
                }
            });
        }

        void handshakeComplete(ChannelHandlerContext ctx) {
            long now = System.nanoTime();
            backoff.reset();
            if (opened.isDone()) {
                listener.onReconnect(this, now - lostAtNanos);
            } else {
                listener.onOpen(this, now - attemptStartNanos);
                opened.complete(this);
            }
            ctx.executor().schedule(() -> ping(ctx), heartbeatNanos, TimeUnit.NANOSECONDS);
        }

        /** An attempt failed before the connection could receive. */
        void failAttempt(DriverException error) {
            listener.onError(this, error);
            if (!opened.isDone()) {
                opened.completeExceptionally(error);
                reportClose();
            } else {
                scheduleReconnect();
            }
        }

        /** The TCP connection under an open connection went away. */
        void lost(boolean wasOpen) {
            if (closedByUs || closed || opened.isCompletedExceptionally()) {
                reportClose();
                return;
            }
            if (!opened.isDone()) {
                failAttempt(new DriverException(ErrorKind.HANDSHAKE_FAILED,
                        "connection closed before the WebSocket handshake completed"));
                return;
            }
            if (wasOpen) {
                lostAtNanos = System.nanoTime();
                listener.onError(this, new DriverException(ErrorKind.CLOSED_BY_SERVER,
                        "the server closed the WebSocket connection"));
            }
            scheduleReconnect();
        }

        private void scheduleReconnect() {
            if (closedByUs || closed) {
                reportClose();
                return;
            }
            long delay = backoff.nextDelayMillis();
            group.next().schedule(this::open, delay, TimeUnit.MILLISECONDS);
        }

        private void reportClose() {
            if (!closeReported) {
                closeReported = true;
                listener.onClose(this);
            }
        }

        /** Sends a ping carrying its send time; the pong echoes it back (RFC 6455 5.5.3). */
        private void ping(ChannelHandlerContext ctx) {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(new PingWebSocketFrame(ctx.alloc().buffer(Long.BYTES).writeLong(System.nanoTime())));
                ctx.executor().schedule(() -> ping(ctx), heartbeatNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public CompletableFuture<Void> send(String message) {
            Channel ch = channel;
            if (ch == null || !ch.isActive()) {
                return CompletableFuture.failedFuture(new DriverException(ErrorKind.IO, "connection is not open"));
            }
            return NettyFutures.toCompletable(ch.writeAndFlush(new TextWebSocketFrame(message)));
        }

        @Override
        public boolean isOpen() {
            Channel ch = channel;
            return ch != null && ch.isActive() && opened.isDone() && !opened.isCompletedExceptionally();
        }

        @Override
        public void close() {
            closedByUs = true;
            Channel ch = channel;
            if (ch != null && ch.isActive()) {
                ch.writeAndFlush(new CloseWebSocketFrame()).addListener(f -> ch.close());
            } else if (ch == null || !ch.isActive()) {
                group.next().execute(this::reportClose);
            }
        }
    }

    /** The frames of one TCP connection, handed to its {@link WsConnection}. */
    private static final class FrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

        private final WsConnection connection;
        private boolean handshaken;

        FrameHandler(WsConnection connection) {
            this.connection = connection;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            long receivedNanos = System.nanoTime();
            if (frame instanceof TextWebSocketFrame text) {
                connection.listener.onMessage(connection, text.text(), receivedNanos);
            } else if (frame instanceof PongWebSocketFrame pong && pong.content().readableBytes() == Long.BYTES) {
                connection.listener.onHeartbeat(connection,
                        receivedNanos - pong.content().getLong(pong.content().readerIndex()));
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshaken = true;
                connection.handshakeComplete(ctx);
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                connection.listener.onError(connection, new DriverException(ErrorKind.TIMEOUT,
                        "WebSocket handshake timed out after " + HANDSHAKE_TIMEOUT_MILLIS + " ms"));
                ctx.close();
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            DriverException error = cause instanceof WebSocketClientHandshakeException handshake
                    ? NettyErrors.handshakeFailure(handshake)
                    : NettyErrors.ioFailure(cause);
            connection.listener.onError(connection, error);
            if (!connection.opened.isDone()) {
                connection.opened.completeExceptionally(error);
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            connection.lost(handshaken);
            super.channelInactive(ctx);
        }
    }

    private static HttpHeaders headersOf(Target target) {
        HttpHeaders headers = new DefaultHttpHeaders();
        target.headers().forEach(headers::add);
        return headers;
    }
}
