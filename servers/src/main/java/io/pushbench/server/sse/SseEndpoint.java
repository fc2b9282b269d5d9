package io.pushbench.server.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.pushbench.core.sse.SseEvents;
import io.pushbench.server.BroadcastFanOut;
import io.pushbench.server.DirectDelivery;
import io.pushbench.server.MessageHistory;
import io.pushbench.server.Paths;
import io.pushbench.server.ServerContext;
import io.pushbench.server.ServerStats;
import io.pushbench.server.SubscriberWrites;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Server-Sent Events endpoint over HTTP/1.1, {@link Paths#SSE}: {@code GET /sse[?client=ID]}.
 *
 * <p>The answer is {@code 200}, {@code Content-Type: text/event-stream}, {@code Cache-Control:
 * no-cache}, chunked, and it never ends on its own: the connection belongs to the stream until
 * either side closes it (requests pipelined behind it are read and discarded, as they cannot be
 * answered before a response that does not end; an HTTP/1.0 client gets the stream unchunked,
 * ended by closing). The stream starts with a {@code retry:} line, then carries every broadcast
 * as an event whose {@code id:} is the hub's message id and whose {@code data:} is the text, and
 * a comment line {@code ": hb"} whenever nothing was written for the heartbeat interval.
 *
 * <p>Resume: broadcasts are kept in a {@link MessageHistory}. A request with {@code Last-Event-ID:
 * N} first gets the retained broadcasts after N, then the live ones, with none missing or
 * repeated in between; broadcasts already evicted are counted as dropped. An id newer than the
 * newest broadcast (only a client of an earlier run of the server can have one) gets every
 * broadcast retained; an id that is not a number is ignored.
 *
 * <p>{@code ?client=ID} registers the stream in {@link DirectDelivery} until it closes, so
 * {@code POST /echo?client=ID} pushes the body down it as an event without an id (it is not a
 * broadcast, so it does not move the client's resume point).
 *
 * <table>
 *   <caption>Limits and defaults</caption>
 *   <tr><th>limit</th><th>default</th></tr>
 *   <tr><td>advertised reconnection time ({@code retry:})</td><td>{@value #DEFAULT_RETRY_MILLIS} ms</td></tr>
 *   <tr><td>heartbeat comment after writing nothing for</td><td>the server's heartbeat interval (15 s)</td></tr>
 *   <tr><td>broadcasts retained for resume</td><td>{@value MessageHistory#DEFAULT_CAPACITY} messages and
 *       {@value MessageHistory#DEFAULT_MAX_CHARS} characters, oldest evicted first</td></tr>
 *   <tr><td>bytes queued per subscriber</td><td>the server's subscriber buffer; beyond it broadcasts and
 *       echoes to that subscriber are dropped and counted</td></tr>
 * </table>
 *
 * <p>Thread-safe. Broadcasts arrive on the publisher's thread with the hub's lock held; each is
 * retained, then encoded once and handed to the streams' event loops by a {@link BroadcastFanOut},
 * which writes each stream the events of a batch as one chunk (over HTTP/2, one write of DATA)
 * and flushes it once.
 */
public final class SseEndpoint {

    /** The reconnection time advertised to clients by default, in milliseconds. */
    public static final long DEFAULT_RETRY_MILLIS = 1000;
    /** The text of the heartbeat comment. */
    public static final String HEARTBEAT = "hb";
    /** The header a reconnecting client names its last event id in. */
    public static final String LAST_EVENT_ID = "Last-Event-ID";

    private static final String CONTENT_TYPE = "text/event-stream";

    /** Events delimit themselves: a batch is their bytes end to end, one chunk (or one write of DATA). */
    private static final BroadcastFanOut.Batching EVENTS_END_TO_END = new BroadcastFanOut.Batching() {
        @Override
        public boolean takes(Channel subscriber) {
            return true;
        }

        @Override
        public void append(ByteBuf batch, ByteBuf event) {
            batch.writeBytes(event, event.readerIndex(), event.readableBytes());
        }

        @Override
        public Object message(ByteBuf batch) {
            return new DefaultHttpContent(batch);
        }
    };

    private final MessageHistory history;
    private final DirectDelivery direct;
    private final ServerStats stats;
    private final long heartbeatNanos;
    private final long retryMillis;
    private final BroadcastFanOut subscribers;
    /** Every open stream, to close them all at once. */
    private final ChannelGroup streams = new DefaultChannelGroup("sse-streams", GlobalEventExecutor.INSTANCE);
    /**
     * Makes "look up the history, then join the subscribers" one step with respect to "retain a
     * broadcast, then hand it to the subscribers", so a resuming stream neither misses nor repeats
     * the broadcast published in between.
     */
    private final Object joinLock = new Object();

    /** The endpoint with the default history and reconnection time, fed by {@code context}'s hub. */
    public SseEndpoint(ServerContext context) {
        this(context, new MessageHistory(), DEFAULT_RETRY_MILLIS);
    }

    /**
     * @param history     where broadcasts are retained for streams that resume
     * @param retryMillis the reconnection time advertised to clients, {@code >= 0} ms
     */
    public SseEndpoint(ServerContext context, MessageHistory history, long retryMillis) {
        if (retryMillis < 0) {
            throw new IllegalArgumentException("retry must be >= 0 ms, was " + retryMillis);
        }
        this.history = history;
        this.direct = context.direct();
        this.stats = context.stats();
        this.heartbeatNanos = context.heartbeatInterval().toNanos();
        this.retryMillis = retryMillis;
        this.subscribers = new BroadcastFanOut(context.mailboxes(), stats, new BroadcastFanOut.Format() {
            @Override
            public ByteBuf encode(long id, String text) {
                return SseEvents.event(ByteBufAllocator.DEFAULT, Long.toString(id), null, text);
            }

            @Override
            public Object frame(ByteBuf bytes) {
                return new DefaultHttpContent(bytes);
            }

            @Override
            public BroadcastFanOut.Batching batching() {
                return EVENTS_END_TO_END;
            }
        });
        context.hub().addListener(this::onBroadcast);
    }

    /** Whether {@code path} is this endpoint. */
    public boolean handles(String path) {
        return Paths.SSE.equals(path);
    }

    /**
     * Answers {@code request} with an event stream and hands the connection over to it: installs the
     * stream's handlers after the router, which removes itself. Does not keep {@code request}; the
     * caller releases it. Called on the channel's event loop, where the broadcasts after the ones
     * replayed are written, in later tasks: so they follow the replay. The stream counts as a
     * subscriber once it has joined, so any broadcast published after it is counted reaches it.
     */
    public void stream(ChannelHandlerContext router, FullHttpRequest request, QueryStringDecoder query) {
        Channel channel = router.channel();
        ChannelPipeline p = router.pipeline();
        p.addAfter(router.name(), "sse-stream", new SseStreamHandler(stats));
        p.addAfter(router.name(), "sse-idle", new IdleStateHandler(0, heartbeatNanos, 0, TimeUnit.NANOSECONDS));
        p.remove(router.handler());

        List<MessageHistory.Message> replay = join(channel, lastEventId(request));
        ByteBuf first = channel.alloc().buffer();
        SseEvents.writeRetry(first, retryMillis);
        for (MessageHistory.Message message : replay) {
            SseEvents.writeEvent(first, Long.toString(message.id()), null, message.text());
        }
        channel.write(response(request));
        channel.writeAndFlush(new DefaultHttpContent(first), channel.voidPromise());
        subscribe(channel, query.parameters().get(Paths.CLIENT_PARAM));
    }

    /**
     * Closes every event stream now, as a proxy restart would (fault injection); the clients resume
     * with {@code Last-Event-ID}. Waits until the connections are closed; call it off the event loops.
     */
    public void closeStreams() {
        streams.close().awaitUninterruptibly();
    }

    /** Counts the subscription and registers its client id, both until the channel closes. */
    private void subscribe(Channel channel, List<String> clientParam) {
        stats.subscribed();
        String clientId = clientParam == null || clientParam.isEmpty() ? null : clientParam.get(0);
        Consumer<String> sink = text -> SubscriberWrites.writeOrDrop(channel,
                new DefaultHttpContent(SseEvents.event(channel.alloc(), null, null, text)), stats);
        if (clientId != null) {
            direct.register(clientId, sink);
        }
        channel.closeFuture().addListener(f -> {
            stats.unsubscribed();
            if (clientId != null) {
                direct.unregister(clientId, sink);
            }
        });
    }

    /** Joins the broadcast; returns the retained broadcasts after {@code lastEventId} (none when null). */
    private List<MessageHistory.Message> join(Channel channel, Long lastEventId) {
        streams.add(channel);
        synchronized (joinLock) {
            subscribers.join(channel);
            if (lastEventId == null) {
                return List.of();
            }
            long after = lastEventId > history.newestId() ? -1 : lastEventId;
            MessageHistory.Slice slice = history.after(after, Integer.MAX_VALUE);
            stats.drop(slice.missed());
            return slice.messages();
        }
    }

    private static Long lastEventId(FullHttpRequest request) {
        String value = request.headers().get(LAST_EVENT_ID);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static HttpResponse response(FullHttpRequest request) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            // No chunked encoding in HTTP/1.0: the stream is the rest of the connection.
            HttpUtil.setKeepAlive(response, false);
        } else {
            HttpUtil.setTransferEncodingChunked(response, true);
        }
        return response;
    }

    /** Called with the hub's lock held, so events are retained and handed out in id order. */
    private void onBroadcast(long id, String text) {
        synchronized (joinLock) {
            history.append(id, text);
            subscribers.broadcast(id, text);
        }
    }
}
