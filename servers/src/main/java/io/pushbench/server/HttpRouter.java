package io.pushbench.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.pushbench.server.longpoll.LongPollEndpoint;
import io.pushbench.server.sse.SseEndpoint;
import io.pushbench.server.websocket.WebSocketEndpoints;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends each HTTP/1.1 request to the endpoint its path names (see {@link Paths}). Malformed
 * requests get 400 and the connection is closed; unknown paths get 404.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final Hub hub;
    private final DirectDelivery direct;
    private final ServerStats stats;
    private final WebSocketEndpoints webSockets;
    private final LongPollEndpoint longPolls;
    private final SseEndpoint sse;

    HttpRouter(ServerContext context, Endpoints endpoints) {
        super(false);
        this.hub = context.hub();
        this.direct = context.direct();
        this.stats = context.stats();
        this.webSockets = endpoints.webSockets();
        this.longPolls = endpoints.longPolls();
        this.sse = endpoints.sse();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            Throwable cause = request.decoderResult().cause();
            request.release();
            stats.error();
            if (cause instanceof TooLongHttpHeaderException) {
                respond(ctx, request, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers too large\n", true);
            } else if (cause instanceof TooLongHttpLineException) {
                respond(ctx, request, HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line too long\n", true);
            } else {
                respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "malformed request\n", true);
            }
            return;
        }
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String path = query.path();
        if (webSockets.handles(path)) {
            webSockets.upgrade(ctx, request, path);
            return;
        }
        try {
            if (Paths.PUBLISH.equals(path) && HttpMethod.POST.equals(request.method())) {
                hub.publish(request.content().toString(StandardCharsets.UTF_8));
                respond(ctx, request, HttpResponseStatus.NO_CONTENT, "", false);
            } else if (Paths.ECHO.equals(path) && HttpMethod.POST.equals(request.method())) {
                echo(ctx, request, query);
            } else if (longPolls.handles(path) && HttpMethod.GET.equals(request.method())) {
                longPolls.poll(ctx, request, query);
            } else if (sse.handles(path) && HttpMethod.GET.equals(request.method())) {
                sse.stream(ctx, request, query);
            } else if (Paths.HEALTH.equals(path)) {
                respond(ctx, request, HttpResponseStatus.OK, "ok\n", false);
            } else {
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, "no endpoint at " + path + "\n", false);
            }
        } finally {
            request.release();
        }
    }

    private void echo(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        List<String> client = query.parameters().get(Paths.CLIENT_PARAM);
        if (client == null || client.isEmpty()) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "missing ?" + Paths.CLIENT_PARAM + "=ID\n", false);
        } else if (direct.deliver(client.get(0), request.content().toString(StandardCharsets.UTF_8))) {
            respond(ctx, request, HttpResponseStatus.NO_CONTENT, "", false);
        } else {
            respond(ctx, request, HttpResponseStatus.NOT_FOUND, "no subscriber with client id " + client.get(0) + "\n",
                    false);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.error();
        ctx.close();
    }

    /** Writes a small text response; keeps the connection open when the request allows it. */
    static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String body,
                        boolean close) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        boolean keepAlive = !close && HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
