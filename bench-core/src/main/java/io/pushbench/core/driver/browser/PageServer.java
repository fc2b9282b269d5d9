package io.pushbench.core.driver.browser;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.pushbench.core.netty.NettyIo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.function.IntFunction;

/**
 * The small HTTP server the browser's pages come from: {@code /page.html?page=K} and {@code /page.js}
 * (resources next to this class), and the WebSocket back-channel {@code /channel?page=K} each page
 * streams its records over. Listens on a free loopback port; one event loop serves every page, so a
 * page's frames are handled one at a time, in order.
 */
final class PageServer implements AutoCloseable {

    /** Largest back-channel frame: a batch of records, each holding a whole message. */
    private static final int MAX_FRAME = 64 * 1024 * 1024;

    private final EventLoopGroup group;
    private final Channel server;
    private final byte[] html;
    private final byte[] script;

    /** @param channels makes the handler of page K's back-channel */
    PageServer(IntFunction<PageChannel> channels) {
        html = resource("page.html");
        script = resource("page.js");
        group = NettyIo.newGroup("pushbench-pages", 1);
        try {
            server = new ServerBootstrap().group(group).channel(NettyIo.serverSocketChannel())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_FRAME),
                                    new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                            .websocketPath("/channel").checkStartsWith(true)
                                            .maxFramePayloadLength(MAX_FRAME).build()),
                                    // The browser splits a large message into continuation frames.
                                    new WebSocketFrameAggregator(MAX_FRAME),
                                    new PageFiles(channels));
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            NettyIo.shutdown(group);
            throw e;
        }
    }

    /** The URL of page {@code page}. */
    String pageUrl(int page) {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/page.html?page=" + page;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        NettyIo.shutdown(group);
    }

    private static byte[] resource(String name) {
        try (InputStream in = PageServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the page and its script; hands a back-channel, once upgraded, to its {@link PageChannel}. */
    private final class PageFiles extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final IntFunction<PageChannel> channels;

        PageFiles(IntFunction<PageChannel> channels) {
            this.channels = channels;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = new QueryStringDecoder(request.uri()).path();
            byte[] body = switch (path) {
                case "/page.html" -> html;
                case "/page.js" -> script;
                default -> null;
            };
            FullHttpResponse response = body == null
                    ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND)
                    : new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, path.endsWith(".js")
                    ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8");
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
                String page = new QueryStringDecoder(handshake.requestUri()).parameters()
                        .getOrDefault("page", java.util.List.of("-1")).get(0);
                int index;
                try {
                    index = Integer.parseInt(page);
                } catch (NumberFormatException e) {
                    index = -1;
                }
                PageChannel channel = index < 0 ? null : channels.apply(index);
                if (channel == null) {
                    ctx.close();
                    return;
                }
                ctx.pipeline().replace(this, "page", channel);
                channel.attached(ctx.channel());
                return;
            }
            super.userEventTriggered(ctx, event);
        }
    }
}
