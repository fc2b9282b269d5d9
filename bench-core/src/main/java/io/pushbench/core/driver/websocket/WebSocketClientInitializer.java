package io.pushbench.core.driver.websocket;

import io.pushbench.core.driver.ConnectionListener;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;

/**
 * The WebSocket part of a TCP connection's pipeline, in the order bytes come up: HTTP for the
 * upgrade, the WebSocket protocol handler (handshake, frame codec, close and ping handling), the
 * aggregator that joins fragments, and the {@link WebSocketFrameHandler}. The handshake is a
 * {@link DeliveringHandshaker}: after the upgrade its {@link WebSocketClientFrameDecoder} hands
 * each single-frame text message straight to the connection's listener, without a frame object or
 * a string; only fragmented messages and control frames take the rest of the pipeline.
 */
final class WebSocketClientInitializer extends ChannelInitializer<Channel> {

    /** Largest upgrade response: headers only. */
    private static final int MAX_UPGRADE_RESPONSE_BYTES = 64 * 1024;

    private final WebSocketClientProtocolConfig config;
    private final NettyWebSocketConnection connection;
    private final ConnectionListener listener;
    private final boolean compression;

    /**
     * @param listener    the connection's listener, which the frame decoder tells of each message
     * @param compression offer permessage-deflate ({@code config} allowing extensions): Netty's
     *                    compression handler and its standard frame decoder then stand in for
     *                    {@link DeliveringHandshaker}'s, whose frames carry no RSV bits
     */
    WebSocketClientInitializer(WebSocketClientProtocolConfig config, NettyWebSocketConnection connection,
                               ConnectionListener listener, boolean compression) {
        this.config = config;
        this.connection = connection;
        this.listener = listener;
        this.compression = compression;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(new HttpClientCodec());
        p.addLast(new HttpObjectAggregator(MAX_UPGRADE_RESPONSE_BYTES));
        if (compression) {
            p.addLast(WebSocketClientCompressionHandler.INSTANCE);
            p.addLast(new WebSocketClientProtocolHandler(config));
        } else {
            p.addLast(new WebSocketClientProtocolHandler(new DeliveringHandshaker(config, listener, connection), config));
        }
        p.addLast(new WebSocketFrameAggregator(NettyWebSocketDriver.MAX_MESSAGE_BYTES));
        p.addLast(new WebSocketFrameHandler(connection));
    }
}
