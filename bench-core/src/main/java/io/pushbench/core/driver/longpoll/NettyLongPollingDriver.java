package io.pushbench.core.driver.longpoll;

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
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.lifecycle.ReconnectBackoff;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.driver.WireCounter;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.PollBatchFormat;
import io.pushbench.core.transport.Transport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * breaks the format or lacks the last-id header a {@link ErrorKind#PROTOCOL} error; after either
 * the connection is closed for good. When the server closes a connection (or it fails) after the
 * first poll was sent, that is reported as {@link ErrorKind#CLOSED_BY_SERVER} (or the I/O error)
 * and the driver opens a new one on the same event loop and polls with the last id, so that no
 * message the server still holds is missed; {@link ConnectionListener#onReconnect} reports the
 * downtime once the poll is sent. A connection that had answered a poll is reopened at once;
 * failed attempts, and connections closed before answering any poll, back off (so a server that
 * refuses every poll causes no reconnect storm). An answer that says {@code Connection: close}
 * is followed by a new connection, which is no loss. {@link PushConnection#close()} never
 * reconnects.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>largest poll answer</td><td>{@value #MAX_RESPONSE_BYTES} bytes; larger is a protocol error</td></tr>
 *   <tr><td>connect timeout</td><td>{@value #CONNECT_TIMEOUT_MILLIS} ms</td></tr>
 *   <tr><td>poll answer timeout</td><td>none: the server decides how long a poll is held</td></tr>
 *   <tr><td>reconnect backoff</td><td>{@value ReconnectBackoff#FIRST_MILLIS} ms, doubling up to {@value ReconnectBackoff#MAX_MILLIS} ms;
 *       reset by an answer</td></tr>
 * </table>
 */
public final class NettyLongPollingDriver implements TransportDriver {

    /** Largest poll answer read: room for one largest message (16 MiB) escaped to twice its size. */
    public static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    /** How long a TCP connect may take. */
    public static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final EventLoopGroup group;
    private final DriverOptions options;
    private final NettyTls tls;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Set<Poller> pollers = ConcurrentHashMap.newKeySet();
    private final WireCounter wire = new WireCounter();
    private final WireCountingHandler wireHandler = new WireCountingHandler(wire);
    private final NettyHttpPoster poster;
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicLong tcpConnections = new AtomicLong();
    private final LongAdder answeredPolls = new LongAdder();

    /** A driver with the given event-loop threads; 0 for Netty's default. */
    public NettyLongPollingDriver(int ioThreads) {
        this(new DriverOptions(ioThreads, 0));
    }

    /**
     * A driver with {@link DriverOptions#ioThreads()} event loops that checks certificates as
     * {@link DriverOptions#trust()} says (polls and sends alike) and binds polling connections to
     * {@link DriverOptions#localAddresses()} in turn. It sends no heartbeat of its own: the server's
     * empty answer to an idle poll is long polling's heartbeat.
     *
     */
    public NettyLongPollingDriver(DriverOptions options) {
        this.options = options;
        this.tls = NettyTls.of(options.trust());
        this.group = NettyIo.newGroup("lp-client", options.ioThreads());
        this.poster = new NettyHttpPoster(group, wire, options.trust());
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
     * After its first connection its state is touched on that connection's event loop only (every
     * later connection is pinned to it), except the volatile fields read by {@link #send},
     * {@link #isOpen} and {@link #close} from other threads.
     */
    private final class Poller implements PushConnection {

        private final int id;
        private final Target target;
        private final ConnectionListener listener;
        private final long connectStartNanos;
        private final CompletableFuture<PushConnection> opened = new CompletableFuture<>();
        private volatile Channel channel;
        private volatile EventLoop loop;
        private volatile boolean closing;
        private volatile boolean stopped;
        private long after;
        private boolean hasAfter;
        private boolean closeReported;
        /** When the connection was lost, while it is being reopened; -1 otherwise. */
        private long lostAtNanos = -1;
        private final ReconnectBackoff backoff = new ReconnectBackoff();

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
                            tls.addClientHandlerIfSecure(ch, target);
                            p.addLast(new HttpClientCodec());
                            p.addLast(new HttpObjectAggregator(MAX_RESPONSE_BYTES));
                            p.addLast(new AnswerHandler());
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
                    poll(ch);
                }
            });
        }

        private void poll(Channel ch) {
            ch.writeAndFlush(pollRequest()).addListener(written -> {
                if (!written.isSuccess()) {
                    ch.pipeline().fireExceptionCaught(written.cause());
                } else if (!opened.isDone()) {
                    listener.onOpen(this, System.nanoTime() - connectStartNanos);
                    opened.complete(this);
                } else if (lostAtNanos >= 0) {
                    listener.onReconnect(this, System.nanoTime() - lostAtNanos);
                    lostAtNanos = -1;
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

        /** A poll was answered and its batch delivered: poll again after its last id. */
        private void answered(Channel ch, long lastId, boolean keepAlive) {
            after = lastId;
            hasAfter = true;
            backoff.reset();
            if (closing) {
                return;
            }
            if (keepAlive) {
                poll(ch);
            } else {
                ch.close();
            }
        }

        /**
         * The TCP connection under this poller closed.
         *
         * @param serverSaidClose its last answer said the server would close it: not a loss
         * @param answered        it answered a poll: a server that keeps answering is reconnected at once
         * @param reported        the failure that closed it, already reported, or null
         */
        private void lost(boolean serverSaidClose, boolean answered, DriverException reported) {
            if (closing || stopped) {
                opened.completeExceptionally(new DriverException(ErrorKind.IO, "closed before the first poll"));
                reportClose();
            } else if (!opened.isDone()) {
                DriverException error = reported != null ? reported
                        : new DriverException(ErrorKind.CLOSED_BY_SERVER, "server closed the connection before the first poll");
                if (reported == null) {
                    listener.onError(this, error);
                }
                stopped = true;
                opened.completeExceptionally(error);
                reportClose();
            } else if (serverSaidClose) {
                connect(loop);
            } else {
                if (lostAtNanos < 0) {
                    lostAtNanos = System.nanoTime();
                }
                if (reported == null) {
                    listener.onError(this, new DriverException(ErrorKind.CLOSED_BY_SERVER,
                            "server closed the connection; polling after " + (hasAfter ? after : "the newest")
                                    + " on a new one"));
                }
                if (answered) {
                    connect(loop);
                } else {
                    scheduleReconnect();
                }
            }
        }

        private void scheduleReconnect() {
            if (closing) {
                reportClose();
                return;
            }
            long delay = backoff.nextDelayMillis();
            loop.schedule(() -> {
                if (closing) {
                    reportClose();
                } else {
                    connect(loop);
                }
            }, delay, TimeUnit.MILLISECONDS);
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

        /** Reads the answers on one TCP connection of this poller. */
        private final class AnswerHandler extends SimpleChannelInboundHandler<FullHttpResponse>
                implements PollBatchFormat.LineHandler {

            private boolean answered;
            private boolean serverSaidClose;
            /** The I/O failure reported on this connection, if any. */
            private DriverException error;
            private long receivedNanos;

            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
                receivedNanos = System.nanoTime();
                answeredPolls.increment();
                answered = true;
                if (!HttpResponseStatus.OK.equals(response.status())) {
                    stop(NettyErrors.httpStatus(response.status().codeAsText(), "poll answered HTTP "
                            + response.status()));
                    ctx.close();
                    return;
                }
                long lastId;
                try {
                    lastId = Long.parseLong(response.headers().get(PollBatchFormat.LAST_ID_HEADER, ""));
                    PollBatchFormat.decode(response.content(), this);
                } catch (IllegalArgumentException e) {
                    // NumberFormatException included: a missing or non-numeric last-id header.
                    stop(new DriverException(ErrorKind.PROTOCOL, "malformed poll answer: " + e.getMessage(), e));
                    ctx.close();
                    return;
                }
                serverSaidClose = !HttpUtil.isKeepAlive(response);
                answered(ctx.channel(), lastId, !serverSaidClose);
            }

            @Override
            public void onMessage(long id, String text) {
                listener.onMessage(Poller.this, text, receivedNanos);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                super.channelInactive(ctx);
                lost(serverSaidClose, answered, error);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                if (cause instanceof TooLongFrameException) {
                    stop(new DriverException(ErrorKind.PROTOCOL, "poll answer larger than " + MAX_RESPONSE_BYTES
                            + " bytes", cause));
                } else if (error == null) {
                    error = NettyErrors.ioFailure(cause);
                    listener.onError(Poller.this, error);
                }
                ctx.close();
            }
        }
    }
}
