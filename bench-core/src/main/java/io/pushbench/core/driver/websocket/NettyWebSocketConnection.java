package io.pushbench.core.driver.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.OnOpenMessage;
import io.pushbench.core.driver.ProtocolOptions;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.lifecycle.ReconnectPolicy;
import io.pushbench.core.driver.netty.NettyConnection;
import io.pushbench.core.driver.netty.NettyConnector;
import io.pushbench.core.driver.netty.NettyFutures;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection of {@link NettyWebSocketDriver}: each attempt is a TCP connection and an
 * upgrade; a loss is reopened with {@link ReconnectPolicy#backoff}. While open it pings every
 * heartbeat interval with its send time as payload.
 *
 * <p>Thread-safe.
 */
final class NettyWebSocketConnection extends NettyConnection {

    private final WebSocketClientProtocolConfig config;
    private final long heartbeatNanos;
    /** The message sent after each handshake, or null. */
    private final OnOpenMessage onOpen;
    /** Whether permessage-deflate is offered: then Netty's own decoder and its compression handler read the frames. */
    private final boolean compression;
    /** Whether envelopes go out in binary frames. */
    private final boolean binary;

    /** @param protocol the on-open message, permessage-deflate and binary frames, as asked for */
    NettyWebSocketConnection(int id, Target target, ConnectionListener listener, NettyConnector connector,
                             long heartbeatNanos, ProtocolOptions protocol) {
        super(id, target, listener, connector, ReconnectPolicy.backoff(connector.loopFor(id)));
        this.heartbeatNanos = heartbeatNanos;
        this.onOpen = protocol.onOpen();
        this.compression = protocol.webSocketCompression();
        this.binary = protocol.binary();
        this.config = WebSocketClientProtocolConfig.newBuilder()
                .allowExtensions(compression)
                .webSocketUri(target.uri())
                .customHeaders(headersOf(target))
                .maxFramePayloadLength(NettyWebSocketDriver.MAX_MESSAGE_BYTES)
                .handshakeTimeoutMillis(NettyWebSocketDriver.HANDSHAKE_TIMEOUT_MILLIS)
                .dropPongFrames(false)
                .build();
    }

    @Override
    protected ChannelHandler handlers() {
        return new WebSocketClientInitializer(config, this, listener(), compression);
    }

    /**
     * The upgrade completed on {@code ctx}'s channel: sends the on-open message, if any (before any
     * envelope, as a subscribe frame must be), and the connection can receive.
     */
    void handshakeComplete(ChannelHandlerContext ctx) {
        if (onOpen != null) {
            ctx.writeAndFlush(new TextWebSocketFrame(onOpen.forConnection(id())), ctx.voidPromise());
        }
        receiving();
        ctx.executor().schedule(() -> ping(ctx), heartbeatNanos, TimeUnit.NANOSECONDS);
    }

    /** A text or binary message arrived. */
    void message(CharSequence text, long receivedNanos) {
        listener().onMessage(this, text, receivedNanos);
    }

    /** A pong answered a ping sent {@code roundTripNanos} ago. */
    void pong(long roundTripNanos) {
        listener().onHeartbeat(this, roundTripNanos);
    }

    /** The channel failed; it is being closed. */
    void failed(DriverException error) {
        attemptFailed(error);
    }

    /** The channel closed. */
    void channelClosed(boolean handshaken) {
        attemptEnded(handshaken
                ? new DriverException(ErrorKind.CLOSED_BY_SERVER, "the server closed the WebSocket connection")
                : new DriverException(ErrorKind.HANDSHAKE_FAILED,
                        "connection closed before the WebSocket handshake completed"));
    }

    /** Sends a ping carrying its send time; the pong echoes it back (RFC 6455 5.5.3). */
    private void ping(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new PingWebSocketFrame(ctx.alloc().buffer(Long.BYTES).writeLong(System.nanoTime())));
            ctx.executor().schedule(() -> ping(ctx), heartbeatNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public CompletableFuture<Void> send(String message) {
        Channel ch = channel();
        if (ch == null || !ch.isActive() || !isOpen()) {
            return CompletableFuture.failedFuture(new DriverException(ErrorKind.IO, "connection is not open"));
        }
        ByteBuf payload = ByteBufUtil.writeUtf8(ch.alloc(), message);
        return NettyFutures.toCompletable(ch.writeAndFlush(envelopeFrame(payload)));
    }

    /**
     * Encodes the text straight into a pooled buffer (the envelope is ASCII) and, on the channel's own
     * event loop, leaves it for {@link #flush}; from another thread it is flushed at once, as a write
     * from there is a task on the loop anyway. A connection that is not open drops it: the message
     * counts as lost, as with {@link #send}.
     */
    @Override
    public void write(CharSequence message) {
        Channel ch = channel();
        if (ch == null || !ch.isActive()) {
            return;
        }
        ByteBuf payload = ByteBufUtil.writeAscii(ch.alloc(), message);
        WebSocketFrame frame = envelopeFrame(payload);
        if (ch.eventLoop().inEventLoop()) {
            ch.write(frame, ch.voidPromise());
        } else {
            ch.writeAndFlush(frame, ch.voidPromise());
        }
    }

    @Override
    public void flush() {
        Channel ch = channel();
        if (ch != null && ch.eventLoop().inEventLoop()) {
            ch.flush();
        }
    }

    /** The event loop every attempt of this connection runs on, so the sender's timers for it run there too. */
    @Override
    public ScheduledExecutorService ioExecutor() {
        return loop();
    }

    /** An envelope's frame: binary with {@code --binary}, else text. */
    private WebSocketFrame envelopeFrame(ByteBuf payload) {
        return binary ? new BinaryWebSocketFrame(payload) : new TextWebSocketFrame(payload);
    }

    /** Says goodbye with a close frame when the upgrade is done (RFC 6455 5.5.1), then closes. */
    @Override
    protected void closeChannel(Channel ch) {
        if (ch.isActive() && isHandshaken(ch)) {
            ch.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }

    private static boolean isHandshaken(Channel ch) {
        WebSocketFrameHandler frames = ch.pipeline().get(WebSocketFrameHandler.class);
        return frames != null && frames.handshaken();
    }

    private static HttpHeaders headersOf(Target target) {
        HttpHeaders headers = new DefaultHttpHeaders();
        target.headers().forEach(headers::add);
        return headers;
    }
}
