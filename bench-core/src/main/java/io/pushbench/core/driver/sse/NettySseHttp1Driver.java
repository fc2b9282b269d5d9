package io.pushbench.core.driver.sse;

import io.pushbench.core.driver.ClientIds;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.netty.NettyDriver;
import io.pushbench.core.driver.lifecycle.ReconnectingConnection;
import io.pushbench.core.driver.lifecycle.SseReconnectDelay;
import io.pushbench.core.driver.netty.NettyConnector;
import io.pushbench.core.driver.netty.NettyHttpPoster;
import io.pushbench.core.sse.SseParser;
import io.pushbench.core.transport.Transport;

/**
 * Server-Sent Events over HTTP/1.1 on Netty: the default {@link Transport#SSE_HTTP1} driver. Its
 * parts, top down: {@link NettySseHttp1Stream} (one event stream, requested again after a loss),
 * {@link SseHttp1ClientInitializer} (the pipeline of each TCP connection) and
 * {@link SseResponseHandler} (the response to the stream's parser).
 *
 * <p>Each connection is one TCP connection carrying one {@code GET <target uri>} with
 * {@code Accept: text/event-stream} (and the target's headers). The answer must be {@code 200}
 * with {@code Content-Type: text/event-stream}, else the connection fails with an
 * {@link ErrorKind#HTTP_STATUS} error naming what came. Body chunks are fed, as Netty's HTTP
 * decoder produces them, to an {@link SseParser}, with the receive time read on the event loop
 * when the chunk arrives; each event's data goes to {@link ConnectionListener#onMessage} with its
 * chunk's time. Heartbeat comments are parsed and skipped. A {@code client} query parameter in
 * the target is made unique per connection ({@link ClientIds}: {@code ?client=run7} becomes
 * {@code ?client=run7-0}, {@code -1}, ...), in the uri and the send uri alike, so that echo
 * replies come down the sender's own stream. {@link PushConnection#send} posts to the target's
 * {@link Target#sendUri() sendUri} over a {@link NettyHttpPoster} on the same event loops; its
 * bytes count in {@link #wire()}.
 *
 * <p>Reconnection, as an {@code EventSource} does it: when the server ends the stream or closes
 * the connection after it opened, the loss is reported as {@link ErrorKind#CLOSED_BY_SERVER} and
 * the stream is requested again on a new TCP connection after the reconnection time the server
 * advertised ({@code retry:}, {@value #DEFAULT_RETRY_MILLIS} ms until it does), with
 * {@code Last-Event-ID} set to the last event id received; {@link ConnectionListener#onReconnect}
 * reports the downtime once the new stream's headers arrived. The connection object stays the
 * same throughout. Failed attempts are retried after twice the previous wait, up to
 * {@value #MAX_BACKOFF_MILLIS} ms (or the reconnection time, if longer). An answer other than a
 * {@code 200} event stream, an event larger than the parser's limit or a malformed response ends
 * the connection for good, as does {@link PushConnection#close()}.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>longest line, largest event</td><td>{@value SseParser#DEFAULT_MAX_BYTES} bytes; larger is a protocol error</td></tr>
 *   <tr><td>connect timeout</td><td>{@value NettyConnector#CONNECT_TIMEOUT_MILLIS} ms</td></tr>
 *   <tr><td>reconnection time before the server sets one</td><td>{@value #DEFAULT_RETRY_MILLIS} ms</td></tr>
 *   <tr><td>longest wait between failed reconnect attempts</td><td>{@value #MAX_BACKOFF_MILLIS} ms, or the
 *       reconnection time if longer</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class NettySseHttp1Driver extends NettyDriver {

    /** The reconnection time until the server advertises one. */
    public static final long DEFAULT_RETRY_MILLIS = SseReconnectDelay.DEFAULT_RETRY_MILLIS;
    /** Longest wait between failed reconnect attempts, unless the reconnection time is longer. */
    public static final long MAX_BACKOFF_MILLIS = SseReconnectDelay.MAX_BACKOFF_MILLIS;


    /** A driver with the given event-loop threads; 0 for Netty's default. */
    public NettySseHttp1Driver(int ioThreads) {
        this(new DriverOptions(ioThreads, 0));
    }

    /**
     * A driver with {@link DriverOptions#ioThreads()} event loops that checks certificates as
     * {@link DriverOptions#trust()} says (streams and sends alike) and binds streams to
     * {@link DriverOptions#localAddresses()} in turn. It sends no heartbeat of its own: SSE is
     * one-way, the server's comment lines are its heartbeat.
     */
    public NettySseHttp1Driver(DriverOptions options) {
        super(Transport.SSE_HTTP1, "sse-client", options);
    }

    @Override
    protected ReconnectingConnection newConnection(int id, Target target, ConnectionListener listener) {
        return new NettySseHttp1Stream(id, ClientIds.forConnection(target, id), listener, connector());
    }
}
