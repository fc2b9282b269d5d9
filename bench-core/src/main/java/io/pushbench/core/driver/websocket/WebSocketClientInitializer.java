package io.pushbench.core.driver.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * The WebSocket part of a TCP connection's pipeline, in the order bytes come up: HTTP for the
 * upgrade, the WebSocket protocol handler (handshake, frame codec, close and ping handling), the
 * aggregator that joins fragments, and the {@link WebSocketFrameHandler}.
 */
final class WebSocketClientInitializer extends ChannelInitializer<Channel> {

    /** Largest upgrade response: headers only. */
    private static final int MAX_UPGRADE_RESPONSE_BYTES = 64 * 1024;

    private final WebSocketClientProtocolConfig config;
    private final WebSocketFrameHandler frames;

    WebSocketClientInitializer(WebSocketClientProtocolConfig config, WebSocketFrameHandler frames) {
        this.config = config;
        this.frames = frames;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(new HttpClientCodec());
        p.addLast(new HttpObjectAggregator(MAX_UPGRADE_RESPONSE_BYTES));
        p.addLast(new WebSocketClientProtocolHandler(config));
        p.addLast(new WebSocketFrameAggregator(NettyWebSocketDriver.MAX_MESSAGE_BYTES));
        p.addLast(frames);
    }
}
