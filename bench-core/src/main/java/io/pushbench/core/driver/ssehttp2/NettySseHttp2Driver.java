package io.pushbench.core.driver.ssehttp2;

import io.netty.channel.EventLoopGroup;
import io.pushbench.core.driver.ClientIds;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Target;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.driver.lifecycle.AbstractDriver;
import io.pushbench.core.driver.lifecycle.ReconnectingConnection;
import io.pushbench.core.driver.lifecycle.SseReconnectDelay;
import io.pushbench.core.driver.netty.NettyConnector;
import io.pushbench.core.sse.SseParser;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.util.concurrent.ScheduledExecutorService;
/**
 * Server-Sent Events over HTTP/2 on Netty, the default {@link Transport#SSE_HTTP2} driver. Each
 * {@link #connect} is one subscription: an HTTP/2 stream, {@code GET uri} with
 * {@code accept: text/event-stream} (a {@code client} parameter in the target's URIs is made
 * unique per subscription, see {@link ClientIds}). Streams are multiplexed over few TCP
 * connections, opened as they are needed ({@link Http2ConnectionPool}): each takes as many streams
 * as the server's SETTINGS_MAX_CONCURRENT_STREAMS allows, and at most
 * {@link DriverOptions#streamsPerConnection()} when that is above 0, so N subscribers use
 * ceil(N / that limit) connections. {@code http://} targets speak HTTP/2 with prior knowledge (h2c);
 * {@code https://} targets negotiate {@code h2} by ALPN over TLS, trusting certificates as the
 * {@link DriverOptions#trust()} says. {@link PushConnection#send} POSTs to {@link Target#sendUri()}, which must
 * have the target's origin, as a new stream on a pooled connection (counted within its limit). A stream the
 * server ends is requested again with {@code Last-Event-ID}, as an {@code EventSource} does (see
 * {@link SseHttp2Subscription}).
 *
 * <p>Connect time ({@link ConnectionListener#onOpen}) runs from the {@link #connect} call to the
 * 200 response headers: for the first stream of a connection that includes the TCP connect and
 * TLS and the server's first SETTINGS; for later streams it is the stream's own request (plus any
 * wait for a place on a connection, or for a new connection to be set up). Events are parsed from DATA frames as they arrive, however they are split. Byte
 * counts ({@link #wire()}) are taken below TLS, so they include TLS records, HTTP/2 framing, HPACK
 * headers, WINDOW_UPDATEs and the POSTs.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>TCP connect timeout</td><td>{@value #CONNECT_TIMEOUT_MILLIS} ms</td></tr>
 *   <tr><td>response headers timeout, per stream</td><td>{@value SseHttp2Subscription#RESPONSE_TIMEOUT_MILLIS} ms</td></tr>
 *   <tr><td>receive window per stream</td><td>{@value Http2ClientHandler#INITIAL_WINDOW_BYTES} bytes
 *       (connection: twice that)</td></tr>
 *   <tr><td>longest line, largest event</td><td>{@value SseParser#DEFAULT_MAX_BYTES} bytes; larger is a protocol error</td></tr>
 *   <tr><td>reconnection time before the server sets one</td><td>{@value SseReconnectDelay#DEFAULT_RETRY_MILLIS} ms</td></tr>
 *   <tr><td>longest wait between failed reconnect attempts</td><td>{@value SseReconnectDelay#MAX_BACKOFF_MILLIS} ms,
 *       or the reconnection time if longer</td></tr>
 *   <tr><td>concurrent streams per connection</td><td>as the server allows (SETTINGS_MAX_CONCURRENT_STREAMS, as
 *       updated), at most streams-per-connection when above 0; more streams open more connections</td></tr>
 *   <tr><td>server's first SETTINGS after connecting</td><td>{@value Http2ClientConnection#SETTINGS_TIMEOUT_MILLIS} ms</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class NettySseHttp2Driver extends AbstractDriver {

    /** How long the TCP connect may take: as long as for the other Netty drivers. */
    public static final int CONNECT_TIMEOUT_MILLIS = NettyConnector.CONNECT_TIMEOUT_MILLIS;

    private final EventLoopGroup group;
    private final Http2ConnectionPool pool;

    /**
     * @param options I/O threads (0 for Netty's default), streams per TCP connection (0: all on one),
     *                which certificates {@code https} targets may present ({@link DriverOptions#trust()}),
     *                and the source addresses TCP connections take in turn
     */
    public NettySseHttp2Driver(DriverOptions options) {
        super(Transport.SSE_HTTP2, ClientStack.NETTY);
        this.group = NettyIo.newGroup("h2-client", options.ioThreads());
        this.pool = new Http2ConnectionPool(group, options.streamsPerConnection(), options.trust(), wire(),
                options::localAddressFor);
    }

    /**
     * One event stream on a shared connection (opening the connection if it is the first stream of one).
     *
     * @throws IllegalArgumentException when the target's send URI has another origin than its URI
     */
    @Override
    protected ReconnectingConnection newConnection(int id, Target target, ConnectionListener listener) {
        if (target.sendUri() != null && !Http2Requests.sameOrigin(target, target.sendUri())) {
            throw new IllegalArgumentException("sse-http2 sends on the stream's own connection: the send URI "
                    + target.sendUri() + " must have the origin of " + target.uri());
        }
        return new SseHttp2Subscription(id, ClientIds.forConnection(target, id), listener, pool, group.next());
    }

    @Override
    public Iterable<? extends ScheduledExecutorService> ioLoops() {
        return group;
    }

    @Override
    protected void closeClient() {
        pool.closeAll();
        NettyIo.shutdown(group);
    }
}
