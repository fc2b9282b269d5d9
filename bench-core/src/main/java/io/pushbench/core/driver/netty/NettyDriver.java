package io.pushbench.core.driver.netty;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.lifecycle.AbstractDriver;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.util.concurrent.ScheduledExecutorService;

/**
 * A Netty HTTP/1.1 driver (long polling, WebSocket, SSE over HTTP/1.1): its connections run on the
 * event loops of one {@link NettyConnector}, which the engine's probes and send timers see through
 * {@link #ioLoops()}, and which closes after the connections.
 *
 * <p>Thread-safe.
 */
public abstract class NettyDriver extends AbstractDriver {

    private final NettyConnector connector;

    /**
     * @param threadName the prefix of the event-loop threads' names
     * @param options    event loops, TLS trust and source addresses of every connection
     */
    protected NettyDriver(Transport transport, String threadName, DriverOptions options) {
        super(transport, ClientStack.NETTY);
        this.connector = new NettyConnector(threadName, options, wire());
    }

    /** What the driver's connections connect through. */
    protected final NettyConnector connector() {
        return connector;
    }

    @Override
    public final Iterable<? extends ScheduledExecutorService> ioLoops() {
        return connector.loops();
    }

    @Override
    protected final void closeClient() {
        connector.close();
    }
}
