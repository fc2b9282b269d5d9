package io.pushbench.core.driver;

import io.pushbench.core.driver.netty.NettyLongPollingDriver;
import io.pushbench.core.driver.netty.NettySseDriver;
import io.pushbench.core.driver.netty.NettySseHttp2Driver;
import io.pushbench.core.driver.netty.NettyWebSocketDriver;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

/** Creates the driver for a transport and client stack: the one place that knows which exist. */
public final class Drivers {

    private Drivers() {
    }

    /** Whether a driver exists for this transport on this stack. */
    public static boolean supports(Transport transport, ClientStack stack) {
        return stack == ClientStack.NETTY && (transport == Transport.WEBSOCKET
                || transport == Transport.LONG_POLLING || transport == Transport.SSE_HTTP1
                || transport == Transport.SSE_HTTP2);
    }

    /**
     * A new driver; the caller closes it.
     *
     * @throws IllegalArgumentException naming the combination when no such driver exists
     */
    public static TransportDriver create(Transport transport, ClientStack stack, DriverOptions options) {
        if (!supports(transport, stack)) {
            throw new IllegalArgumentException("no " + stack.id() + " driver for transport " + transport.id());
        }
        if (transport == Transport.LONG_POLLING) {
            return new NettyLongPollingDriver(options);
        }
        if (transport == Transport.SSE_HTTP1) {
            return new NettySseDriver(options);
        }
        if (transport == Transport.SSE_HTTP2) {
            return new NettySseHttp2Driver(options);
        }
        return new NettyWebSocketDriver(options);
    }
}
