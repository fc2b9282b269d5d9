package io.pushbench.core.driver.lifecycle;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TransportDriver;
import io.pushbench.core.record.WireCounter;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.util.concurrent.CompletableFuture;

/**
 * What every driver shares, whatever its transport and stack: it names both, numbers and starts its
 * connections ({@link ConnectionRegistry}), counts what its sockets moved ({@link WireCounter}), and
 * closes its connections before its client. A driver supplies only how to make a connection and
 * how to stop its stack's client.
 *
 * <p>Thread-safe.
 */
public abstract class AbstractDriver implements TransportDriver {

    private final Transport transport;
    private final ClientStack stack;
    private final WireCounter wire = new WireCounter();
    private final ConnectionRegistry connections = new ConnectionRegistry();

    protected AbstractDriver(Transport transport, ClientStack stack) {
        this.transport = transport;
        this.stack = stack;
    }

    /**
     * A new connection, not started.
     *
     * @param id     its number, from 0
     * @param target the target as the engine gave it (a transport that names its clients makes the
     *               client id unique with {@link io.pushbench.core.driver.ClientIds})
     */
    protected abstract ReconnectingConnection newConnection(int id, Target target, ConnectionListener listener);

    /** Stops the stack's client and its threads; every connection has been closed. */
    protected abstract void closeClient();

    @Override
    public final Transport transport() {
        return transport;
    }

    @Override
    public final ClientStack stack() {
        return stack;
    }

    @Override
    public final CompletableFuture<PushConnection> connect(Target target, ConnectionListener listener) {
        return connections.start(newConnection(connections.nextId(), target, listener));
    }

    /** The counter the stack's sockets count into: bytes, and TCP connections. */
    @Override
    public final WireCounter wire() {
        return wire;
    }

    @Override
    public final long tcpConnectionsOpened() {
        return wire.connectionsOpened();
    }

    @Override
    public final void close() {
        connections.closeAll();
        closeClient();
    }
}
