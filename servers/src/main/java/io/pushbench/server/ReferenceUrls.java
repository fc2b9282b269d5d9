package io.pushbench.server;

import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.Transport;

import java.net.URI;

/**
 * Where each transport's endpoints are on a running {@link ReferenceServer}, embedded or a
 * {@code pushbench serve}: the one place that maps a transport and a workload to the URLs a client
 * connects to and sends to. URIs only, so that the server needs none of the client's classes.
 */
public final class ReferenceUrls {

    private ReferenceUrls() {
    }

    /**
     * A transport's endpoint.
     *
     * @param connect where the push channel is opened
     * @param send    where the client's messages go by POST (echo, chat over HTTP), or null when they go on the
     *                channel itself (WebSocket) or none are sent
     */
    public record Endpoint(URI connect, URI send) {
    }

    /** As {@link #of(String, Transport, Workload, boolean)} on the server's plain port. */
    public static Endpoint of(String hostPort, Transport transport, Workload workload) {
        return of(hostPort, transport, workload, false);
    }

    /**
     * @param hostPort where the server listens: its TLS port when {@code tls}, else its plain port, e.g.
     *                 {@code 127.0.0.1:8080}
     * @param tls      whether to speak TLS: {@code wss://} and {@code https://} (sse-http2 negotiates h2 by ALPN)
     */
    public static Endpoint of(String hostPort, Transport transport, Workload workload, boolean tls) {
        String http = tls ? "https://" : "http://";
        return switch (transport) {
            case WEBSOCKET -> new Endpoint(URI.create((tls ? "wss://" : "ws://") + hostPort
                    + (workload == Workload.ECHO ? Paths.WS_ECHO : Paths.WS_BROADCAST)), null);
            case LONG_POLLING -> pushWithSends(http + hostPort, Paths.POLL, workload);
            case SSE_HTTP1 -> pushWithSends(http + hostPort, Paths.SSE, workload);
            // HTTP/2 with prior knowledge on the plain port, by ALPN on the TLS port: the same /sse as HTTP/1.1.
            case SSE_HTTP2 -> pushWithSends(http + hostPort, Paths.SSE, workload);
        };
    }

    /** The publish endpoint of the server whose plain port is at {@code hostPort}: broadcasts a POSTed body. */
    public static URI publish(String hostPort) {
        return URI.create("http://" + hostPort + Paths.PUBLISH);
    }

    /**
     * An HTTP push channel at {@code path} of {@code origin} ({@code scheme://host:port}); sends go by POST: for
     * echo to the echo endpoint under the same client id, for chat to the publish endpoint, which broadcasts them
     * to every subscriber.
     */
    private static Endpoint pushWithSends(String origin, String path, Workload workload) {
        // One client id per run; the driver makes it unique per connection (ClientIds).
        String client = "?" + Paths.CLIENT_PARAM + "=" + Long.toString(System.nanoTime(), 36);
        URI send = switch (workload) {
            case ECHO -> URI.create(origin + Paths.ECHO + client);
            case CHAT -> URI.create(origin + Paths.PUBLISH);
            case BROADCAST, PASSIVE, IDLE -> null;
        };
        return new Endpoint(URI.create(origin + path + client), send);
    }
}
