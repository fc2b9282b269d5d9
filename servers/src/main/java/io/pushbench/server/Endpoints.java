package io.pushbench.server;

import io.pushbench.server.longpoll.LongPollEndpoint;
import io.pushbench.server.sse.SseEndpoint;
import io.pushbench.server.websocket.WebSocketEndpoints;

/**
 * The push endpoints of one server, created once and shared by every connection's router.
 *
 * @param webSockets the WebSocket endpoints (HTTP/1.1 only)
 * @param longPolls  the long-polling endpoint
 * @param sse        the event-stream endpoint (HTTP/1.1 and HTTP/2)
 */
record Endpoints(WebSocketEndpoints webSockets, LongPollEndpoint longPolls, SseEndpoint sse) {

    /** Every endpoint, registered with the context's hub. */
    static Endpoints of(ServerContext context) {
        return new Endpoints(new WebSocketEndpoints(context), new LongPollEndpoint(context), new SseEndpoint(context));
    }
}
