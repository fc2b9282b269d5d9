package io.pushbench.server.longpoll;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import io.pushbench.core.transport.PollBatchFormat;
import io.pushbench.server.MessageHistory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One connection that polls: its waiting poll, if any, and its mailbox of messages sent to its
 * client id. The poll state is touched on the channel's event loop only; broadcasts reach it
 * through its loop's {@link WaitingPolls}, and the mailbox sink may be called from any thread and
 * hands over to the event loop.
 */
final class PollingClient {

    private static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    private final Channel channel;
    private final LongPollEndpoint endpoint;
    private final MessageHistory history;
    private final WaitingPolls waitingPolls;
    private final Consumer<String> sink = this::offer;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final ArrayDeque<String> mailbox = new ArrayDeque<>();
    private long mailboxChars;
    private String clientId;
    private boolean waiting;
    private long after;
    private boolean keepAlive;
    private ScheduledFuture<?> timeout;

    /** @param waitingPolls the waiting polls of the channel's event loop */
    PollingClient(Channel channel, LongPollEndpoint endpoint, WaitingPolls waitingPolls) {
        this.channel = channel;
        this.endpoint = endpoint;
        this.history = endpoint.history();
        this.waitingPolls = waitingPolls;
    }

    /** Routes messages for {@code id} to this connection's mailbox, from now until it closes. */
    void register(String id) {
        if (id.equals(clientId)) {
            return;
        }
        if (clientId != null) {
            endpoint.direct().unregister(clientId, sink);
        }
        clientId = id;
        endpoint.direct().register(id, sink);
    }

    /** Holds a poll for messages after {@code after}, or answers it at once if some are pending. */
    void startPoll(long after, boolean keepAlive) {
        if (waiting) {
            answer();
        }
        this.after = after;
        this.keepAlive = keepAlive;
        this.waiting = true;
        timeout = channel.eventLoop().schedule(this::answer, endpoint.pollTimeoutNanos(), TimeUnit.NANOSECONDS);
        // Registered before looking at the history: a broadcast appended after the look finds this
        // client among the waiting and wakes it, so none is missed.
        waitingPolls.add(this);
        answerIfPending();
    }

    /** A direct message arrived: look again, on the event loop. Any thread. */
    private void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            channel.eventLoop().execute(() -> {
                wakeQueued.set(false);
                answerIfPending();
            });
        }
    }

    /** Answers the waiting poll if a message is pending for it. On the event loop. */
    void answerIfPending() {
        if (waiting && (hasMail() || history.newestId() > after)) {
            answer();
        }
    }

    /** Answers the waiting poll with what is pending, possibly nothing (the heartbeat). */
    private void answer() {
        if (!waiting) {
            return;
        }
        waiting = false;
        waitingPolls.remove(this);
        timeout.cancel(false);
        PollBatch batch = new PollBatch(channel.alloc().buffer(), after, endpoint.maxBatchMessages(),
                LongPollEndpoint.MAX_BATCH_BYTES);
        takeMail(batch);
        if (batch.room() > 0) {
            MessageHistory.Slice slice = history.after(after, batch.room());
            for (MessageHistory.Message message : slice.messages()) {
                if (!batch.add(message.id(), message.text())) {
                    break;
                }
            }
            if (batch.lastId() != after) {
                // Counted once: the next poll's after is past the gap.
                endpoint.stats().drop(slice.missed());
            }
        }
        respond(channel, HttpResponseStatus.OK, keepAlive, batch.lastId(), batch.body());
    }

    private void takeMail(PollBatch batch) {
        synchronized (mailbox) {
            while (!mailbox.isEmpty() && batch.add(PollBatchFormat.DIRECT, mailbox.peekFirst())) {
                mailboxChars -= mailbox.pollFirst().length();
            }
        }
    }

    private boolean hasMail() {
        synchronized (mailbox) {
            return !mailbox.isEmpty();
        }
    }

    /** The {@link io.pushbench.server.DirectDelivery} sink: keeps {@code text} for the next answer. Any thread. */
    private void offer(String text) {
        synchronized (mailbox) {
            boolean full = mailbox.size() >= LongPollEndpoint.MAILBOX_CAPACITY
                    || (!mailbox.isEmpty() && mailboxChars + text.length() > LongPollEndpoint.MAILBOX_MAX_CHARS);
            if (full) {
                endpoint.stats().drop();
                return;
            }
            mailbox.addLast(text);
            mailboxChars += text.length();
        }
        wake();
    }

    /** The connection closed: forget the poll and the client id; undelivered mail counts as dropped. */
    void closed() {
        waiting = false;
        waitingPolls.remove(this);
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (clientId != null) {
            endpoint.direct().unregister(clientId, sink);
        }
        synchronized (mailbox) {
            endpoint.stats().drop(mailbox.size());
            mailbox.clear();
            mailboxChars = 0;
        }
    }

    /** Writes a poll answer ({@code lastId} set) or an error ({@code lastId} null) with a text body. */
    static void respond(Channel channel, HttpResponseStatus status, boolean keepAlive, Long lastId, String body) {
        respond(channel, status, keepAlive, lastId, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    }

    private static void respond(Channel channel, HttpResponseStatus status, boolean keepAlive, Long lastId,
                                ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (lastId != null) {
            response.headers().set(PollBatchFormat.LAST_ID_HEADER, lastId);
        }
        HttpUtil.setContentLength(response, body.readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = channel.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
