package io.pushbench.server.websocket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.pushbench.server.Hub;
import io.pushbench.server.Paths;
import io.pushbench.server.ServerContext;
import io.pushbench.server.ServerStats;

import java.util.concurrent.TimeUnit;

/**
 * The WebSocket endpoints: {@link Paths#WS_BROADCAST} (subscribe; frames sent up are broadcast)
 * and {@link Paths#WS_ECHO} (each frame returned to its sender). Upgrades a routed HTTP/1.1
 * request in place: the protocol handler answers the handshake and the endpoint handler takes
 * the frames.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>largest message, fragments joined</td><td>the server's maxMessageBytes; larger closes with 1009</td></tr>
 *   <tr><td>handshake timeout</td><td>{@value #HANDSHAKE_TIMEOUT_MILLIS} ms</td></tr>
 *   <tr><td>ping after writing nothing for</td><td>the server's heartbeat interval (default 15 s)</td></tr>
 * </table>
 */
public final class WebSocketEndpoints {

    /** How long a client may take to complete the upgrade. */
    public static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final Hub hub;
    private final ServerStats stats;
    private final int maxMessageBytes;
    private final WebSocketBroadcast broadcast;
    private final long heartbeatNanos;
    private final boolean compression;

    public WebSocketEndpoints(ServerContext context) {
        this.hub = context.hub();
        this.stats = context.stats();
        this.maxMessageBytes = context.maxMessageBytes();
        this.broadcast = new WebSocketBroadcast(context.mailboxes(), stats);
        this.heartbeatNanos = context.heartbeatInterval().toNanos();
        this.compression = context.webSocketCompression();
        hub.addListener(broadcast);
    }

    /** Whether {@code path} is a WebSocket endpoint. */
    public boolean handles(String path) {
        return Paths.WS_BROADCAST.equals(path) || Paths.WS_ECHO.equals(path);
    }

    /**
     * Installs the WebSocket protocol for {@code path} after the router and hands it the upgrade
     * request; the router removes itself. Takes ownership of {@code request}.
     */
    public void upgrade(ChannelHandlerContext router, FullHttpRequest request, String path) {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .checkStartsWith(true)
                .maxFramePayloadLength(maxMessageBytes)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(maxMessageBytes)
                        .allowExtensions(compression).build())
                .build();
        ChannelPipeline p = router.pipeline();
        String at = router.name();
        p.addAfter(at, "ws-endpoint", Paths.WS_ECHO.equals(path)
                ? new WebSocketEchoHandler(stats)
                : new WebSocketSubscriberHandler(broadcast, hub, stats));
        p.addAfter(at, "ws-aggregator", new WebSocketFrameAggregator(maxMessageBytes));
        p.addAfter(at, "ws-heartbeat", new WebSocketHeartbeat());
        p.addAfter(at, "ws-idle", new IdleStateHandler(0, heartbeatNanos, 0, TimeUnit.NANOSECONDS));
        p.addAfter(at, "ws-protocol", new WebSocketServerProtocolHandler(config));
        if (compression) {
            // Before the protocol handler: it sees the offer in the upgrade request and answers it in the response.
            p.addAfter(at, "ws-compression", new WebSocketServerCompressionHandler(maxMessageBytes));
        }
        router.fireChannelRead(request);
        p.remove(router.handler());
    }
}
