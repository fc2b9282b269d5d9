package io.pushbench.core.driver.ssehttp2;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.driver.netty.NettyConnector;
import io.pushbench.core.driver.netty.NettyTls;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.netty.WireCountingHandler;
import io.pushbench.core.record.WireCounter;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The HTTP/2 TCP connections of a client, shared by its streams, within what each server allows.
 * A stream asks for a place ({@link #request}) and waits until a connection to its origin has
 * one: a connection takes as many streams at once as the smaller of the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS (the first SETTINGS and every later one) and
 * {@code streamsPerConnection} (an upper bound; 0 for none). When no connection has room, the
 * pool opens more: as many as the waiting streams need at the limit the origin's last connection
 * announced (or the upper bound), or one at a time while no limit is known yet. A connection that
 * received GOAWAY takes no new streams (those it accepted go on) and closes once they ended; one that
 * failed or closed leaves the pool. Connections are only opened when a stream needs one, as browsers
 * and h2load do, so {@link WireCounter#connectionsOpened()} counts the connections actually used.
 *
 * <p>Streams waiting for a connection that fails before it was ready (refused, TLS, no HTTP/2) fail
 * with its error, as many as were counted on it, so a server that is down costs one failed
 * connection per batch of waiting streams, not a reconnect loop; the subscriptions' own reconnect
 * policies decide what comes next.
 *
 * <p>Thread-safe: state is guarded by the pool's monitor; connections are started, places granted
 * and waiting streams failed outside it.
 */
final class Http2ConnectionPool {

    /** A stream waiting for a place on a connection; one of its methods is called once, outside the pool's lock. */
    interface StreamRequest {
        /**
         * A place on {@code connection} is this stream's: open it there, and {@link #release} the place when
         * the stream has closed (or could not be opened).
         */
        void granted(Http2ClientConnection connection);

        /** No connection could be had for it. */
        void failed(DriverException error);
    }

    /** A limit no stream count reaches: no limit known yet, or none set. */
    private static final int UNLIMITED = Integer.MAX_VALUE;

    private final int streamsPerConnection;
    private final Bootstrap bootstrap;
    private final TlsTrust trust;
    private final WireCounter wire;
    private final WireCountingHandler wireCounter;
    private final IntFunction<InetSocketAddress> localAddresses;
    private final Map<String, Origin> origins = new HashMap<>();
    private final Map<Http2ClientConnection, Pooled> byConnection = new HashMap<>();
    private SslContext tls;
    private int created;
    private boolean closed;

    /**
     * @param group                the event loops the connections run on (not shut down by the pool)
     * @param streamsPerConnection most streams per TCP connection, {@code >= 0}; 0 for as many as the server allows
     * @param trust                which certificates {@code https} origins may present (h2 is offered by ALPN)
     * @param wire                 counts every connection's bytes (below TLS) and the connections
     * @param localAddresses       the source address of the n-th connection opened (from 0), null for the system's
     */
    Http2ConnectionPool(EventLoopGroup group, int streamsPerConnection, TlsTrust trust, WireCounter wire,
                        IntFunction<InetSocketAddress> localAddresses) {
        if (streamsPerConnection < 0) {
            throw new IllegalArgumentException("streams per connection must be >= 0, was " + streamsPerConnection);
        }
        this.streamsPerConnection = streamsPerConnection;
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NettyIo.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, NettyConnector.CONNECT_TIMEOUT_MILLIS);
        this.trust = trust;
        this.wire = wire;
        this.wireCounter = new WireCountingHandler(wire);
        this.localAddresses = localAddresses;
    }

    /** Queues {@code request} for a place on a connection to {@code target}'s origin; it may be granted at once. */
    void request(Target target, StreamRequest request) {
        locked(actions -> {
            if (closed) {
                actions.add(() -> request.failed(clientClosed()));
            } else {
                Origin origin = origins.computeIfAbsent(originOf(target), key -> new Origin(target));
                origin.waiting.add(request);
                dispatch(origin, actions);
            }
        });
    }

    /** A stream granted a place on {@code connection} has closed (or never opened): the place is free again. */
    void release(Http2ClientConnection connection) {
        locked(actions -> {
            Pooled pooled = byConnection.get(connection);
            if (pooled == null) {
                return;
            }
            pooled.streams--;
            if (pooled.streams == 0 && !pooled.accepting) {
                forget(pooled);
                actions.add(connection::close);
            }
            dispatch(pooled.origin, actions);
        });
    }

    /** Closes every connection, and with them their streams; streams still waiting fail. */
    void closeAll() {
        locked(actions -> {
            closed = true;
            DriverException closing = clientClosed();
            for (Origin origin : origins.values()) {
                failWaiting(origin, origin.waiting.size(), closing, actions);
            }
            byConnection.keySet().forEach(connection -> actions.add(connection::close));
            byConnection.clear();
            origins.clear();
        });
    }

    /** The error of a stream that asked for a place after the client was closed, or while it closed. */
    static DriverException clientClosed() {
        return new DriverException(ErrorKind.IO, "the HTTP/2 client is closed");
    }

    /**
     * Runs {@code change} holding the pool's lock, then, after releasing it, the actions it decided
     * on (starting connections, granting places, failing streams): their callbacks may take the lock again.
     * Every action runs even when one before it throws: a stream whose grant was skipped would wait
     * for ever. The first exception is thrown after the last action, the others suppressed in it.
     */
    private void locked(Consumer<List<Runnable>> change) {
        List<Runnable> actions = new ArrayList<>();
        synchronized (this) {
            change.accept(actions);
        }
        RuntimeException first = null;
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Grants waiting streams the places free on ready connections, then opens connections for those
     * still waiting beyond what the connections being set up are expected to take. Holding the lock;
     * what it decides is added to {@code actions}, to run after the lock is released.
     */
    private void dispatch(Origin origin, List<Runnable> actions) {
        for (Pooled pooled : origin.connections) {
            while (!origin.waiting.isEmpty() && pooled.ready() && pooled.accepting && pooled.streams < pooled.limit) {
                StreamRequest request = origin.waiting.poll();
                pooled.streams++;
                Http2ClientConnection connection = pooled.connection;
                actions.add(() -> request.granted(connection));
            }
        }
        long expected = 0;
        for (Pooled pooled : origin.connections) {
            if (!pooled.ready() && pooled.accepting) {
                expected += pooled.presumed;
            }
        }
        while (origin.waiting.size() > expected) {
            Pooled pooled = open(origin, actions);
            expected += pooled.presumed;
        }
    }

    /** A new connection to {@code origin}, counted on to take {@link Origin#presumedLimit()} streams; started after the lock. */
    private Pooled open(Origin origin, List<Runnable> actions) {
        InetSocketAddress local = localAddresses.apply(created++);
        Target target = origin.target;
        Pooled pooled = new Pooled(origin, origin.presumedLimit());
        pooled.connection = new Http2ClientConnection(local == null ? bootstrap : bootstrap.clone().localAddress(local),
                target, target.secure() ? tlsContext() : null, wireCounter, wire::connectionOpened, pooled);
        origin.connections.add(pooled);
        byConnection.put(pooled.connection, pooled);
        actions.add(pooled.connection::start);
        return pooled;
    }

    private SslContext tlsContext() {
        if (tls == null) {
            tls = NettyTls.clientContext(trust, ApplicationProtocolNames.HTTP_2);
        }
        return tls;
    }

    /** Fails the first {@code count} waiting streams of {@code origin} with {@code error}, after the lock. */
    private static void failWaiting(Origin origin, long count, DriverException error, List<Runnable> actions) {
        for (long i = 0; i < count && !origin.waiting.isEmpty(); i++) {
            StreamRequest request = origin.waiting.poll();
            actions.add(() -> request.failed(error));
        }
    }

    private void forget(Pooled pooled) {
        pooled.origin.connections.remove(pooled);
        byConnection.remove(pooled.connection);
    }

    private static String originOf(Target target) {
        return target.uri().getScheme().toLowerCase(Locale.ROOT) + "://"
                + target.uri().getHost().toLowerCase(Locale.ROOT) + ":" + target.port();
    }

    /** One origin's connections and the streams waiting for a place on one (guarded by the pool). */
    private final class Origin {
        final Target target;
        final List<Pooled> connections = new ArrayList<>();
        final ArrayDeque<StreamRequest> waiting = new ArrayDeque<>();
        /** The limit the origin's latest SETTINGS gave a connection, or {@link #UNLIMITED} before any. */
        int lastLimit = UNLIMITED;

        Origin(Target target) {
            this.target = target;
        }

        /**
         * How many streams a connection not yet ready is counted on to take: the upper bound or the
         * limit the origin last announced, whichever is lower; unlimited when neither is known, so
         * that streams wait for the first connection's SETTINGS rather than open a connection each.
         */
        int presumedLimit() {
            return Math.min(streamsPerConnection == 0 ? UNLIMITED : streamsPerConnection, lastLimit);
        }
    }

    /** A connection, the streams granted a place on it, and how many it may carry (guarded by the pool). */
    private final class Pooled implements Http2ClientConnection.Events {
        final Origin origin;
        /** Streams counted on for it while it is being set up. */
        final int presumed;
        Http2ClientConnection connection;
        int streams;
        /** Streams it may carry at once; -1 until the server's first SETTINGS. */
        int limit = -1;
        boolean accepting = true;

        Pooled(Origin origin, int presumed) {
            this.origin = origin;
            this.presumed = presumed;
        }

        boolean ready() {
            return limit >= 0;
        }

        /**
         * Applies {@code change} to this connection while it is in the pool, then grants or opens what
         * that makes possible.
         */
        private void onEvent(Http2ClientConnection c, Consumer<List<Runnable>> change) {
            locked(actions -> {
                if (byConnection.get(c) == this) {
                    change.accept(actions);
                    dispatch(origin, actions);
                }
            });
        }

        @Override
        public void onMaxStreams(Http2ClientConnection c, int maxStreams) {
            onEvent(c, actions -> {
                boolean first = !ready();
                limit = Math.min(maxStreams, streamsPerConnection == 0 ? UNLIMITED : streamsPerConnection);
                if (maxStreams > 0) {
                    origin.lastLimit = maxStreams;
                } else if (first) {
                    // A connection that takes no stream would have the waiting streams open connection after connection.
                    accepting = false;
                    forget(this);
                    failWaiting(origin, presumed, new DriverException(ErrorKind.PROTOCOL, "the server allows no "
                            + "streams (SETTINGS_MAX_CONCURRENT_STREAMS 0) on its connections"), actions);
                    actions.add(c::close);
                }
            });
        }

        @Override
        public void onGoAway(Http2ClientConnection c, Http2Error error) {
            onEvent(c, actions -> {
                accepting = false;
                if (!ready()) {
                    forget(this);
                    failWaiting(origin, presumed, new DriverException(ErrorKind.PROTOCOL, "the server sent GOAWAY ("
                            + error + ") before any stream"), actions);
                } else if (streams == 0) {
                    forget(this);
                    actions.add(c::close);
                }
            });
        }

        @Override
        public void onEnded(Http2ClientConnection c) {
            onEvent(c, actions -> {
                forget(this);
                if (!ready() && accepting) {
                    failWaiting(origin, presumed, c.failure(), actions);
                }
                accepting = false;
                // Its streams end with it, each releasing its place: they are no longer counted here.
            });
        }
    }
}
