package io.pushbench.core.driver;

import io.pushbench.core.driver.jetty.JettyLongPollingDriver;
import io.pushbench.core.driver.jetty.JettySseDriver;
import io.pushbench.core.driver.jetty.JettyWebSocketDriver;
import io.pushbench.core.driver.netty.NettyLongPollingDriver;
import io.pushbench.core.driver.netty.NettySseDriver;
import io.pushbench.core.driver.netty.NettySseHttp2Driver;
import io.pushbench.core.driver.netty.NettySseHttp2Driver;
import io.pushbench.core.driver.netty.NettyWebSocketDriver;
import io.pushbench.core.driver.okhttp.OkHttpLongPollingDriver;
import io.pushbench.core.driver.okhttp.OkHttpSseDriver;
import io.pushbench.core.driver.okhttp.OkHttpWebSocketDriver;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

/** Creates the driver for a transport and client stack: the one place that knows which exist. */
public final class Drivers {

    private Drivers() {
    }

    /** A new driver; the caller closes it. Every stack speaks every transport. */
    public static TransportDriver create(Transport transport, ClientStack stack, DriverOptions options) {
        return switch (stack) {
            case NETTY -> netty(transport, options);
            case JETTY -> jetty(transport, options);
            case OKHTTP -> okhttp(transport, options);
        };
    }

    private static TransportDriver netty(Transport transport, DriverOptions options) {
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
