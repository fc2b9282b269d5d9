package io.pushbench.core.driver.longpoll;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.lifecycle.ReconnectPolicy;
import io.pushbench.core.driver.netty.NettyConnection;
import io.pushbench.core.driver.netty.NettyConnector;
import io.pushbench.core.driver.netty.NettyErrors;
import io.pushbench.core.transport.PollBatchFormat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * One long-polling client of {@link NettyLongPollingDriver}: each attempt is a keep-alive TCP
 * connection on which it polls, reads the answer and polls again; its {@link PollCursor} carries
 * the last id across connections. A loss is reopened as {@link ReconnectPolicy#repoll} says.
 *
 * <p>Thread-safe; its polls and answers run on its event loop.
 */
final class NettyPoller extends NettyConnection {

    private final ReconnectPolicy.Repoll repoll;
    private final LongAdder answeredPolls;
    private final PollCursor cursor;
    private final PollRequestWriter requests;

    /** @param cursors the protocol its {@link PollCursor} speaks */
    NettyPoller(int id, Target target, ConnectionListener listener, NettyConnector connector, LongAdder answeredPolls,
                PollCursorStrategy cursors) {
        this(id, target, listener, connector, answeredPolls, ReconnectPolicy.repoll(connector.loopFor(id)), cursors);
    }

    private NettyPoller(int id, Target target, ConnectionListener listener, NettyConnector connector,
                        LongAdder answeredPolls, ReconnectPolicy.Repoll repoll, PollCursorStrategy cursors) {
        super(id, target, listener, connector, repoll);
        this.answeredPolls = answeredPolls;
        this.repoll = repoll;
        this.cursor = cursors.newCursor(target.uri());
        this.requests = new PollRequestWriter(target);
    }

    @Override
    protected ChannelHandler handlers() {
        return new PollAnswerHandler(this);
    }

    /**
     * Sends the next poll on {@code ch}. Once a poll with a cursor is written, the connection can
     * receive; the first poll, which asks for the cursor, makes it so only when it is answered. A
     * poll of an open connection goes out with no listener: a failed write reaches the pipeline
     * as an exception, as any other I/O failure of the connection does.
     */
    void poll(Channel ch) {
        boolean withCursor = cursor.hasCursor();
        ByteBuf request = requests.write(ch.alloc(), cursor);
        if (withCursor && isOpen()) {
            ch.writeAndFlush(request, ch.voidPromise());
            return;
        }
        ch.writeAndFlush(request).addListener(written -> {
            if (written.isSuccess()) {
                if (withCursor) {
                    receiving();
                }
            } else {
                ch.pipeline().fireExceptionCaught(written.cause());
            }
        });
    }

    /**
     * A poll was answered: delivers its batch, each message with {@code receivedNanos}, through
     * {@code batch}, and polls again on {@code ch} unless the server said it will close it.
     */
    void answered(Channel ch, int status, PollCursor.Headers headers, ByteBuf body, boolean keepAlive,
                  PollBatchFormat.LineHandler batch) {
        answeredPolls.increment();
        boolean first = !cursor.hasCursor();
        try {
            cursor.answer(status, headers, body, batch);
        } catch (DriverException e) {
            stop(e);
            return;
        }
        if (first) {
            receiving();
        }
        repoll.answered();
        if (!keepAlive) {
            ch.close();
        } else if (!isEnding()) {
            poll(ch);
        }
    }

    /** One message of a batch. */
    void message(CharSequence text, long receivedNanos) {
        listener().onMessage(this, text, receivedNanos);
    }

    /** An answer larger than {@link NettyLongPollingDriver#MAX_RESPONSE_BYTES}. */
    void tooLarge(Throwable cause) {
        stop(new DriverException(ErrorKind.PROTOCOL, "poll answer larger than "
                + NettyLongPollingDriver.MAX_RESPONSE_BYTES + " bytes", cause));
    }

    /** The connection failed; it is being closed. */
    void failed(Throwable cause) {
        attemptFailed(NettyErrors.ioFailure(cause));
    }

    /**
     * The TCP connection closed.
     *
     * @param serverSaidClose its last answer said the server would close it: not a loss
     */
    void channelClosed(boolean serverSaidClose) {
        if (serverSaidClose) {
            attemptEndedAsExpected();
        } else {
            attemptEnded(new DriverException(ErrorKind.CLOSED_BY_SERVER, cursor.hasCursor()
                    ? "server closed the connection; polling again on a new one, after the last id received"
                    : "server closed the connection before answering the first poll"));
        }
    }

    @Override
    public CompletableFuture<Void> send(String message) {
        return post(message);
    }
}
