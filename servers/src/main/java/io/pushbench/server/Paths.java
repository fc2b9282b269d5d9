package io.pushbench.server;

/**
 * The reference server's endpoints. Every transport is served from one port (HTTP/1.1, the
 * WebSocket upgrade and HTTP/2 with prior knowledge), and HTTP/2 over TLS from the TLS port.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>path</th><th>method</th><th>what</th></tr>
 *   <tr><td>{@value #WS_BROADCAST}</td><td>GET (Upgrade)</td><td>WebSocket subscriber: receives every broadcast;
 *       text frames it sends are broadcast to everyone (a chat room)</td></tr>
 *   <tr><td>{@value #WS_ECHO}</td><td>GET (Upgrade)</td><td>WebSocket echo: each text frame is sent back</td></tr>
 *   <tr><td>{@value #ECHO}{@code ?client=ID}</td><td>POST</td><td>pushes the request body down the push channel
 *       (event stream or long poll) that subscribed with {@code ?client=ID}; 204, or 404 for an unknown client</td></tr>
 *   <tr><td>{@value #POLL}{@code ?after=N&client=ID}</td><td>GET</td><td>long poll: held until a broadcast with an
 *       id above N (or a message for client ID) exists, then answered with the batch of them, or empty after the
 *       heartbeat interval; both parameters optional (see {@code LongPollEndpoint}, {@code PollBatchFormat})</td></tr>
 *   <tr><td>{@value #SSE}{@code ?client=ID}</td><td>GET</td><td>Server-Sent Events over HTTP/1.1, or over
 *       HTTP/2 (one stream each): a {@code text/event-stream} of every broadcast ({@code id:} = message id),
 *       resumed after {@code Last-Event-ID}; {@code client} optional, for echo (see {@code SseEndpoint})</td></tr>
 *   <tr><td>{@value #PUBLISH}</td><td>POST</td><td>broadcasts the request body to every subscriber; 204</td></tr>
 *   <tr><td>{@value #HEALTH}</td><td>GET</td><td>200 {@code ok} once the server accepts connections</td></tr>
 * </table>
 */
public final class Paths {

    public static final String WS_BROADCAST = "/ws/broadcast";
    public static final String WS_ECHO = "/ws/echo";
    public static final String POLL = "/poll";
    public static final String SSE = "/sse";
    public static final String PUBLISH = "/publish";
    public static final String ECHO = "/echo";
    /** The query parameter naming a client, on subscriptions and on {@link #ECHO}. */
    public static final String CLIENT_PARAM = "client";
    public static final String HEALTH = "/health";

    private Paths() {
    }
}
