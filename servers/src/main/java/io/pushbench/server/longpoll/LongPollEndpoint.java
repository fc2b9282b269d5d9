package io.pushbench.server.longpoll;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.EventExecutor;
import io.pushbench.core.transport.PollBatchFormat;
import io.pushbench.server.DirectDelivery;
import io.pushbench.server.EventLoopMailboxes;
import io.pushbench.server.MessageHistory;
import io.pushbench.server.Paths;
import io.pushbench.server.ServerContext;
import io.pushbench.server.ServerStats;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The long-polling endpoint, {@link Paths#POLL}: {@code GET /poll?after=N[&client=ID]}.
 *
 * <p>A poll is held open until a broadcast with an id greater than {@code N} exists (or a message
 * was sent to this client by {@code POST /echo?client=ID}), then answered with the batch of
 * pending messages in the {@link PollBatchFormat}, whose {@value PollBatchFormat#LAST_ID_HEADER}
 * header names the {@code after} of the next poll. A poll that waits the server's heartbeat
 * interval is answered empty, with its own {@code after}: that empty answer is long polling's
 * heartbeat. A poll without {@code after} starts from the newest broadcast, so it receives only
 * what is published after it arrived. {@code after=newest} ({@link PollBatchFormat#AFTER_NEWEST}) is
 * answered at once, empty, with the newest broadcast's id: a client's first poll, which leaves it
 * holding a cursor, so that nothing published between its polls is missed; {@code after=-1} asks for every broadcast retained, and so
 * does an {@code after} newer than the newest broadcast: only a client of an earlier run of the
 * server (restarted, its ids from 0 again) can have one, and it has none of this run's messages.
 *
 * <p>Broadcasts are kept in a {@link MessageHistory} between polls. A client whose {@code after}
 * is older than the oldest retained broadcast gets what remains, and the broadcasts it missed
 * are counted as dropped ({@link ServerStats#dropped()}), as are messages in a client's mailbox
 * when its connection closes and messages sent to a full mailbox.
 *
 * <p>{@code ?client=ID} registers the connection in {@link DirectDelivery} under that id, from its
 * first poll until it closes: messages sent to the id wait in the connection's mailbox and go out
 * in its next answer (as {@code -} lines), before any broadcast. The client re-polls on the same
 * keep-alive connection. A pipelined poll on a connection whose earlier poll still waits answers
 * that earlier poll at once; other requests must not be pipelined behind a waiting poll.
 *
 * <table>
 *   <caption>Limits and defaults</caption>
 *   <tr><th>limit</th><th>default</th></tr>
 *   <tr><td>how long a poll is held</td><td>the server's heartbeat interval (15 s)</td></tr>
 *   <tr><td>messages per answer</td><td>{@value #DEFAULT_MAX_BATCH_MESSAGES}; the rest come on the next poll</td></tr>
 *   <tr><td>body bytes per answer</td><td>{@value #MAX_BATCH_BYTES}, exceeded only by an answer of one message</td></tr>
 *   <tr><td>broadcasts retained</td><td>{@value MessageHistory#DEFAULT_CAPACITY} messages and
 *       {@value MessageHistory#DEFAULT_MAX_CHARS} characters, oldest evicted first</td></tr>
 *   <tr><td>mailbox per client</td><td>{@value #MAILBOX_CAPACITY} messages and {@value #MAILBOX_MAX_CHARS}
 *       characters (one message always fits); beyond, messages are dropped and counted</td></tr>
 * </table>
 *
 * <p>Thread-safe. Broadcasts arrive on the publisher's thread with the hub's lock held: the
 * endpoint only appends them to the history and wakes the event loops that have waiting polls,
 * each with at most one task per batch of broadcasts ({@link WaitingPolls}); each poll is answered
 * on its own channel's event loop.
 */
public final class LongPollEndpoint {

    /** Messages per answer, by default. */
    public static final int DEFAULT_MAX_BATCH_MESSAGES = 256;
    /** Body bytes per answer. */
    public static final int MAX_BATCH_BYTES = 1024 * 1024;
    /** Messages a client's mailbox holds. */
    public static final int MAILBOX_CAPACITY = 1024;
    /** Characters a client's mailbox holds. */
    public static final long MAILBOX_MAX_CHARS = 16L * 1024 * 1024;

    private static final AttributeKey<PollingClient> CLIENT = AttributeKey.valueOf("pushbench.long-poll");

    private final MessageHistory history;
    private final DirectDelivery direct;
    private final ServerStats stats;
    private final long pollTimeoutNanos;
    private final int maxBatchMessages;
    private final EventLoopMailboxes mailboxes;
    /** The waiting polls of each event loop, by loop, and the same as a list for broadcasts to walk. */
    private final Map<EventExecutor, WaitingPolls> waitingByLoop = new ConcurrentHashMap<>();
    private final List<WaitingPolls> waiting = new CopyOnWriteArrayList<>();

    /** The endpoint with the default history and batch size, fed by {@code context}'s hub. */
    public LongPollEndpoint(ServerContext context) {
        this(context, new MessageHistory(), DEFAULT_MAX_BATCH_MESSAGES);
    }

    /**
     * @param history          where broadcasts are retained between polls
     * @param maxBatchMessages messages per answer, {@code >= 1}
     */
    public LongPollEndpoint(ServerContext context, MessageHistory history, int maxBatchMessages) {
        if (maxBatchMessages < 1) {
            throw new IllegalArgumentException("maxBatchMessages must be >= 1, was " + maxBatchMessages);
        }
        this.history = history;
        this.direct = context.direct();
        this.stats = context.stats();
        this.pollTimeoutNanos = context.heartbeatInterval().toNanos();
        this.maxBatchMessages = maxBatchMessages;
        this.mailboxes = context.mailboxes();
        context.hub().addListener(this::onBroadcast);
    }

    /** Whether {@code path} is this endpoint. */
    public boolean handles(String path) {
        return Paths.POLL.equals(path);
    }

    /**
     * Takes a poll: answers it now if messages are pending, or holds it. Does not keep
     * {@code request}; the caller releases it. Called on the channel's event loop.
     */
    public void poll(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        long after;
        List<String> afterParam = query.parameters().get(PollBatchFormat.AFTER_PARAM);
        if (afterParam == null || afterParam.isEmpty()) {
            after = history.newestId();
        } else if (PollBatchFormat.AFTER_NEWEST.equals(afterParam.get(0))) {
            // The id is read before the client is registered and counted: a broadcast published once the count
            // shows it has a later id, so the next poll, after this one, gets it.
            long newest = history.newestId();
            register(ctx, query);
            PollingClient.respond(ctx.channel(), HttpResponseStatus.OK, keepAlive, newest, "");
            return;
        } else {
            try {
                after = Long.parseLong(afterParam.get(0));
            } catch (NumberFormatException e) {
                after = Long.MIN_VALUE;
            }
            if (after < -1) {
                PollingClient.respond(ctx.channel(), HttpResponseStatus.BAD_REQUEST, keepAlive, null,
                        "?" + PollBatchFormat.AFTER_PARAM + " must be a message id >= -1, was " + afterParam.get(0)
                                + "\n");
                return;
            }
        }
        register(ctx, query).startPoll(after > history.newestId() ? -1 : after, keepAlive);
    }

    /** The channel's polling client, registered under its {@code ?client=ID} if the poll names one. */
    private PollingClient register(ChannelHandlerContext ctx, QueryStringDecoder query) {
        PollingClient client = clientOf(ctx.channel());
        List<String> clientParam = query.parameters().get(Paths.CLIENT_PARAM);
        if (clientParam != null && !clientParam.isEmpty()) {
            client.register(clientParam.get(0));
        }
        return client;
    }

    private PollingClient clientOf(Channel channel) {
        PollingClient client = channel.attr(CLIENT).get();
        if (client == null) {
            client = new PollingClient(channel, this, waitingOn(channel.eventLoop()));
            channel.attr(CLIENT).set(client);
            // Counted before its first poll waits: a long-polling client receives every broadcast
            // after its after, whenever it was published.
            stats.subscribed();
            PollingClient closing = client;
            channel.closeFuture().addListener(f -> {
                closing.closed();
                stats.unsubscribed();
            });
        }
        return client;
    }

    /** The waiting polls of {@code loop}, made on first use. */
    private WaitingPolls waitingOn(EventExecutor loop) {
        return waitingByLoop.computeIfAbsent(loop, l -> {
            WaitingPolls polls = new WaitingPolls(mailboxes.of(l));
            waiting.add(polls);
            return polls;
        });
    }

    /** Called with the hub's lock held, so the history is appended in id order. */
    private void onBroadcast(long id, String text) {
        history.append(id, text);
        for (WaitingPolls polls : waiting) {
            polls.wake();
        }
    }

    MessageHistory history() {
        return history;
    }

    DirectDelivery direct() {
        return direct;
    }

    ServerStats stats() {
        return stats;
    }

    long pollTimeoutNanos() {
        return pollTimeoutNanos;
    }

    int maxBatchMessages() {
        return maxBatchMessages;
    }
}
