package io.pushbench.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.server.tls.ServerTls;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The reference server: every transport pushbench measures, served by one Netty process from one
 * {@link Hub}, so that one publishing schedule is measured through each protocol. It runs
 * in-process (tests, {@code compare}) or on its own ({@code pushbench serve}).
 *
 * <p>The port speaks HTTP/1.1 (with the WebSocket upgrade) and HTTP/2 with prior knowledge; the
 * TLS port, when enabled, offers HTTP/2 and HTTP/1.1 by ALPN, with the given certificate or one
 * generated at start (see {@link io.pushbench.server.tls.SelfSignedCertificate}).
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>bind</td><td>{@value #DEFAULT_BIND}</td><td>address to listen on: loopback unless told otherwise</td></tr>
 *   <tr><td>port</td><td>0</td><td>TCP port; 0 picks a free one ({@link #port()} tells which)</td></tr>
 *   <tr><td>tlsPort</td><td>{@value #TLS_OFF} (off)</td><td>TLS port; 0 picks a free one ({@link #tlsPort()}
 *       tells which)</td></tr>
 *   <tr><td>tlsCertificate</td><td>generated</td><td>PEM certificate chain and private key for the TLS port;
 *       without them a self-signed certificate is generated at start ({@link #tlsCertificate()})</td></tr>
 *   <tr><td>ioThreads</td><td>0</td><td>event-loop threads; 0 for {@link #sharedProcessIoThreads()}: half the
 *       cores, at least 1 (see below)</td></tr>
 *   <tr><td>maxMessageBytes</td><td>{@value #DEFAULT_MAX_MESSAGE_BYTES}</td><td>largest request body or WebSocket message</td></tr>
 *   <tr><td>heartbeatInterval</td><td>15 s</td><td>heartbeat on idle push channels: WebSocket ping,
 *       SSE comment line, empty long-poll answer</td></tr>
 *   <tr><td>idleTimeout</td><td>60 s</td><td>a connection that carries nothing this long is closed</td></tr>
 *   <tr><td>maxHeaderBytes</td><td>{@value #DEFAULT_MAX_HEADER_BYTES}</td><td>largest request line and headers:
 *       beyond it, 414 (line) or 431 (headers) and the connection is closed</td></tr>
 *   <tr><td>maxMessageBytes (request body)</td><td>as above</td><td>beyond it, 413</td></tr>
 *   <tr><td>delay</td><td>0</td><td>added before every broadcast is written: a known shift for calibration</td></tr>
 *   <tr><td>faults</td><td>none</td><td>envelopes to drop, repeat or swap, to test that they are counted</td></tr>
 *   <tr><td>maxConnections</td><td>0 (no limit)</td><td>most TCP connections open at once; a request on a
 *       connection beyond it is answered 503 and the connection closed ({@link ServerStats#rejectedConnections()})</td></tr>
 *   <tr><td>subscriberBufferBytes</td><td>{@value #DEFAULT_SUBSCRIBER_BUFFER_BYTES}</td><td>bytes queued for one
 *       subscriber before further broadcasts to it are dropped and counted</td></tr>
 * </table>
 *
 * <h2>Event-loop threads</h2>
 * By default the server runs on half the cores' worth of event loops, at least one
 * ({@link #sharedProcessIoThreads()}): in {@code compare} and in tests it shares its process with
 * pushbench's own client event loops and sender, and more threads than cores only add context
 * switches. {@code pushbench serve}, alone in its process, asks for one per core
 * ({@link #ownProcessIoThreads()}). Netty's own default, two per core, is what the server used
 * before. Measured on the 2-core development machine, heavily loaded by other processes (load
 * average about 20), with {@code compare --rate 1000 --subscribers 10 --duration 5s --no-floor}
 * (10,000 deliveries/s), server CPU per delivered message, median of 3 runs:
 * <table>
 *   <caption>Server CPU, µs per delivered message, by event loops (embedded server)</caption>
 *   <tr><th>event loops</th><th>long polling</th><th>WebSocket</th><th>SSE HTTP/1.1</th><th>SSE HTTP/2</th></tr>
 *   <tr><td>1 (half the cores: the default)</td><td>12.4</td><td>11.2</td><td>14.4</td><td>10.4</td></tr>
 *   <tr><td>2 (one per core)</td><td>16.9</td><td>18.6</td><td>13.1</td><td>12.8</td></tr>
 *   <tr><td>4 (Netty's default)</td><td>13.4</td><td>23.4</td><td>33.5</td><td>12.6</td></tr>
 * </table>
 * On its own ({@code serve}, the same compare run with {@code --server}), the server process used
 * 12.6, 12.8 and 12.9 s of CPU with 1, 2 and 4 event loops: no difference the load let show, so
 * {@code serve} takes one per core, which lets it use the whole machine when nothing else runs.
 * Latency figures of these runs were dominated by the machine's load and are not quoted.
 *
 * <p>Thread-safe. {@link #close()} stops it and waits for its threads.
 */
public final class ReferenceServer implements AutoCloseable {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024 + 1024;
    public static final int DEFAULT_SUBSCRIBER_BUFFER_BYTES = 4 * 1024 * 1024;
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_HEADER_BYTES = 8192;
    /** The {@code tlsPort} that means no TLS port. */
    public static final int TLS_OFF = -1;

    private final Config config;
    private final Hub hub;
    private final DirectDelivery direct = new DirectDelivery();
    private final ServerStats stats = new ServerStats();
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final HttpStacks stacks;
    private final ServerTls tls;
    private final Channel tlsListener;

    private ReferenceServer(Config config) throws BindException {
        this.config = config;
        this.tls = config.tlsPort == TLS_OFF ? null
                : config.tlsCertificate == null ? ServerTls.selfSigned(List.of(config.bind))
                : ServerTls.fromPem(config.tlsCertificate, config.tlsKey);
        this.hub = new Hub(config.delay, config.faults);
        this.boss = NettyIo.newGroup("server-accept", 1);
        this.workers = NettyIo.newGroup("server-io",
                config.ioThreads == 0 ? sharedProcessIoThreads() : config.ioThreads);
        ServerContext context = new ServerContext(hub, direct, stats, config.maxMessageBytes, config.heartbeatInterval,
                config.maxConnections, new EventLoopMailboxes(), config.webSocketCompression);
        this.stacks = new HttpStacks(context, config.maxHeaderBytes);
        Channel plain = null;
        try {
            plain = bind(config.port, new ReferenceServerInitializer(context, stacks, null, config.idleTimeout));
            this.listener = plain;
            this.tlsListener = tls == null ? null
                    : bind(config.tlsPort, new ReferenceServerInitializer(context, stacks, tls.context(),
                    config.idleTimeout));
        } catch (BindException e) {
            if (plain != null) {
                plain.close().awaitUninterruptibly();
            }
            hub.close();
            NettyIo.shutdown(workers);
            NettyIo.shutdown(boss);
            throw e;
        }
    }

    private Channel bind(int port, ReferenceServerInitializer initializer) throws BindException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NettyIo.serverSocketChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.subscriberBufferBytes / 2, config.subscriberBufferBytes))
                .childHandler(initializer);
        try {
            return bootstrap.bind(config.bind, port).sync().channel();
        } catch (Exception e) {
            BindException bind = new BindException("cannot listen on " + config.bind + ":" + port + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            bind.initCause(e);
            throw bind;
        }
    }

    /**
     * Event loops for a server that shares its process with pushbench's generator (embedded in
     * {@code compare}, tests): half the available cores, at least 1. The default.
     */
    public static int sharedProcessIoThreads() {
        return NettyIo.sharedProcessThreads();
    }

    /** Event loops for a server alone in its process ({@code pushbench serve}): one per available core. */
    public static int ownProcessIoThreads() {
        return NettyIo.defaultThreads();
    }

    /** A builder with every option at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on. */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The TLS port the server listens on, or {@value #TLS_OFF} when TLS is off. */
    public int tlsPort() {
        return tlsListener == null ? TLS_OFF : ((InetSocketAddress) tlsListener.localAddress()).getPort();
    }

    /**
     * The certificate the TLS port presents (generated at start unless one was given): what a
     * client must trust to verify this server.
     *
     * @throws IllegalStateException when TLS is off
     */
    public X509Certificate tlsCertificate() {
        if (tls == null) {
            throw new IllegalStateException("TLS is off: set a tlsPort");
        }
        return tls.certificate();
    }

    /** The address the server listens on, e.g. {@code 127.0.0.1}. */
    public String host() {
        return ((InetSocketAddress) listener.localAddress()).getAddress().getHostAddress();
    }

    /** The publisher every transport is fed from. */
    public Hub hub() {
        return hub;
    }

    /** Connections, wire bytes and errors counted by the server. */
    public ServerStats stats() {
        return stats;
    }

    /**
     * Closes every Server-Sent Events stream now, as a proxy restart would (fault injection): the
     * server keeps running and retaining broadcasts, so clients that resume with
     * {@code Last-Event-ID} miss nothing. Waits until they are closed (over HTTP/1.1 their
     * connections, over HTTP/2 their streams: the connection stays for the others).
     */
    public void closeEventStreams() {
        stacks.sse().closeStreams();
    }

    /** Stops accepting, closes every connection and waits for the I/O threads to end. */
    @Override
    public void close() {
        hub.close();
        listener.close().awaitUninterruptibly();
        if (tlsListener != null) {
            tlsListener.close().awaitUninterruptibly();
        }
        NettyIo.shutdown(boss);
        NettyIo.shutdown(workers);
    }

    private record Config(String bind, int port, int ioThreads, int maxMessageBytes, int subscriberBufferBytes,
                          Duration heartbeatInterval, Duration delay, BroadcastFaults faults, Duration idleTimeout,
                          int maxHeaderBytes, int tlsPort, Path tlsCertificate, Path tlsKey, int maxConnections,
                          boolean webSocketCompression) {
    }

    /** Sets the server's options; {@link #start()} binds it. */
    public static final class Builder {
        private String bind = DEFAULT_BIND;
        private int port;
        private int ioThreads;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int subscriberBufferBytes = DEFAULT_SUBSCRIBER_BUFFER_BYTES;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private Duration delay = Duration.ZERO;
        private BroadcastFaults faults = BroadcastFaults.NONE;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int tlsPort = TLS_OFF;
        private Path tlsCertificate;
        private Path tlsKey;
        private int maxConnections;
        private boolean webSocketCompression;

        public Builder bind(String bind) {
            this.bind = Objects.requireNonNull(bind, "bind");
            return this;
        }

        /** 0 to 65535; 0 picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The TLS port, 0 to 65535 (0 picks a free one), or {@value #TLS_OFF} for none. */
        public Builder tlsPort(int tlsPort) {
            if (tlsPort < TLS_OFF || tlsPort > 65535) {
                throw new IllegalArgumentException("tls-port must be between 0 and 65535, or -1 for none, was "
                        + tlsPort);
            }
            this.tlsPort = tlsPort;
            return this;
        }

        /**
         * The TLS port's identity instead of a generated one: PEM files, read at {@link #start()}.
         *
         * @param certificateChain the server's certificate, then any intermediates
         * @param privateKey       its unencrypted private key (PKCS#8, or PKCS#1/SEC 1)
         */
        public Builder tlsCertificate(Path certificateChain, Path privateKey) {
            this.tlsCertificate = Objects.requireNonNull(certificateChain, "certificateChain");
            this.tlsKey = Objects.requireNonNull(privateKey, "privateKey");
            return this;
        }

        /** Event-loop threads, {@code >= 0}; 0 (the default) for {@link #sharedProcessIoThreads()}. */
        public Builder ioThreads(int ioThreads) {
            if (ioThreads < 0) {
                throw new IllegalArgumentException("io-threads must be >= 0, was " + ioThreads);
            }
            this.ioThreads = ioThreads;
            return this;
        }

        /** Largest request body or WebSocket message, bytes, {@code >= 1024}. */
        public Builder maxMessageBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("max-message-bytes must be >= 1024, was " + bytes);
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /** Bytes queued per subscriber before broadcasts to it are dropped, {@code >= 64 KiB}. */
        public Builder subscriberBufferBytes(int bytes) {
            if (bytes < 64 * 1024) {
                throw new IllegalArgumentException("subscriber-buffer must be >= 65536 bytes, was " + bytes);
            }
            this.subscriberBufferBytes = bytes;
            return this;
        }

        /** Heartbeat period on idle push channels, {@code > 0}. */
        public Builder heartbeatInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("heartbeat must be > 0, was " + interval);
            }
            this.heartbeatInterval = interval;
            return this;
        }

        /** Delay added before every broadcast is written, {@code >= 0}; for calibration. Default 0. */
        public Builder delay(Duration delay) {
            if (delay == null || delay.isNegative()) {
                throw new IllegalArgumentException("delay must be >= 0, was " + delay);
            }
            this.delay = delay;
            return this;
        }

        /** How long a connection may carry nothing before it is closed, {@code > 0}. Default 60 s. */
        public Builder idleTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("idle-timeout must be > 0, was " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /** Largest request line plus headers, bytes, 1024 .. 1 MiB; larger gets 431 or 414. Default 8 KiB. */
        public Builder maxHeaderBytes(int bytes) {
            if (bytes < 1024 || bytes > 1024 * 1024) {
                throw new IllegalArgumentException("max-header-bytes must be between 1024 and 1048576, was " + bytes);
            }
            this.maxHeaderBytes = bytes;
            return this;
        }

        /** Faults to inject into published envelopes, for testing that they are counted. Default none. */
        public Builder faults(BroadcastFaults faults) {
            this.faults = java.util.Objects.requireNonNull(faults, "faults");
            return this;
        }

        /**
         * Most TCP connections open at once, {@code >= 0}; 0 (the default) for no limit. A connection
         * beyond the limit has its request answered with 503 and is closed: a server that breaks at a
         * known point, for testing capacity measurements.
         */
        public Builder maxConnections(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("max-connections must be >= 0, was " + max);
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * Whether the WebSocket endpoints accept a client's permessage-deflate offer (RFC 7692) and
         * then compress every frame to it; default false. A client that offers nothing gets
         * uncompressed frames either way.
         */
        public Builder webSocketCompression(boolean on) {
            this.webSocketCompression = on;
            return this;
        }

        /**
         * Binds and starts serving.
         *
         * @throws BindException              with a one-line message when the address or a port cannot be used
         * @throws IllegalArgumentException naming the file when the TLS certificate or key cannot be used
         */
        public ReferenceServer start() throws BindException {
            return new ReferenceServer(new Config(bind, port, ioThreads, maxMessageBytes, subscriberBufferBytes,
                    heartbeatInterval, delay, faults, idleTimeout, maxHeaderBytes, tlsPort, tlsCertificate, tlsKey,
                    maxConnections, webSocketCompression));
        }
    }
}
