package io.pushbench.core.driver;


import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Options every driver takes. Immutable; build with {@link #builder()}.
 *
 * @param ioThreads            client I/O threads; 0 for the stack's default
 * @param streamsPerConnection HTTP/2 streams per TCP connection; 0 puts every stream on one connection
 * @param heartbeatInterval    how often a driver sends its own heartbeat where the transport has one
 *                             (WebSocket ping; the pong's round trip is reported), {@code > 0}
 * @param trust                which server certificates are accepted on {@code wss://} and {@code https://}
 * @param localAddresses       source addresses connections are spread over, round robin by connection id
 *                             (each address has its own ephemeral ports, so many connections to one server
 *                             do not run out of them); empty lets the system choose
 * @param protocol             how the clients speak to a server written by others (long-poll cursor, WebSocket
 *                             on-open message, permessage-deflate, binary frames); null for the defaults
 * @param browser              how the browser stack spreads its connections over pages; null for the defaults
 */
public record DriverOptions(int ioThreads, int streamsPerConnection, Duration heartbeatInterval, TlsTrust trust,
                            List<InetAddress> localAddresses, ProtocolOptions protocol, BrowserOptions browser) {

    /** The heartbeat interval when none is given: 15 s, below the 30-60 s idle cut-off of common proxies. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

    public DriverOptions {
        if (ioThreads < 0) {
            throw new IllegalArgumentException("io-threads must be >= 0, was " + ioThreads);
        }
        if (streamsPerConnection < 0) {
            throw new IllegalArgumentException("streams-per-connection must be >= 0, was " + streamsPerConnection);
        }
        if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeat must be > 0, was " + heartbeatInterval);
        }
        Objects.requireNonNull(trust, "trust");
        localAddresses = List.copyOf(localAddresses);
        protocol = protocol == null ? ProtocolOptions.DEFAULTS : protocol;
        browser = browser == null ? BrowserOptions.DEFAULTS : browser;
    }

    /** Options without {@link #browser} (its defaults). */
    public DriverOptions(int ioThreads, int streamsPerConnection, Duration heartbeatInterval, TlsTrust trust,
                         List<InetAddress> localAddresses, ProtocolOptions protocol) {
        this(ioThreads, streamsPerConnection, heartbeatInterval, trust, localAddresses, protocol, BrowserOptions.DEFAULTS);
    }

    /** Options without {@link #protocol} (its defaults). */
    public DriverOptions(int ioThreads, int streamsPerConnection, Duration heartbeatInterval, TlsTrust trust,
                         List<InetAddress> localAddresses) {
        this(ioThreads, streamsPerConnection, heartbeatInterval, trust, localAddresses, ProtocolOptions.DEFAULTS);
    }

    /** Options with the given heartbeat, the JDK's trust store and the system's source address. */
    public DriverOptions(int ioThreads, int streamsPerConnection, Duration heartbeatInterval) {
        this(ioThreads, streamsPerConnection, heartbeatInterval, TlsTrust.system(), List.of());
    }

    /** Options with the default heartbeat. */
    public DriverOptions(int ioThreads, int streamsPerConnection) {
        this(ioThreads, streamsPerConnection, DEFAULT_HEARTBEAT);
    }

    /** The defaults: the stack's thread count, every HTTP/2 stream on one connection, a 15 s heartbeat. */
    public static DriverOptions defaults() {
        return new DriverOptions(0, 0);
    }

    /** These options with {@code trust} in place of {@link #trust}; every other option kept. */
    public DriverOptions withTrust(TlsTrust trust) {
        return new DriverOptions(ioThreads, streamsPerConnection, heartbeatInterval, trust, localAddresses, protocol,
                browser);
    }

    /** These options with {@code browser} in place of {@link #browser}; every other option kept. */
    public DriverOptions withBrowser(BrowserOptions browser) {
        return new DriverOptions(ioThreads, streamsPerConnection, heartbeatInterval, trust, localAddresses, protocol,
                browser);
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The local address connection {@code connectionId} binds to before connecting (port 0: any
     * free port), or null when {@link #localAddresses} is empty.
     */
    public InetSocketAddress localAddressFor(int connectionId) {
        if (localAddresses.isEmpty()) {
            return null;
        }
        return new InetSocketAddress(localAddresses.get(Math.floorMod(connectionId, localAddresses.size())), 0);
    }

    /** Sets the options one by one; {@link #build()} validates them. */
    public static final class Builder {
        private int ioThreads;
        private int streamsPerConnection;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT;
        private TlsTrust trust = TlsTrust.system();
        private List<InetAddress> localAddresses = List.of();
        private ProtocolOptions protocol = ProtocolOptions.DEFAULTS;
        private BrowserOptions browser = BrowserOptions.DEFAULTS;

        /** Default 0: the stack's default. */
        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        /** Default 0: every stream on one connection. */
        public Builder streamsPerConnection(int streams) {
            this.streamsPerConnection = streams;
            return this;
        }

        /** Default 15 s. */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = interval;
            return this;
        }

        /** Default {@link TlsTrust#system()}: the JDK's trust store, host names checked. */
        public Builder trust(TlsTrust trust) {
            this.trust = trust;
            return this;
        }

        /** Default none: the system chooses. */
        public Builder localAddresses(List<InetAddress> addresses) {
            this.localAddresses = addresses;
            return this;
        }

        /** Default {@link ProtocolOptions#DEFAULTS}. */
        public Builder protocol(ProtocolOptions protocol) {
            this.protocol = protocol;
            return this;
        }

        /** Default {@link BrowserOptions#DEFAULTS}. */
        public Builder browser(BrowserOptions browser) {
            this.browser = browser;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid option */
        public DriverOptions build() {
            return new DriverOptions(ioThreads, streamsPerConnection, heartbeatInterval, trust, localAddresses, protocol,
                    browser);
        }
    }
}
