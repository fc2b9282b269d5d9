package io.pushbench.cli;

import io.pushbench.core.driver.Target;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.Transport;
import io.pushbench.server.Paths;
import io.pushbench.server.ReferenceServer;

import java.net.URI;

/** Where each transport's endpoint is on a running {@link ReferenceServer}, embedded or a {@code pushbench serve}. */
final class ReferenceTargets {

    private ReferenceTargets() {
    }

    /** @param hostPort where the server's plain port listens, e.g. {@code 127.0.0.1:8080} */
    static Target of(String hostPort, Transport transport, Workload workload) {
        return of(hostPort, transport, workload, false);
    }

    /**
     * @param hostPort where the server listens: its TLS port when {@code tls}, else its plain port
     * @param tls      whether to speak TLS: {@code wss://} and {@code https://} (sse-http2 negotiates h2 by ALPN)
     */
    static Target of(String hostPort, Transport transport, Workload workload, boolean tls) {
        String http = tls ? "https://" : "http://";
        return switch (transport) {
            case WEBSOCKET -> Target.of(URI.create((tls ? "wss://" : "ws://") + hostPort
                    + (workload == Workload.ECHO ? Paths.WS_ECHO : Paths.WS_BROADCAST)));
            case LONG_POLLING -> pushWithEcho(http + hostPort, Paths.POLL, workload);
            case SSE_HTTP1 -> pushWithEcho(http + hostPort, Paths.SSE, workload);
            // HTTP/2 with prior knowledge on the plain port, by ALPN on the TLS port: the same /sse as HTTP/1.1.
            case SSE_HTTP2 -> pushWithEcho(http + hostPort, Paths.SSE, workload);
        };
    }

    /**
     * An HTTP push channel at {@code path} of {@code origin} ({@code scheme://host:port}); sends go by POST: for echo to the echo endpoint under the
     * same client id, for chat to the publish endpoint, which broadcasts them to every subscriber.
     */
    private static Target pushWithEcho(String origin, String path, Workload workload) {
        // One client id per run; the driver makes it unique per connection (ClientIds).
        String client = "?" + Paths.CLIENT_PARAM + "=" + Long.toString(System.nanoTime(), 36);
        URI send = switch (workload) {
            case ECHO -> URI.create(origin + Paths.ECHO + client);
            case CHAT -> URI.create(origin + Paths.PUBLISH);
            default -> null;
        };
        return Target.of(URI.create(origin + path + client), send);
    }
}
