package io.pushbench.core.driver;

import java.time.Duration;

/**
 * Options every driver takes.
 *
 * @param ioThreads            client I/O threads; 0 for the stack's default
 * @param streamsPerConnection HTTP/2 streams per TCP connection; 0 puts every stream on one connection
 * @param heartbeatInterval    how often a driver sends its own heartbeat where the transport has one
 *                             (WebSocket ping; the pong's round trip is reported), {@code > 0}
 */
public record DriverOptions(int ioThreads, int streamsPerConnection, Duration heartbeatInterval) {

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
    }

    /** Options with the default heartbeat. */
    public DriverOptions(int ioThreads, int streamsPerConnection) {
        this(ioThreads, streamsPerConnection, DEFAULT_HEARTBEAT);
    }

    /** The defaults: the stack's thread count, every HTTP/2 stream on one connection, a 15 s heartbeat. */
    public static DriverOptions defaults() {
        return new DriverOptions(0, 0);
    }
}
