package io.pushbench.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Refuses a connection beyond the server's connection limit: its first request (a WebSocket
 * upgrade, a poll, a stream, a POST) is answered {@code 503 Service Unavailable} and the
 * connection is closed, so a client sees why, by status, as it would from a real server at capacity.
 */
final class ConnectionLimitHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final int maxConnections;

    ConnectionLimitHandler(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpRouter.respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE,
                "the server is at its connection limit (" + maxConnections + ")\n", true);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A refused client that resets or misbehaves is no error of the server's: it is counted as rejected.
        ctx.close();
    }
}
