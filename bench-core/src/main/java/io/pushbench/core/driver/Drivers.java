package io.pushbench.core.driver;

import io.pushbench.core.driver.browser.BrowserDriver;
import io.pushbench.core.driver.longpoll.JettyLongPollingDriver;
import io.pushbench.core.driver.longpoll.NettyLongPollingDriver;
import io.pushbench.core.driver.longpoll.OkHttpLongPollingDriver;
import io.pushbench.core.driver.sse.JettySseDriver;
import io.pushbench.core.driver.sse.NettySseHttp1Driver;
import io.pushbench.core.driver.sse.OkHttpSseDriver;
import io.pushbench.core.driver.ssehttp2.NettySseHttp2Driver;
import io.pushbench.core.driver.websocket.JettyWebSocketDriver;
import io.pushbench.core.driver.websocket.NettyWebSocketDriver;
import io.pushbench.core.driver.websocket.OkHttpWebSocketDriver;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.util.Objects;

/** Creates the driver for a transport and client stack: the one place that knows which exist. */
public final class Drivers {

    private Drivers() {
    }

    /**
     * A new driver; the caller closes it. One exhaustive switch: a transport or a stack added to its
     * enum does not compile until it has a driver here.
     */
    public static TransportDriver create(Transport transport, ClientStack stack, DriverOptions options) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(options, "options");
        return switch (Objects.requireNonNull(stack, "stack")) {
            case NETTY -> switch (transport) {
                case LONG_POLLING -> new NettyLongPollingDriver(options);
                case WEBSOCKET -> new NettyWebSocketDriver(options);
                case SSE_HTTP1 -> new NettySseHttp1Driver(options);
                case SSE_HTTP2 -> new NettySseHttp2Driver(options);
            };
            case JETTY -> switch (transport) {
                case LONG_POLLING -> new JettyLongPollingDriver(options);
                case WEBSOCKET -> new JettyWebSocketDriver(options);
                case SSE_HTTP1, SSE_HTTP2 -> new JettySseDriver(transport, options);
            };
            case BROWSER -> new BrowserDriver(transport, options, options.browser());
            case OKHTTP -> switch (transport) {
                case LONG_POLLING -> new OkHttpLongPollingDriver(options);
                case WEBSOCKET -> new OkHttpWebSocketDriver(options);
                case SSE_HTTP1, SSE_HTTP2 -> new OkHttpSseDriver(transport, options);
            };
        };
    }
}
