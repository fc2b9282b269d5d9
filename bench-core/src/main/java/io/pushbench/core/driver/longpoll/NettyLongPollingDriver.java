package io.pushbench.core.driver.longpoll;

import io.pushbench.core.driver.ClientIds;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.netty.NettyDriver;
import io.pushbench.core.driver.lifecycle.ReconnectBackoff;
import io.pushbench.core.driver.lifecycle.ReconnectingConnection;
import io.pushbench.core.driver.netty.NettyConnector;
import io.pushbench.core.driver.netty.NettyHttpPoster;
import io.pushbench.core.transport.PollBatchFormat;
import io.pushbench.core.transport.Transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * HTTP/1.1 long polling on Netty: the default {@link Transport#LONG_POLLING} driver. Its parts,
 * top down: {@link NettyPoller} (one polling client, across the TCP connections it needs),
 * {@link PollRequestWriter} (the bytes of each poll) and {@link PollAnswerHandler} (the end of each
 * TCP connection's pipeline: each answer, read from the bytes, and its batch to the listener).
 *
 * <p>Each connection is one keep-alive HTTP/1.1 connection that polls {@code GET <target uri>}
 * with {@code after=<last id>} added (none on the first poll, so it starts from the newest
 * message: {@link PollCursor}), reads the batch in the {@link PollBatchFormat}, and re-polls at
 * once with the answer's {@value PollBatchFormat#LAST_ID_HEADER}. The receive time is read on the
 * event loop when the whole answer has been decoded, and every message of the batch is delivered
 * with it: a message that waited in a batch is measured as waiting. {@link PushConnection#send}
 * posts to the target's {@link Target#sendUri() sendUri} over a {@link NettyHttpPoster} on the
 * same event loops; its bytes count in {@link #wire()}. A {@code client} query parameter in the
 * target is made unique per connection ({@link ClientIds}). The connection's future completes
 * when the first poll has been written.
 *
 * <p>Failures: an answer other than 200 is an {@link ErrorKind#HTTP_STATUS} error, a body that
 * breaks the format or lacks the last-id header a {@link ErrorKind#PROTOCOL} error; after either
 * the connection is closed for good. When the server closes a connection (or it fails) after the
 * first poll was sent, that is reported as {@link ErrorKind#CLOSED_BY_SERVER} (or the I/O error)
 * and the driver opens a new one on the same event loop and polls with the last id, so that no
 * message the server still holds is missed; {@link ConnectionListener#onReconnect} reports the
 * downtime once the poll is sent. A connection that had answered a poll is reopened at once;
 * failed attempts, and connections closed before answering any poll, back off (so a server that
 * refuses every poll causes no reconnect storm). An answer that says {@code Connection: close}
 * is followed by a new connection, which is no loss. {@link PushConnection#close()} never
 * reconnects.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>largest poll answer</td><td>{@value #MAX_RESPONSE_BYTES} bytes; larger is a protocol error</td></tr>
 *   <tr><td>connect timeout</td><td>{@value NettyConnector#CONNECT_TIMEOUT_MILLIS} ms</td></tr>
 *   <tr><td>poll answer timeout</td><td>none: the server decides how long a poll is held</td></tr>
 *   <tr><td>reconnect backoff</td><td>{@value ReconnectBackoff#FIRST_MILLIS} ms, doubling up to {@value ReconnectBackoff#MAX_MILLIS} ms;
 *       reset by an answer</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class NettyLongPollingDriver extends NettyDriver {

    /** Largest poll answer read: room for one largest message (16 MiB) escaped to twice its size. */
    public static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

    private final LongAdder answeredPolls = new LongAdder();
    private final PollCursorStrategy cursors;

    /** A driver with the given event-loop threads; 0 for Netty's default. */
    public NettyLongPollingDriver(int ioThreads) {
        this(new DriverOptions(ioThreads, 0));
    }

    /**
     * A driver with {@link DriverOptions#ioThreads()} event loops that checks certificates as
     * {@link DriverOptions#trust()} says (polls and sends alike) and binds polling connections to
     * {@link DriverOptions#localAddresses()} in turn. It sends no heartbeat of its own: the server's
     * empty answer to an idle poll is long polling's heartbeat.
     */
    public NettyLongPollingDriver(DriverOptions options) {
        super(Transport.LONG_POLLING, "lp-client", options);
        this.cursors = options.protocol().pollCursor();
    }

    @Override
    protected ReconnectingConnection newConnection(int id, Target target, ConnectionListener listener) {
        return new NettyPoller(id, ClientIds.forConnection(target, id), listener, connector(), answeredPolls, cursors);
    }

    /**
     * Polls answered so far, with or without messages, on every connection: messages received
     * divided by this is the mean batch size.
     */
    public long answeredPolls() {
        return answeredPolls.sum();
    }
}
