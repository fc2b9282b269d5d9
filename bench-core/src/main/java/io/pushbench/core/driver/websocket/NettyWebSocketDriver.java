package io.pushbench.core.driver.websocket;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ProtocolOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.netty.NettyDriver;
import io.pushbench.core.driver.lifecycle.ReconnectBackoff;
import io.pushbench.core.driver.lifecycle.ReconnectingConnection;
import io.pushbench.core.driver.netty.NettyConnector;
import io.pushbench.core.transport.Transport;

/**
 * WebSocket (RFC 6455) on Netty: the default {@link Transport#WEBSOCKET} driver. Its parts, top down:
 * {@link NettyWebSocketConnection} (one logical connection, reopened after a loss),
 * {@link WebSocketClientInitializer} (the pipeline of each TCP connection) and
 * {@link WebSocketFrameHandler} (frames to the listener).
 *
 * <p>The receive time is read at the top of the frame handler, on the event loop, right after
 * Netty's frame decoder (and, for fragmented messages, the aggregator) produced the text
 * frame: the only work before it is TCP read and frame parsing. No compression extension is
 * offered, so wire bytes are those of plain frames. Each connection pings every heartbeat
 * interval with its send time as payload and reports the pong's round trip.
 *
 * <p>A connection the server drops is reopened with exponential backoff, as WebSocket clients
 * do; the loss is reported as {@link ErrorKind#CLOSED_BY_SERVER} and the recovery as
 * {@link ConnectionListener#onReconnect}. WebSocket has no resume: messages sent while the
 * connection was down are lost, and counted so.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>largest message (after aggregating fragments)</td><td>{@value #MAX_MESSAGE_BYTES} bytes</td></tr>
 *   <tr><td>connect timeout</td><td>{@value NettyConnector#CONNECT_TIMEOUT_MILLIS} ms</td></tr>
 *   <tr><td>handshake timeout</td><td>{@value #HANDSHAKE_TIMEOUT_MILLIS} ms</td></tr>
 *   <tr><td>reconnect backoff</td><td>{@value ReconnectBackoff#FIRST_MILLIS} ms, doubling up to {@value ReconnectBackoff#MAX_MILLIS} ms</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class NettyWebSocketDriver extends NettyDriver {

    /** Largest message accepted, after fragments are joined: 16 MiB. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** How long the upgrade may take before the connection counts as failed. */
    public static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final long heartbeatNanos;
    private final ProtocolOptions protocol;

    /** A driver with the given I/O threads (0 for Netty's default) and the default heartbeat. */
    public NettyWebSocketDriver(int ioThreads) {
        this(new DriverOptions(ioThreads, 0));
    }

    /**
     * A driver with {@link DriverOptions#ioThreads()} event loops that pings every
     * {@link DriverOptions#heartbeatInterval()}, checks certificates as {@link DriverOptions#trust()} says
     * and binds connections to {@link DriverOptions#localAddresses()} in turn.
     */
    public NettyWebSocketDriver(DriverOptions options) {
        super(Transport.WEBSOCKET, "ws-client", options);
        this.heartbeatNanos = options.heartbeatInterval().toNanos();
        this.protocol = options.protocol();
    }

    @Override
    protected ReconnectingConnection newConnection(int id, Target target, ConnectionListener listener) {
        return new NettyWebSocketConnection(id, target, listener, connector(), heartbeatNanos, protocol);
    }
}
