package io.pushbench.core.driver.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.netty.WireCountingHandler;
import io.pushbench.core.record.WireCounter;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Sends HTTP/1.1 {@code POST}s over a small pool of keep-alive connections per origin: how the
 * HTTP/1.1 transports send upstream (a push connection is busy receiving, so sends take their own
 * connections, as a browser's {@code fetch} beside an {@code EventSource} would). Bytes are
 * counted into the owning driver's {@link WireCounter}, so a transport's wire cost includes them.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>connections per origin</td><td>{@value #MAX_CONNECTIONS_PER_ORIGIN} (one request in flight on each)</td></tr>
 *   <tr><td>largest response body</td><td>{@value #MAX_RESPONSE_BYTES} bytes</td></tr>
 *   <tr><td>answer, after the request was written</td><td>{@value #ANSWER_TIMEOUT_MILLIS} ms; later is a
 *       {@code timeout} error and the connection is closed</td></tr>
 * </table>
 *
 * <p>Every POST's future completes: an answer that is not HTTP/1.x (an HTTP/2-only port answering
 * with frames, say) fails it as a {@code protocol} error, as does a status outside 100..599.
 *
 * <p>Thread-safe. The poster shares its owner's event loops and does not shut them down.
 */
public final class NettyHttpPoster implements AutoCloseable {

    /** Keep-alive connections kept per scheme, host and port. */
    public static final int MAX_CONNECTIONS_PER_ORIGIN = 8;
    /** Largest response body read; POST answers are expected to be empty or short. */
    public static final int MAX_RESPONSE_BYTES = 64 * 1024;
    /** How long the answer to a POST may take after it was written, ms. */
    public static final long ANSWER_TIMEOUT_MILLIS = 10_000;

    private static final AttributeKey<CompletableFuture<Void>> PENDING = AttributeKey.valueOf("pushbench.post");

    private final EventLoopGroup group;
    private final WireCountingHandler wireHandler;
    private final NettyTls tls;
    private final Map<String, FixedChannelPool> pools = new ConcurrentHashMap<>();

    /** A poster that verifies {@code https://} servers against the JDK's trust store. */
    public NettyHttpPoster(EventLoopGroup group, WireCounter wire) {
        this(group, wire, TlsTrust.system());
    }

    /**
     * @param wire  where the bytes of every POST are counted
     * @param trust which certificates {@code https://} servers may present
     */
    public NettyHttpPoster(EventLoopGroup group, WireCounter wire, TlsTrust trust) {
        this.group = group;
        this.wireHandler = new WireCountingHandler(wire);
        this.tls = NettyTls.of(trust);
    }

    /**
     * Posts {@code body} (UTF-8, {@code text/plain}) to {@code uri} with {@code target}'s headers.
     * The future completes when a 2xx answer arrived, or fails with a {@link DriverException}:
     * {@link ErrorKind#HTTP_STATUS} naming the status, or the connect/I/O failure.
     */
    public CompletableFuture<Void> post(URI uri, String body, Target target) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        FixedChannelPool pool = pools.computeIfAbsent(origin(uri), o -> newPool(uri, target));
        pool.acquire().addListener(acquired -> {
            if (!acquired.isSuccess()) {
                result.completeExceptionally(NettyErrors.connectFailure(Target.of(uri), acquired.cause()));
                return;
            }
            Channel ch = (Channel) acquired.getNow();
            result.whenComplete((ok, error) -> pool.release(ch));
            ch.attr(PENDING).set(result);
            ch.writeAndFlush(request(uri, body, target)).addListener(written -> {
                if (!written.isSuccess()) {
                    ch.close();
                    result.completeExceptionally(NettyErrors.ioFailure(written.cause()));
                    return;
                }
                ScheduledFuture<?> timeout = ch.eventLoop().schedule(() -> {
                    if (ch.attr(PENDING).compareAndSet(result, null)) {
                        result.completeExceptionally(new DriverException(ErrorKind.TIMEOUT, "no answer to the POST "
                                + "within " + ANSWER_TIMEOUT_MILLIS + " ms"));
                        ch.close();
                    }
                }, ANSWER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                result.whenComplete((ok, error) -> timeout.cancel(false));
            });
        });
        return result;
    }

    private static FullHttpRequest request(URI uri, String body, Target target) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                NettyHttpRequests.pathAndQuery(uri),
                ByteBufUtil.writeUtf8(io.netty.buffer.ByteBufAllocator.DEFAULT, body));
        request.headers().set(HttpHeaderNames.HOST, uri.getHost() + ":" + Target.of(uri).port());
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        target.headers().forEach(request.headers()::set);
        HttpUtil.setContentLength(request, request.content().readableBytes());
        HttpUtil.setKeepAlive(request, true);
        return request;
    }

    private FixedChannelPool newPool(URI uri, Target target) {
        Target origin = Target.of(uri);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NettyIo.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .remoteAddress(InetSocketAddress.createUnresolved(uri.getHost(), origin.port()));
        return new FixedChannelPool(bootstrap, new AbstractChannelPoolHandler() {
            @Override
            public void channelCreated(Channel ch) {
                ch.pipeline().addLast(WireCountingHandler.NAME, wireHandler);
                tls.addClientHandlerIfSecure(ch, origin);
                ch.pipeline().addLast(new HttpRequestEncoder());
                ch.pipeline().addLast(new ResponseHandler());
            }
        }, ChannelHealthChecker.ACTIVE, FixedChannelPool.AcquireTimeoutAction.FAIL, 30_000,
                MAX_CONNECTIONS_PER_ORIGIN, Integer.MAX_VALUE, true, true);
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + Target.of(uri).port();
    }

    /** Closes the pooled connections. */
    @Override
    public void close() {
        pools.values().forEach(FixedChannelPool::close);
        pools.clear();
    }

    /** Completes the pending POST of its channel with the response's status. */
    private static final class ResponseHandler extends WholeResponseReader {

        ResponseHandler() {
            super(MAX_RESPONSE_BYTES);
        }

        @Override
        protected void response(ChannelHandlerContext ctx, Response response) {
            CompletableFuture<Void> pending = ctx.channel().attr(PENDING).getAndSet(null);
            if (!response.keepAlive()) {
                ctx.close();
            }
            if (pending == null) {
                return;
            }
            int status = response.status();
            if (status < 100 || status > 599) {
                ctx.close();
                pending.completeExceptionally(notHttp1(null));
            } else if (status >= 200 && status < 300) {
                pending.complete(null);
            } else {
                pending.completeExceptionally(DriverException.httpStatus(status, "POST answered HTTP "
                        + status + " " + response.reason() + ": " + response.body().toString(StandardCharsets.UTF_8).strip(),
                        null));
            }
        }

        @Override
        protected void malformed(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
            failPending(ctx, notHttp1(cause));
        }

        @Override
        protected void tooLarge(ChannelHandlerContext ctx, TooLongFrameException cause) {
            failPending(ctx, NettyErrors.ioFailure(cause));
            ctx.close();
        }

        private static DriverException notHttp1(Throwable cause) {
            return new DriverException(ErrorKind.PROTOCOL, "the answer to the POST is not HTTP/1.x: does the server "
                    + "speak HTTP/1.1 on this port? (an HTTP/2-only port takes h2c)", cause);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            // An answer whose body ends with the connection is read first.
            super.channelInactive(ctx);
            failPending(ctx, new DriverException(ErrorKind.CLOSED_BY_SERVER, "connection closed before the POST was answered"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failPending(ctx, NettyErrors.ioFailure(cause));
            ctx.close();
        }

        private static void failPending(ChannelHandlerContext ctx, DriverException error) {
            CompletableFuture<Void> pending = ctx.channel().attr(PENDING).getAndSet(null);
            if (pending != null) {
                pending.completeExceptionally(error);
            }
        }
    }
}
