package io.pushbench.core.driver.sse;

import io.netty.buffer.ByteBuf;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.lifecycle.ReconnectPolicy;
import io.pushbench.core.sse.SseLimitException;
import io.pushbench.core.sse.SseParser;

/**
 * The stack-neutral half of an event stream that is requested again after a loss, as
 * {@link io.pushbench.core.driver.longpoll.PollCursor} is long polling's: one {@link SseParser} read
 * across the stream's responses, so that the next request carries the {@code Last-Event-ID} seen
 * last; the events it completes go to the listener, the reconnection time the server advertises
 * ({@code retry:}) to the stream's {@link ReconnectPolicy.SseRetry}.
 *
 * <p>Not thread-safe: fed by one thread at a time (the event loop of the stream's current response).
 */
public final class SseCursor implements SseParser.Listener {

    private final PushConnection connection;
    private final ConnectionListener listener;
    private final ReconnectPolicy.SseRetry retry;
    private final SseParser parser = new SseParser(this);

    /**
     * @param connection the stream, as its listener knows it
     * @param retry      the stream's policy, told the reconnection time
     */
    public SseCursor(PushConnection connection, ConnectionListener listener, ReconnectPolicy.SseRetry retry) {
        this.connection = connection;
        this.listener = listener;
        this.retry = retry;
    }

    /** The {@code Last-Event-ID} for the next request: the last event id received, empty before any. */
    public String lastEventId() {
        return parser.lastEventId();
    }

    /**
     * The parser that a body decoder which reads the bytes itself ({@link EventStreamBodyDecoder})
     * feeds; it must report a {@link SseLimitException} as {@link #feed} does.
     */
    public SseParser parser() {
        return parser;
    }

    /**
     * Reads one chunk of a response body, delivering each event it completes with {@code receivedNanos}.
     *
     * @return null, or the {@link ErrorKind#PROTOCOL} error for a line or event larger than the
     *         parser's limit, after which the stream must not go on
     */
    public DriverException feed(ByteBuf chunk, long receivedNanos) {
        try {
            parser.feed(chunk, receivedNanos);
            return null;
        } catch (SseLimitException e) {
            return new DriverException(ErrorKind.PROTOCOL, e.getMessage(), e);
        }
    }

    /**
     * A response ended; an event it left unfinished is dropped.
     *
     * @param answered whether its {@code 200 text/event-stream} headers had arrived: a stream was lost, not an attempt
     * @return the loss to report
     */
    public DriverException ended(boolean answered) {
        parser.endOfStream();
        return new DriverException(ErrorKind.CLOSED_BY_SERVER, answered
                ? "the server ended the event stream; reconnecting in " + retry.retryMillis() + " ms"
                        + (lastEventId().isEmpty() ? "" : " with Last-Event-ID " + lastEventId())
                : "the server closed the stream before answering the event-stream request");
    }

    @Override
    public void onEvent(CharSequence lastEventId, CharSequence type, CharSequence data, long receivedNanos) {
        listener.onMessage(connection, data, receivedNanos);
    }

    @Override
    public void onRetry(long millis) {
        retry.retry(millis);
    }
}
