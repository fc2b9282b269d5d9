package io.pushbench.core.driver.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.pushbench.core.driver.ClientIds;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.driver.WireCounter;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.PollBatchFormat;
import io.pushbench.core.transport.Transport;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * HTTP/1.1 long polling on Netty: the default {@link Transport#LONG_POLLING} driver.
 *
 * <p>Each connection is one keep-alive HTTP/1.1 connection that polls {@code GET <target uri>}
 * with {@code after=<last id>} added (none on the first poll, so it starts from the newest
 * message), reads the batch in the {@link PollBatchFormat}, and re-polls at once with the
 * answer's {@value PollBatchFormat#LAST_ID_HEADER}. The receive time is read on the event loop
 * when the whole answer has been decoded, and every message of the batch is delivered with it:
 * a message that waited in a batch is measured as waiting. {@link PushConnection#send} posts to
 * the target's {@link Target#sendUri() sendUri} over a {@link NettyHttpPoster} on the same event
 * loops; its bytes count in {@link #wire()}. A {@code client} query parameter in the target is
 * made unique per connection ({@link ClientIds}). The connection's future completes when the
 * first poll has been written.
 *
 * <p>Failures: an answer other than 200 is an {@link ErrorKind#HTTP_STATUS} error, a body that
 * breaks the format or lacks the last-id header a {@link ErrorKind#PROTOCOL} error, and the
 * connection is closed. When the server closes a connection that has answered at least one poll,
 * that is reported as {@link ErrorKind#CLOSED_BY_SERVER} and the driver reconnects at once (on
 * the same event loop) and re-polls with the last id, so no message still held by the server is
 * missed; a connection closed before answering any poll is not retried, so that a server that
 * refuses every poll cannot cause a reconnect storm. {@link PushConnection#close()} never
 * reconnects.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>largest poll answer</td><td>{@value #MAX_RESPONSE_BYTES} bytes; larger is a protocol error</td></tr>
 *   <tr><td>connect timeout</td><td>{@value #CONNECT_TIMEOUT_MILLIS} ms</td></tr>
 *   <tr><td>poll answer timeout</td><td>none: the server decides how long a poll is held</td></tr>
 * </table>
 */
public final class NettyLongPollingDriver implements TransportDriver {

    /** Largest poll answer read: room for one largest message (16 MiB) escaped to twice its size. */
    public static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    /** How long a TCP connect may take. */
    public static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final EventLoopGroup group;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Set<Poller> pollers = ConcurrentHashMap.newKeySet();
    private final WireCounter wire = new WireCounter();
    private final WireCountingHandler wireHandler = new WireCountingHandler(wire);
    private final NettyHttpPoster poster;
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicLong tcpConnections = new AtomicLong();
    private final LongAdder answeredPolls = new LongAdder();

    /** @param ioThreads event-loop threads; 0 for Netty's default */
    public NettyLongPollingDriver(int ioThreads) {
        this.group = NettyIo.newGroup("lp-client", ioThreads);
        this.poster = new NettyHttpPoster(group, wire);
    }

    @Override
    public Transport transport() {
        return Transport.LONG_POLLING;
    }

    @Override
    public ClientStack stack() {
        return ClientStack.NETTY;
    }

    @Override
    public CompletableFuture<PushConnection> connect(Target target, ConnectionListener listener) {
        int id = nextId.getAndIncrement();
        Poller poller = new Poller(id, ClientIds.forConnection(target, id), listener, System.nanoTime());
        pollers.add(poller);
        poller.connect(group);
        return poller.opened;
    }

    @Override
    public WireCounter wire() {
        return wire;
    }

    @Override
    public long tcpConnectionsOpened() {
        return tcpConnections.get();
    }

    /**
     * Polls answered so far, with or without messages, on every connection: messages received
     * divided by this is the mean batch size.
     */
    public long answeredPolls() {
        return answeredPolls.sum();
    }

    @Override
    public void close() {
        pollers.forEach(Poller::close);
        channels.close().awaitUninterruptibly();
        poster.close();
        NettyIo.shutdown(group);
    }

    /**
     * One long-polling client: its face to the engine, across the TCP connections it may need.
     * Its state is touched on its event loop only, except the volatile fields read by
     * {@link #send}, {@link #isOpen} and {@link #close} from other threads.
     */
    private final class Poller implements PushConnection {

        private final int id;
        private final Target target;
        private final ConnectionListener listener;
        private final long connectStartNanos;
        private final CompletableFuture<PushConnection> opened = new CompletableFuture<>();
        private volatile Channel channel;
        private volatile boolean closing;
        private volatile boolean stopped;
        private long after;
        private boolean hasAfter;
        private boolean closeReported;

        Poller(int id, Target target, ConnectionListener listener, long connectStartNanos) {
            this.id = id;
            this.target = target;
            this.listener = listener;
            this.connectStartNanos = connectStartNanos;
        }

        /** Opens a TCP connection and polls on it; {@code loops} is the whole group first, then this poller's loop. */
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
                            NettyTls.addClientHandlerIfSecure(ch, target);
                            p.addLast(new HttpClientCodec());
                            p.addLast(new HttpObjectAggregator(MAX_RESPONSE_BYTES));
                            p.addLast(new AnswerHandler());
                        }
                    });
            bootstrap.connect(target.uri().getHost(), target.port()).addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) {
                    stop(NettyErrors.connectFailure(target, f.cause()));
                    reportClose();
                    return;
                }
                Channel ch = f.channel();
                tcpConnections.incrementAndGet();
                channels.add(ch);
                channel = ch;
                if (closing) {
                    ch.close();
                } else {
                    poll(ch);
                }
            });
        }

        private void poll(Channel ch) {
            ch.writeAndFlush(pollRequest()).addListener(written -> {
                if (!written.isSuccess()) {
                    stop(NettyErrors.ioFailure(written.cause()));
                    ch.close();
                } else if (!opened.isDone()) {
                    listener.onOpen(this, System.nanoTime() - connectStartNanos);
                    opened.complete(this);
                }
            });
        }

        private FullHttpRequest pollRequest() {
            URI uri = target.uri();
            StringBuilder path = new StringBuilder(uri.getRawPath() == null || uri.getRawPath().isEmpty()
                    ? "/" : uri.getRawPath());
            String query = uri.getRawQuery();
            if (query != null || hasAfter) {
                path.append('?');
            }
            if (query != null) {
                path.append(query);
            }
            if (hasAfter) {
                path.append(query != null ? "&" : "").append(PollBatchFormat.AFTER_PARAM).append('=').append(after);
            }
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                    path.toString(), Unpooled.EMPTY_BUFFER);
            request.headers().set(HttpHeaderNames.HOST, uri.getHost() + ":" + target.port());
            target.headers().forEach(request.headers()::set);
            return request;
        }

        /** Reports a failure after which this poller does not poll again. */
        private void stop(DriverException error) {
            stopped = true;
            listener.onError(this, error);
            opened.completeExceptionally(error);
        }

        private void reportClose() {
            if (!closeReported) {
                closeReported = true;
                pollers.remove(this);
                listener.onClose(this);
            }
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
                            "long polling sends by POST to the target's send URI, and this target has none"))
                    : poster.post(sendUri, message, target);
            posted.whenComplete((ok, error) -> {
                Channel ch = channel;
                if (error != null && ch != null) {
                    ch.eventLoop().execute(() -> listener.onError(this, asDriverException(error)));
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
            if (ch != null) {
                ch.close();
            }
        }

        /** Reads the answers on one TCP connection of this poller and polls again. */
        private final class AnswerHandler extends SimpleChannelInboundHandler<FullHttpResponse>
                implements PollBatchFormat.LineHandler {

            /** Whether this connection has answered a poll: only then is a close by the server retried. */
            private boolean answered;
            /** Whether the last answer said the server closes the connection after it. */
            private boolean serverCloses;
            private long receivedNanos;

            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
                receivedNanos = System.nanoTime();
                answeredPolls.increment();
                answered = true;
                if (!HttpResponseStatus.OK.equals(response.status())) {
                    stop(new DriverException(ErrorKind.HTTP_STATUS, "poll answered HTTP " + response.status()));
                    ctx.close();
                    return;
                }
                long next;
                try {
                    next = Long.parseLong(response.headers().get(PollBatchFormat.LAST_ID_HEADER, ""));
                    PollBatchFormat.decode(response.content(), this);
                } catch (IllegalArgumentException e) {
                    // NumberFormatException included: a missing or non-numeric last-id header.
                    stop(new DriverException(ErrorKind.PROTOCOL, "malformed poll answer: " + e.getMessage(), e));
                    ctx.close();
                    return;
                }
                after = next;
                hasAfter = true;
                if (closing) {
                    return;
                }
                if (HttpUtil.isKeepAlive(response)) {
                    poll(ctx.channel());
                } else {
                    serverCloses = true;
                    ctx.close();
                }
            }

            @Override
            public void onMessage(long id, String text) {
                listener.onMessage(Poller.this, text, receivedNanos);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                super.channelInactive(ctx);
                if (closing || stopped) {
                    if (!opened.isDone()) {
                        opened.completeExceptionally(new DriverException(ErrorKind.IO, "closed before the first poll"));
                    }
                    reportClose();
                } else if (serverCloses) {
                    connect(ctx.channel().eventLoop());
                } else if (answered) {
                    listener.onError(Poller.this, new DriverException(ErrorKind.CLOSED_BY_SERVER,
                            "server closed the connection; re-polling after " + (hasAfter ? after : "the newest")
                                    + " on a new one"));
                    connect(ctx.channel().eventLoop());
                } else {
                    stop(new DriverException(ErrorKind.CLOSED_BY_SERVER,
                            "server closed the connection before answering a poll"));
                    reportClose();
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                stop(cause instanceof TooLongFrameException
                        ? new DriverException(ErrorKind.PROTOCOL, "poll answer larger than " + MAX_RESPONSE_BYTES
                                + " bytes", cause)
                        : NettyErrors.ioFailure(cause));
                ctx.close();
            }
        }
    }

    private static DriverException asDriverException(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof DriverException d ? d : NettyErrors.ioFailure(cause);
    }
}
