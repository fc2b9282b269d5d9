package io.pushbench.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * Refuses a connection beyond the server's connection limit: its first HTTP/1.1 request (a
 * WebSocket upgrade, a poll, a stream, a POST) is answered {@code 503 Service Unavailable} and the
 * connection is closed, so a client sees why, by status, as it would from a real server at
 * capacity. An HTTP/2 client (prior knowledge, or h2 chosen by ALPN) is not understood and just
 * closed: it sees the connection end before any response.
 */
final class ConnectionLimitHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final int maxConnections;

    private ConnectionLimitHandler(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** Ends {@code p} with HTTP/1.1 and this refusal, instead of the server's endpoints. */
    static void refuse(ChannelPipeline p, ServerContext context) {
        p.addLast(new HttpServerCodec());
        p.addLast(new HttpObjectAggregator(context.maxMessageBytes()));
        p.addLast(new ConnectionLimitHandler(context.maxConnections()));
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
