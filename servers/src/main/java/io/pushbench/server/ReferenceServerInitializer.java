package io.pushbench.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.pushbench.core.driver.netty.WireCountingHandler;
import io.pushbench.server.longpoll.LongPollEndpoint;
import io.pushbench.server.sse.SseEndpoint;
import io.pushbench.server.websocket.WebSocketEndpoints;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of every accepted connection, bottom to top: count the connection, count its
 * bytes, close it when idle, HTTP/1.1 (with header limits), aggregate requests (with a body
 * limit: 413), route by path. The router installs the protocol a path
 * asks for (e.g. WebSocket after an Upgrade).
 */
final class ReferenceServerInitializer extends ChannelInitializer<Channel> {

    private final ServerContext context;
    private final WireCountingHandler wireCounter;
    private final WebSocketEndpoints webSockets;
    private final LongPollEndpoint longPolls;
    private final SseEndpoint sse;

    private final IdleConnectionCloser idleCloser;
    private final long idleNanos;
    private final int maxHeaderBytes;

    ReferenceServerInitializer(ServerContext context, Duration idleTimeout, int maxHeaderBytes) {
        this.context = context;
        this.idleCloser = new IdleConnectionCloser(context.stats());
        this.idleNanos = idleTimeout.toNanos();
        this.maxHeaderBytes = maxHeaderBytes;
        this.wireCounter = new WireCountingHandler(context.stats().wire());
        this.webSockets = new WebSocketEndpoints(context);
        this.longPolls = new LongPollEndpoint(context);
        this.sse = new SseEndpoint(context);
    }

    /** The event-stream endpoint, for fault injection ({@link ReferenceServer#closeEventStreams()}). */
    SseEndpoint sse() {
        return sse;
    }

    @Override
    protected void initChannel(Channel ch) {
        ServerStats stats = context.stats();
        stats.connectionOpened();
        ch.closeFuture().addListener(f -> stats.connectionClosed());
        ChannelPipeline p = ch.pipeline();
        p.addLast(WireCountingHandler.NAME, wireCounter);
        p.addLast(new IdleStateHandler(0, 0, idleNanos, TimeUnit.NANOSECONDS));
        p.addLast(idleCloser);
        p.addLast(new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(maxHeaderBytes)
                .setMaxHeaderSize(maxHeaderBytes)));
        p.addLast(new HttpObjectAggregator(context.maxMessageBytes()));
        p.addLast(new HttpRouter(context, webSockets, longPolls, sse));
    }
}
