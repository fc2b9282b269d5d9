package io.pushbench.core.driver.ssehttp2;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslContext;
import io.pushbench.core.driver.Target;
import io.pushbench.core.record.WireCounter;
import io.pushbench.core.netty.WireCountingHandler;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The HTTP/2 driver's TCP connections, shared by its streams: with a limit of N streams per
 * connection, a stream goes on the first connection to its origin with fewer than N streams, else
 * on a new one; with no limit (0) every stream of an origin shares one connection. A connection
 * that failed, closed or received GOAWAY takes no more streams and leaves the pool once its last
 * stream has ended. Connections open lazily, when a stream needs one.
 *
 * <p>Thread-safe.
 */
final class Http2ConnectionPool {

    private final int streamsPerConnection;
    private final Bootstrap bootstrap;
    private final Supplier<SslContext> tls;
    private final WireCounter wire;
    private final ChannelHandler wireCounter;
    private final IntFunction<InetSocketAddress> localAddresses;
    private int created;
    private final List<Pooled> pool = new ArrayList<>();

    /**
     * @param streamsPerConnection streams per TCP connection, {@code >= 0}; 0 for all on one
     * @param tls                  the client TLS context (offering h2 by ALPN), asked for on the first {@code https} origin
     * @param wire                 counts every connection's bytes (below TLS) and the connections
     * @param localAddresses       the source address of the n-th connection opened (from 0), null for the system's
     */
    Http2ConnectionPool(int streamsPerConnection, Bootstrap bootstrap, Supplier<SslContext> tls,
                        WireCounter wire, IntFunction<InetSocketAddress> localAddresses) {
        this.streamsPerConnection = streamsPerConnection;
        this.bootstrap = bootstrap;
        this.tls = tls;
        this.wire = wire;
        this.wireCounter = new WireCountingHandler(wire);
        this.localAddresses = localAddresses;
    }

    /** A connection for one more stream to {@code target}'s origin; {@link #release} it when the stream ends. */
    synchronized Http2ClientConnection acquire(Target target) {
        String origin = target.uri().getScheme() + "://" + target.uri().getHost() + ":" + target.port();
        for (Pooled pooled : pool) {
            if (pooled.origin.equals(origin) && pooled.connection.acceptsStreams()
                    && (streamsPerConnection == 0 || pooled.streams < streamsPerConnection)) {
                pooled.streams++;
                return pooled.connection;
            }
        }
        InetSocketAddress local = localAddresses.apply(created++);
        Http2ClientConnection connection = new Http2ClientConnection(
                local == null ? bootstrap : bootstrap.clone().localAddress(local), target,
                target.secure() ? tls.get() : null, wireCounter, wire::connectionOpened);
        Pooled pooled = new Pooled(origin, connection);
        pooled.streams = 1;
        pool.add(pooled);
        return connection;
    }

    /** A stream on {@code connection} ended: its place is free again. */
    synchronized void release(Http2ClientConnection connection) {
        for (Pooled pooled : pool) {
            if (pooled.connection == connection) {
                pooled.streams--;
                if (pooled.streams == 0 && !connection.acceptsStreams()) {
                    pool.remove(pooled);
                }
                return;
            }
        }
    }

    /** Closes every connection, and with them their streams. */
    void closeAll() {
        List<Pooled> open;
        synchronized (this) {
            open = List.copyOf(pool);
            pool.clear();
        }
        open.forEach(pooled -> pooled.connection.close());
    }

    /** A connection, its origin and how many streams are on it (guarded by the pool). */
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
