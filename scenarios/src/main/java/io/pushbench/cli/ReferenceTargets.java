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

    /** @param hostPort where the server listens, e.g. {@code 127.0.0.1:8080} */
    static Target of(String hostPort, Transport transport, Workload workload) {
        return switch (transport) {
            case WEBSOCKET -> Target.of(URI.create("ws://" + hostPort
                    + (workload == Workload.ECHO ? Paths.WS_ECHO : Paths.WS_BROADCAST)));
            case LONG_POLLING -> pushWithEcho(hostPort, Paths.POLL, workload);
            case SSE_HTTP1 -> pushWithEcho(hostPort, Paths.SSE, workload);
            // HTTP/2 with prior knowledge on the plain port (no TLS), the same /sse as HTTP/1.1.
            case SSE_HTTP2 -> pushWithEcho(hostPort, Paths.SSE, workload);
        };
    }

    /**
     * An HTTP push channel at {@code path}; sends go by POST: for echo to the echo endpoint under the
     * same client id, for chat to the publish endpoint, which broadcasts them to every subscriber.
     */
    private static Target pushWithEcho(String hostPort, String path, Workload workload) {
        // One client id per run; the driver makes it unique per connection (ClientIds).
        String client = "?" + Paths.CLIENT_PARAM + "=" + Long.toString(System.nanoTime(), 36);
        URI send = switch (workload) {
            case ECHO -> URI.create("http://" + hostPort + Paths.ECHO + client);
            case CHAT -> URI.create("http://" + hostPort + Paths.PUBLISH);
            default -> null;
        };
        return Target.of(URI.create("http://" + hostPort + path + client), send);
    }
}
