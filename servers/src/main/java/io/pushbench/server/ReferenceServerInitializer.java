package io.pushbench.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.pushbench.core.driver.netty.WireCountingHandler;
import io.pushbench.server.longpoll.LongPollEndpoint;
import io.pushbench.server.websocket.WebSocketEndpoints;

/**
 * The pipeline of every accepted connection, bottom to top: count the connection, count its
 * bytes, HTTP/1.1, aggregate requests, route by path. The router installs the protocol a path
 * asks for (e.g. WebSocket after an Upgrade).
 */
final class ReferenceServerInitializer extends ChannelInitializer<Channel> {

    private final ServerContext context;
    private final WireCountingHandler wireCounter;
    private final WebSocketEndpoints webSockets;
    private final LongPollEndpoint longPolls;

    ReferenceServerInitializer(ServerContext context) {
        this.context = context;
        this.wireCounter = new WireCountingHandler(context.stats().wire());
        this.webSockets = new WebSocketEndpoints(context);
        this.longPolls = new LongPollEndpoint(context);
    }

    @Override
    protected void initChannel(Channel ch) {
        ServerStats stats = context.stats();
        stats.connectionOpened();
        ch.closeFuture().addListener(f -> stats.connectionClosed());
        ChannelPipeline p = ch.pipeline();
        p.addLast(WireCountingHandler.NAME, wireCounter);
        p.addLast(new HttpServerCodec());
        p.addLast(new HttpObjectAggregator(context.maxMessageBytes()));
        p.addLast(new HttpRouter(context, webSockets, longPolls));
    }
}
