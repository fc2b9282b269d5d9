package io.pushbench.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.pushbench.core.driver.netty.WireCountingHandler;
import io.pushbench.server.websocket.WebSocketEndpoints;

/**
 * The pipeline of every accepted connection, bottom to top: count the connection, count its
 * bytes, HTTP/1.1, aggregate requests, route by path. The router installs the protocol a path
 * asks for (e.g. WebSocket after an Upgrade).
 */
final class ReferenceServerInitializer extends ChannelInitializer<Channel> {

    private final ServerStats stats;
    private final WireCountingHandler wireCounter;
    private final int maxMessageBytes;
    private final WebSocketEndpoints webSockets;
    private final Hub hub;
    private final DirectDelivery direct;

    ReferenceServerInitializer(Hub hub, DirectDelivery direct, ServerStats stats, int maxMessageBytes) {
        this.hub = hub;
        this.direct = direct;
        this.stats = stats;
        this.wireCounter = new WireCountingHandler(stats.wire());
        this.maxMessageBytes = maxMessageBytes;
        this.webSockets = new WebSocketEndpoints(hub, stats, maxMessageBytes);
    }

    @Override
    protected void initChannel(Channel ch) {
        stats.connectionOpened();
        ch.closeFuture().addListener(f -> stats.connectionClosed());
        ChannelPipeline p = ch.pipeline();
        p.addLast(WireCountingHandler.NAME, wireCounter);
        p.addLast(new HttpServerCodec());
        p.addLast(new HttpObjectAggregator(maxMessageBytes));
        p.addLast(new HttpRouter(hub, direct, stats, webSockets));
    }
}
