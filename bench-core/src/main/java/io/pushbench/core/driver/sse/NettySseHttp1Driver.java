package io.pushbench.core.driver.sse;

import io.pushbench.core.driver.netty.NettyErrors;
import io.pushbench.core.driver.netty.NettyHttpPoster;
import io.pushbench.core.driver.netty.NettyIo;
import io.pushbench.core.driver.netty.NettyTls;
import io.pushbench.core.driver.netty.WireCountingHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.pushbench.core.driver.ClientIds;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.driver.WireCounter;
import io.pushbench.core.sse.SseLimitException;
import io.pushbench.core.sse.SseParser;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-Sent Events over HTTP/1.1 on Netty: the default {@link Transport#SSE_HTTP1} driver.
 *
 * <p>Each connection is one TCP connection carrying one {@code GET <target uri>} with
 * {@code Accept: text/event-stream} (and the target's headers). The answer must be {@code 200}
 * with {@code Content-Type: text/event-stream}, else the connection fails with an
 * {@link ErrorKind#HTTP_STATUS} error naming what came. Body chunks are fed, as Netty's HTTP
 * decoder produces them, to an {@link SseParser}, with the receive time read on the event loop
 * when the chunk arrives; each event's data goes to {@link ConnectionListener#onMessage} with its
 * chunk's time. Heartbeat comments are parsed and skipped. A {@code client} query parameter in
 * the target is made unique per connection ({@link ClientIds}: {@code ?client=run7} becomes
 * {@code ?client=run7-0}, {@code -1}, ...), in the uri and the send uri alike, so that echo
 * replies come down the sender's own stream. {@link PushConnection#send} posts to the target's
 * {@link Target#sendUri() sendUri} over a {@link NettyHttpPoster} on the same event loops; its
 * bytes count in {@link #wire()}.
 *
 * <p>Reconnection, as an {@code EventSource} does it: when the server ends the stream or closes
 * the connection after it opened, the loss is reported as {@link ErrorKind#CLOSED_BY_SERVER} and
 * the stream is requested again on a new TCP connection after the reconnection time the server
 * advertised ({@code retry:}, {@value #DEFAULT_RETRY_MILLIS} ms until it does), with
 * {@code Last-Event-ID} set to the last event id received; {@link ConnectionListener#onReconnect}
 * reports the downtime once the new stream's headers arrived. The connection object stays the
 * same throughout. Failed attempts are retried after twice the previous wait, up to
 * {@value #MAX_BACKOFF_MILLIS} ms (or the reconnection time, if longer). An answer other than a
 * {@code 200} event stream, an event larger than the parser's limit or a malformed response ends
 * the connection for good, as does {@link PushConnection#close()}.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>longest line, largest event</td><td>{@value SseParser#DEFAULT_MAX_BYTES} bytes; larger is a protocol error</td></tr>
 *   <tr><td>connect timeout</td><td>{@value #CONNECT_TIMEOUT_MILLIS} ms</td></tr>
 *   <tr><td>reconnection time before the server sets one</td><td>{@value #DEFAULT_RETRY_MILLIS} ms</td></tr>
 *   <tr><td>longest wait between failed reconnect attempts</td><td>{@value #MAX_BACKOFF_MILLIS} ms, or the
 *       reconnection time if longer</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class NettySseHttp1Driver implements TransportDriver {

    /** How long a TCP connect may take. */
    public static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** The reconnection time until the server advertises one (browsers use about 3 s; loopback runs want less). */
    public static final long DEFAULT_RETRY_MILLIS = 1000;
    /** Longest wait between failed reconnect attempts, unless the reconnection time is longer. */
    public static final long MAX_BACKOFF_MILLIS = 2_000;

    private static final String EVENT_STREAM = "text/event-stream";

    private final EventLoopGroup group;
    private final DriverOptions options;
    private final NettyTls tls;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final WireCounter wire = new WireCounter();
    private final WireCountingHandler wireHandler = new WireCountingHandler(wire);
    private final NettyHttpPoster poster;
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicLong tcpConnections = new AtomicLong();

    /** A driver with the given event-loop threads; 0 for Netty's default. */
    public NettySseHttp1Driver(int ioThreads) {
        this(new DriverOptions(ioThreads, 0));
    }

    /**
     * A driver with {@link DriverOptions#ioThreads()} event loops that checks certificates as
     * {@link DriverOptions#trust()} says (streams and sends alike) and binds streams to
     * {@link DriverOptions#localAddresses()} in turn. It sends no heartbeat of its own: SSE is
     * one-way, the server's comment lines are its heartbeat.
     *
     */
    public NettySseHttp1Driver(DriverOptions options) {
        this.options = options;
        this.tls = NettyTls.of(options.trust());
        this.group = NettyIo.newGroup("sse-client", options.ioThreads());
        this.poster = new NettyHttpPoster(group, wire, options.trust());
    }

    @Override
    public Transport transport() {
        return Transport.SSE_HTTP1;
    }

    @Override
    public ClientStack stack() {
        return ClientStack.NETTY;
    }

    @Override
    public CompletableFuture<PushConnection> connect(Target target, ConnectionListener listener) {
        int id = nextId.getAndIncrement();
        Stream stream = new Stream(id, ClientIds.forConnection(target, id), listener, System.nanoTime());
        streams.add(stream);
        stream.connect(group);
        return stream.opened;
    }

    @Override
    public WireCounter wire() {
        return wire;
    }

    @Override
    public long tcpConnectionsOpened() {
        return tcpConnections.get();
    }

    @Override
    public void close() {
        streams.forEach(Stream::close);
        channels.close().awaitUninterruptibly();
        poster.close();
        NettyIo.shutdown(group);
    }

    /**
     * One event stream: its face to the engine, across the TCP connections it may need. After its
     * first connection its state is touched on that connection's event loop only (every later
     * connection is pinned to it), except the volatile fields read by {@link #send},
     * {@link #isOpen} and {@link #close} from other threads.
     */
    private final class Stream implements PushConnection, SseParser.Listener {

        private final int id;
        private final Target target;
        private final ConnectionListener listener;
        private final long connectStartNanos;
        private final CompletableFuture<PushConnection> opened = new CompletableFuture<>();
        private final SseParser parser = new SseParser(this);
        private volatile Channel channel;
        private volatile EventLoop loop;
        private volatile boolean closing;
        private volatile boolean stopped;
        private boolean closeReported;
        private long retryMillis = DEFAULT_RETRY_MILLIS;
        private long backoffMillis;
        /** When the stream was lost, while it is being reopened; -1 otherwise. */
        private long lostAtNanos = -1;

        Stream(int id, Target target, ConnectionListener listener, long connectStartNanos) {
            this.id = id;
            this.target = target;
            this.listener = listener;
            this.connectStartNanos = connectStartNanos;
        }

        /** Opens a TCP connection and requests the stream; {@code loops} is the whole group first, then this stream's loop. */
        void connect(EventLoopGroup loops) {
            Bootstrap bootstrap = new Bootstrap()
                    .group(loops)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ChannelPipeline p = ch.pipeline();
                            p.addLast(WireCountingHandler.NAME, wireHandler);
                            tls.addClientHandlerIfSecure(ch, target);
                            p.addLast(new HttpClientCodec());
                            p.addLast(new StreamHandler());
                        }
                    });
            InetSocketAddress local = options.localAddressFor(id);
            if (local != null) {
                bootstrap.localAddress(local);
            }
            bootstrap.connect(target.uri().getHost(), target.port()).addListener((ChannelFuture f) -> {
                if (loop == null && f.channel().isRegistered()) {
                    loop = f.channel().eventLoop();
                }
                if (!f.isSuccess()) {
                    DriverException error = NettyErrors.connectFailure(target, f.cause());
                    if (opened.isDone()) {
                        listener.onError(this, error);
                        scheduleReconnect();
                    } else {
                        stop(error);
                        reportClose();
                    }
                    return;
                }
                Channel ch = f.channel();
                tcpConnections.incrementAndGet();
                channels.add(ch);
                channel = ch;
                if (closing) {
                    ch.close();
                } else {
                    ch.writeAndFlush(request());
                }
            });
        }

        private FullHttpRequest request() {
            URI uri = target.uri();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                path += "?" + uri.getRawQuery();
            }
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path,
                    Unpooled.EMPTY_BUFFER);
            request.headers().set(HttpHeaderNames.HOST, uri.getHost() + ":" + target.port());
            request.headers().set(HttpHeaderNames.ACCEPT, EVENT_STREAM);
            request.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
            if (!parser.lastEventId().isEmpty()) {
                request.headers().set("Last-Event-ID", parser.lastEventId());
            }
            target.headers().forEach(request.headers()::set);
            return request;
        }

        /** The response headers arrived: returns whether the stream is open (else it was refused for good). */
        private boolean answered(ChannelHandlerContext ctx, HttpResponse response) {
            CharSequence type = HttpUtil.getMimeType(response);
            if (!HttpResponseStatus.OK.equals(response.status()) || type == null
                    || !EVENT_STREAM.equalsIgnoreCase(type.toString())) {
                String message = "event stream answered HTTP " + response.status() + " with Content-Type "
                        + (type == null ? "(none)" : type) + ", not 200 " + EVENT_STREAM;
                stop(NettyErrors.httpStatus(response.status().codeAsText(), message));
                ctx.close();
                return false;
            }
            backoffMillis = 0;
            long now = System.nanoTime();
            if (!opened.isDone()) {
                listener.onOpen(this, now - connectStartNanos);
                opened.complete(this);
            } else if (lostAtNanos >= 0) {
                listener.onReconnect(this, now - lostAtNanos);
                lostAtNanos = -1;
            }
            return true;
        }

        /**
         * The TCP connection under this stream closed.
         *
         * @param streamOpened its response headers had arrived: a stream was lost, not an attempt
         * @param reported     the failure that closed it, already reported, or null
         */
        private void lost(boolean streamOpened, DriverException reported) {
            parser.endOfStream();
            if (closing || stopped) {
                reportClose();
                return;
            }
            DriverException error = reported != null ? reported : new DriverException(ErrorKind.CLOSED_BY_SERVER,
                    streamOpened ? "server closed the event stream; reconnecting in " + retryMillis + " ms"
                            + (parser.lastEventId().isEmpty() ? "" : " with Last-Event-ID " + parser.lastEventId())
                            : "server closed the connection before answering the event-stream request");
            if (reported == null) {
                listener.onError(this, error);
            }
            if (!opened.isDone()) {
                stopped = true;
                opened.completeExceptionally(error);
                reportClose();
                return;
            }
            if (lostAtNanos < 0) {
                lostAtNanos = System.nanoTime();
            }
            scheduleReconnect();
        }

        /** Waits the reconnection time, longer after failed attempts, then connects again. */
        private void scheduleReconnect() {
            if (closing) {
                reportClose();
                return;
            }
            long delay = backoffMillis == 0 ? retryMillis : backoffMillis;
            backoffMillis = Math.min(Math.max(MAX_BACKOFF_MILLIS, retryMillis), Math.max(1, delay) * 2);
            loop.schedule(() -> {
                if (closing) {
                    reportClose();
                } else {
                    connect(loop);
                }
            }, delay, TimeUnit.MILLISECONDS);
        }

        /** Reports a failure after which this stream does not reconnect. */
        private void stop(DriverException error) {
            stopped = true;
            listener.onError(this, error);
            opened.completeExceptionally(error);
        }

        private void reportClose() {
            if (!closeReported) {
                closeReported = true;
                streams.remove(this);
                listener.onClose(this);
            }
        }

        @Override
        public void onEvent(String lastEventId, String type, String data, long receivedNanos) {
            listener.onMessage(this, data, receivedNanos);
        }

        @Override
        public void onRetry(long millis) {
            retryMillis = millis;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public CompletableFuture<Void> send(String message) {
            URI sendUri = target.sendUri();
            CompletableFuture<Void> posted = sendUri == null
                    ? CompletableFuture.failedFuture(new DriverException(ErrorKind.PROTOCOL,
                            "SSE sends by POST to the target's send URI, and this target has none"))
                    : poster.post(sendUri, message, target);
            posted.whenComplete((ok, error) -> {
                EventLoop l = loop;
                if (error != null && l != null) {
                    l.execute(() -> listener.onError(this, NettyErrors.asDriverException(error)));
                }
            });
            return posted;
        }

        @Override
        public boolean isOpen() {
            Channel ch = channel;
            return ch != null && ch.isActive() && !closing && !stopped && opened.isDone()
                    && !opened.isCompletedExceptionally();
        }

        @Override
        public void close() {
            closing = true;
            Channel ch = channel;
            EventLoop l = loop;
            if (ch != null && ch.isActive()) {
                ch.close();
            } else if (l != null) {
                // Between connections: no close event will come, so report it here.
                l.execute(this::reportClose);
            }
        }

        /** Reads the response on one TCP connection of this stream. */
        private final class StreamHandler extends SimpleChannelInboundHandler<HttpObject> {

            private boolean streamOpened;
            /** The failure reported on this connection, if any. */
            private DriverException error;

            @Override
            protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                long receivedNanos = System.nanoTime();
                if (msg.decoderResult().isFailure()) {
                    stop(new DriverException(ErrorKind.PROTOCOL, "malformed event-stream response: "
                            + msg.decoderResult().cause().getMessage(), msg.decoderResult().cause()));
                    ctx.close();
                    return;
                }
                if (msg instanceof HttpResponse response) {
                    streamOpened = answered(ctx, response);
                }
                if (msg instanceof HttpContent content && streamOpened) {
                    feed(ctx, content, receivedNanos);
                }
            }

            private void feed(ChannelHandlerContext ctx, HttpContent content, long receivedNanos) {
                try {
                    parser.feed(content.content(), receivedNanos);
                } catch (SseLimitException e) {
                    stop(new DriverException(ErrorKind.PROTOCOL, e.getMessage(), e));
                    ctx.close();
                    return;
                }
                if (content instanceof LastHttpContent) {
                    // The server ended the response: an event stream that ends is reopened.
                    ctx.close();
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                super.channelInactive(ctx);
                lost(streamOpened, error);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                if (error == null && !closing) {
                    error = NettyErrors.ioFailure(cause);
                    listener.onError(Stream.this, error);
                }
                ctx.close();
            }
        }
    }
}
