package io.pushbench.core.driver.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.pushbench.core.driver.ClientIds;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.driver.WireCounter;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-Sent Events over HTTP/2 on Netty, the default {@link Transport#SSE_HTTP2} driver. Each
 * {@link #connect} is one HTTP/2 stream, {@code GET uri} with {@code accept: text/event-stream}
 * (a {@code client} parameter in the target's URIs is made unique per stream, see
 * {@link ClientIds}); streams are multiplexed over few TCP connections, opened as
 * they are needed: with {@link DriverOptions#streamsPerConnection()} N, stream k goes on
 * connection k / N (ceil(subscribers / N) connections in all), and with 0 every stream of an
 * origin shares one connection. {@code http://} targets speak HTTP/2 with prior knowledge (h2c);
 * {@code https://} targets negotiate {@code h2} by ALPN over TLS, trusting certificates as the
 * {@link TlsTrust} says. {@link PushConnection#send} POSTs to {@link Target#sendUri()} (same
 * origin) as a new stream on the same TCP connection.
 *
 * <p>Connect time ({@link ConnectionListener#onOpen}) runs from the {@link #connect} call to the
 * 200 response headers: for the first stream of a connection that includes the TCP connect and
 * TLS; for later streams it is the stream's own request (plus any wait for a connection still
 * being set up). Events are parsed from DATA frames as they arrive, whatever their split (see
 * {@link SseHttp2Stream} for where the receive time is read). Byte counts ({@link #wire()}) are
 * taken below TLS, so they include TLS records, HTTP/2 framing, HPACK headers, WINDOW_UPDATEs and
 * the POSTs.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>TCP connect timeout</td><td>{@value #CONNECT_TIMEOUT_MILLIS} ms</td></tr>
 *   <tr><td>response headers timeout, per stream</td><td>{@value SseHttp2Stream#RESPONSE_TIMEOUT_MILLIS} ms</td></tr>
 *   <tr><td>receive window per stream</td><td>{@value Http2ClientConnection#INITIAL_WINDOW_BYTES} bytes
 *       (connection: twice that)</td></tr>
 *   <tr><td>concurrent streams per connection</td><td>as the server allows (SETTINGS_MAX_CONCURRENT_STREAMS);
 *       beyond it a stream fails with a {@code protocol} error: lower streams-per-connection</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class NettySseHttp2Driver implements TransportDriver {

    /** How long the TCP connect may take. */
    public static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final int streamsPerConnection;
    private final TlsTrust trust;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final WireCounter wire = new WireCounter();
    private final WireCountingHandler wireHandler = new WireCountingHandler(wire);
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicLong tcpConnections = new AtomicLong();
    private final List<Pooled> pool = new ArrayList<>();
    private volatile SslContext tls;

    /** A driver trusting the JDK's trust store for {@code https} targets. */
    public NettySseHttp2Driver(DriverOptions options) {
        this(options, TlsTrust.system());
    }

    /**
     * @param options I/O threads (0 for Netty's default) and streams per TCP connection (0: all on one)
     * @param trust   which certificates {@code https} targets may present
     */
    public NettySseHttp2Driver(DriverOptions options, TlsTrust trust) {
        this.streamsPerConnection = options.streamsPerConnection();
        this.trust = Objects.requireNonNull(trust, "trust");
        this.group = NettyIo.newGroup("h2-client", options.ioThreads());
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
    }

    @Override
    public Transport transport() {
        return Transport.SSE_HTTP2;
    }

    @Override
    public ClientStack stack() {
        return ClientStack.NETTY;
    }

    /**
     * Opens one event stream on a shared connection (opening the connection if it is the first
     * stream of one).
     *
     * @throws IllegalArgumentException when the target's send URI is on another origin than its URI
     */
    @Override
    public CompletableFuture<PushConnection> connect(Target target, ConnectionListener listener) {
        long startNanos = System.nanoTime();
        if (target.sendUri() != null && !Http2Requests.sameOrigin(target, target.sendUri())) {
            throw new IllegalArgumentException("sse-http2 sends on the stream's own connection: the send URI "
                    + target.sendUri() + " must have the origin of " + target.uri());
        }
        int id = nextId.getAndIncrement();
        Pooled pooled = assign(target);
        SseHttp2Stream stream = new SseHttp2Stream(id, ClientIds.forConnection(target, id), listener, startNanos,
                pooled.connection, () -> release(pooled));
        pooled.connection.openStream(stream, stream::failOpen);
        return stream.opened;
    }

    /** The connection the next stream to {@code target} goes on: one with room, or a new one. */
    private synchronized Pooled assign(Target target) {
        String origin = target.uri().getScheme() + "://" + target.uri().getHost() + ":" + target.port();
        for (Pooled pooled : pool) {
            if (pooled.origin.equals(origin) && pooled.connection.acceptsStreams()
                    && (streamsPerConnection == 0 || pooled.streams < streamsPerConnection)) {
                pooled.streams++;
                return pooled;
            }
        }
        Http2ClientConnection connection = new Http2ClientConnection(bootstrap, target,
                target.secure() ? tlsContext() : null, wireHandler, tcpConnections::incrementAndGet);
        Pooled pooled = new Pooled(origin, connection);
        pooled.streams = 1;
        pool.add(pooled);
        return pooled;
    }

    /** A stream ended: its place on the connection is free again; a connection that is gone leaves the pool. */
    private synchronized void release(Pooled pooled) {
        pooled.streams--;
        if (!pooled.connection.acceptsStreams() && pooled.streams == 0) {
            pool.remove(pooled);
        }
    }

    private SslContext tlsContext() {
        SslContext context = tls;
        if (context == null) {
            context = NettyTls.clientContext(trust, ApplicationProtocolNames.HTTP_2);
            tls = context;
        }
        return context;
    }

    @Override
    public WireCounter wire() {
        return wire;
    }

    /** TCP connections opened so far: one per streamsPerConnection streams, not one per stream. */
    @Override
    public long tcpConnectionsOpened() {
        return tcpConnections.get();
    }

    @Override
    public void close() {
        List<Pooled> open;
        synchronized (this) {
            open = List.copyOf(pool);
            pool.clear();
        }
        open.forEach(pooled -> pooled.connection.close());
        NettyIo.shutdown(group);
    }

    /** A connection of the pool, its origin and how many streams are on it (guarded by the driver). */
    private static final class Pooled {
        final String origin;
        final Http2ClientConnection connection;
        int streams;

        Pooled(String origin, Http2ClientConnection connection) {
            this.origin = origin;
            this.connection = connection;
        }
    }
}
