package io.pushbench.core.driver;

import io.pushbench.core.driver.longpoll.JettyLongPollingDriver;
import io.pushbench.core.driver.sse.JettySseDriver;
import io.pushbench.core.driver.websocket.JettyWebSocketDriver;
import io.pushbench.core.driver.longpoll.NettyLongPollingDriver;
import io.pushbench.core.driver.sse.NettySseHttp1Driver;
import io.pushbench.core.driver.ssehttp2.NettySseHttp2Driver;
import io.pushbench.core.driver.ssehttp2.NettySseHttp2Driver;
import io.pushbench.core.driver.websocket.NettyWebSocketDriver;
import io.pushbench.core.driver.longpoll.OkHttpLongPollingDriver;
import io.pushbench.core.driver.sse.OkHttpSseDriver;
import io.pushbench.core.driver.websocket.OkHttpWebSocketDriver;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

/** Creates the driver for a transport and client stack: the one place that knows which exist. */
public final class Drivers {

    private Drivers() {
    }

    /** Whether a driver exists for this transport on this stack: every stack speaks every transport. */
    public static boolean supports(Transport transport, ClientStack stack) {
        return transport != null && stack != null;
    }

    /**
     * A new driver; the caller closes it.
     *
     * @throws IllegalArgumentException naming the combination when no such driver exists
     */
    public static TransportDriver create(Transport transport, ClientStack stack, DriverOptions options) {
        if (!supports(transport, stack)) {
            throw unsupported(transport, stack);
        }
        return switch (stack) {
            case NETTY -> netty(transport, options);
            case JETTY -> jetty(transport, options);
            case OKHTTP -> okhttp(transport, options);
        };
    }

    /** The error for a combination with no driver, naming the stack and the transport. */
    static IllegalArgumentException unsupported(Transport transport, ClientStack stack) {
        return new IllegalArgumentException("no " + stack.id() + " driver for transport " + transport.id());
    }

    private static TransportDriver netty(Transport transport, DriverOptions options) {
        if (transport == Transport.LONG_POLLING) {
            return new NettyLongPollingDriver(options);
        }
        if (transport == Transport.SSE_HTTP1) {
            return new NettySseHttp1Driver(options);
        }
        if (transport == Transport.SSE_HTTP2) {
            return new NettySseHttp2Driver(options);
        }
        return new NettyWebSocketDriver(options);
    }

    private static TransportDriver jetty(Transport transport, DriverOptions options) {
        return switch (transport) {
            case LONG_POLLING -> new JettyLongPollingDriver(options);
            case SSE_HTTP1, SSE_HTTP2 -> new JettySseDriver(transport, options);
            case WEBSOCKET -> new JettyWebSocketDriver(options);
        };
    }

    private static TransportDriver okhttp(Transport transport, DriverOptions options) {
        return switch (transport) {
            case LONG_POLLING -> new OkHttpLongPollingDriver(options);
            case SSE_HTTP1, SSE_HTTP2 -> new OkHttpSseDriver(transport, options);
            case WEBSOCKET -> new OkHttpWebSocketDriver(options);
        };
    }
}
